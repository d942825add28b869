// MemorySiteAccessStore: a SiteAccessStore kept in an arena for as long as it lives (one
// unlock), for tests. The app uses VaultSiteAccessStore. It does
// not know the vault's entries: any id is accepted.
#pragma once

#include "autofill/SiteAccessStore.h"
#include "secret/SecretArena.h"

#include <map>
#include <vector>

namespace arcanum::autofill {

class MemorySiteAccessStore : public SiteAccessStore
{
public:
    explicit MemorySiteAccessStore(SecretArena& arena) : m_arena(&arena) {}

    [[nodiscard]] SiteAccess access(const EntryId& entry, SecretSpan origin) const override;
    [[nodiscard]] Result<void> setAccess(const EntryId& entry, SecretSpan origin,
                                         SiteAccess access) override;
    [[nodiscard]] EntryAutofillFlags flags(const EntryId& entry) const override;

    void setFlags(const EntryId& entry, const EntryAutofillFlags& flags) { m_flags[entry] = flags; }
    [[nodiscard]] std::size_t decisionCount() const { return m_decisions.size(); }

private:
    struct Decision
    {
        EntryId entry;
        SecretBuffer origin;
        SiteAccess access = SiteAccess::Unknown;
    };
    [[nodiscard]] std::size_t find(const EntryId& entry, SecretSpan origin) const;

    SecretArena* m_arena;
    std::vector<Decision> m_decisions; // handles; the origins are in the arena
    std::map<EntryId, EntryAutofillFlags> m_flags;
};

} // namespace arcanum::autofill
