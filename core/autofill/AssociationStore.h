// AssociationStore: the browsers a vault trusts, each under a name the user gave it when
// confirming the association, with the browser's 32-byte identification key.
//
// The identification key acts as a password (whoever shows it passes test-associate), so names
// and keys are vault content: an implementation keeps them in the vault's arena, and spans it
// returns are valid until the store changes or the vault locks. VaultAssociationStore keeps
// them in the vault file; MemoryAssociationStore for one unlock (tests).
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace arcanum::autofill {

class AssociationStore
{
public:
    static constexpr std::size_t idKeyBytes = 32;

    struct Association
    {
        SecretSpan name;  // UTF-8, as the user typed it
        SecretSpan idKey; // idKeyBytes bytes
        std::int64_t createdMs = 0;
        std::int64_t lastUsedMs = 0;
    };

    virtual ~AssociationStore() = default;

    [[nodiscard]] virtual std::size_t count() const = 0;
    [[nodiscard]] virtual Association at(std::size_t index) const = 0;
    // Adds an association, or replaces the key of the one called `name` (the GUI asks before).
    // InvalidArgument for an empty name or a key that is not idKeyBytes long.
    [[nodiscard]] virtual Result<void> add(SecretSpan name, SecretSpan idKey,
                                           std::int64_t nowMs) = 0;
    // NotFound when there is none of that name.
    [[nodiscard]] virtual Result<void> remove(SecretSpan name) = 0;
    // Notes a successful use; may be saved with the next change rather than at once.
    virtual void touch(std::size_t index, std::int64_t nowMs) = 0;

    // The association called exactly `name`.
    [[nodiscard]] std::optional<std::size_t> find(SecretSpan name) const;
    // The association called `name` whose key is `idKey` (constant-time key comparison).
    [[nodiscard]] std::optional<std::size_t> verify(SecretSpan name, SecretSpan idKey) const;
};

} // namespace arcanum::autofill
