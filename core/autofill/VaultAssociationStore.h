// VaultAssociationStore: the AssociationStore kept in the vault file — the association records
// of VaultContents (docs/FORMAT.md §3.5), saved with the vault's normal save.
//
// A view over the unlocked VaultContents: every name and key stays in its records in the arena.
// Changes mark the contents modified; the protocol commits (saves) after an association is
// added, and a touch is saved with the next save. A touch within touchIntervalMs of the
// recorded last use is skipped, so a busy browser does not rewrite the record on every request.
#pragma once

#include "autofill/AssociationStore.h"
#include "vault/VaultContents.h"

namespace arcanum::autofill {

class VaultAssociationStore : public AssociationStore
{
public:
    static constexpr std::int64_t touchIntervalMs = 60'000;

    explicit VaultAssociationStore(VaultContents& contents) : m_contents(&contents) {}

    [[nodiscard]] std::size_t count() const override { return m_contents->associationCount(); }
    [[nodiscard]] Association at(std::size_t index) const override;
    [[nodiscard]] Result<void> add(SecretSpan name, SecretSpan idKey, std::int64_t nowMs) override;
    [[nodiscard]] Result<void> remove(SecretSpan name) override;
    void touch(std::size_t index, std::int64_t nowMs) override;

private:
    VaultContents* m_contents;
};

} // namespace arcanum::autofill
