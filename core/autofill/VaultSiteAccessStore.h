// VaultSiteAccessStore: the SiteAccessStore kept in the vault file — each entry's remembered
// site decisions (its siteAccess records, docs/FORMAT.md §3.3) and its autofill flags.
//
// A view over the unlocked VaultContents; origins stay in the entries' records in the arena.
// Setting a decision is not an edit of the entry (no history version, same modified time); it
// marks the contents modified and is saved with the vault's next save (the protocol commits
// after the user answers).
#pragma once

#include "autofill/SiteAccessStore.h"
#include "vault/VaultContents.h"

namespace arcanum::autofill {

class VaultSiteAccessStore : public SiteAccessStore
{
public:
    explicit VaultSiteAccessStore(VaultContents& contents) : m_contents(&contents) {}

    [[nodiscard]] SiteAccess access(const EntryId& entry, SecretSpan origin) const override;
    [[nodiscard]] Result<void> setAccess(const EntryId& entry, SecretSpan origin,
                                         SiteAccess access) override;
    [[nodiscard]] EntryAutofillFlags flags(const EntryId& entry) const override;

private:
    VaultContents* m_contents;
};

} // namespace arcanum::autofill
