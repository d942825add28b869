// SiteAccessStore: what the user decided about giving an entry to a site ("allow always" /
// "deny", remembered per entry and per origin), and each entry's autofill flags.
//
// Origins are SiteMatcher::origin() texts ("https://login.example.com"). Changing a decision is
// not an edit of the entry: no history version is made. VaultSiteAccessStore keeps them in
// the vault file; MemorySiteAccessStore for one unlock (tests).
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"
#include "vault/EntryId.h"

namespace arcanum::autofill {

enum class SiteAccess
{
    Unknown, // never decided: ask
    Allowed,
    Denied
};

struct EntryAutofillFlags
{
    bool allowHttp = false;       // may be offered to http:// pages
    bool hideFromBrowser = false; // never offered, never updated by the browser
};

class SiteAccessStore
{
public:
    virtual ~SiteAccessStore() = default;

    [[nodiscard]] virtual SiteAccess access(const EntryId& entry, SecretSpan origin) const = 0;
    // Remembers a decision (Unknown forgets it). NotFound for an unknown entry.
    [[nodiscard]] virtual Result<void> setAccess(const EntryId& entry, SecretSpan origin,
                                                 SiteAccess access) = 0;
    [[nodiscard]] virtual EntryAutofillFlags flags(const EntryId& entry) const = 0;
};

} // namespace arcanum::autofill
