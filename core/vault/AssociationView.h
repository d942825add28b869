// AssociationView: read access to one browser association record in the arena
// (docs/FORMAT.md §3.5), like EntryView.
//
// An association is what the KeePassXC-Browser extension and Arcanum agreed on once the user
// confirmed it: a name (the protocol's "id", chosen by the user) and the extension's 32-byte
// identity public key ("idKey"). Both are plaintext and stay in the arena: a request that names
// the association and proves the key is treated as the user's browser.
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"
#include "vault/Record.h"

#include <cstdint>

namespace arcanum {

class AssociationView
{
public:
    static constexpr std::size_t keyBytes = 32;

    explicit AssociationView(SecretSpan recordValue) : m_value(recordValue) {}

    [[nodiscard]] SecretSpan name() const;
    [[nodiscard]] SecretSpan key() const; // 32 bytes
    [[nodiscard]] std::int64_t created() const;
    [[nodiscard]] std::int64_t lastUsed() const;

    [[nodiscard]] SecretSpan recordValue() const { return m_value; }

    // FORMAT.md §3.5: one non-empty name, one 32-byte key, 6-byte times, no unknown
    // non-ignorable tags. (Distinct names across the vault: VaultContents.)
    [[nodiscard]] static Result<void> validate(SecretSpan recordValue);

private:
    [[nodiscard]] SecretSpan first(std::uint8_t tag) const
    {
        return RecordReader::findFirst(m_value, tag);
    }
    SecretSpan m_value;
};

} // namespace arcanum
