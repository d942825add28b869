// EntryFinder: the vault's entries whose URLs fit a site, best first.
//
// Runs over the arena in place (EntryView spans); entries hidden from the browser are left out.
// The result holds entry indexes and ids only (not secret), valid until the vault changes.
#pragma once

#include "autofill/SiteAccessStore.h"
#include "autofill/SiteMatcher.h"
#include "vault/VaultContents.h"

#include <vector>

namespace arcanum::autofill {

class EntryFinder
{
public:
    struct Match
    {
        std::size_t index = 0;
        EntryId id;
        SiteMatcher::Score score = SiteMatcher::NoMatch;
    };

    // Best score of any of each entry's URLs; ordered by score, then title, then user name.
    [[nodiscard]] static std::vector<Match> find(const VaultContents& contents, SiteMatcher& site,
                                                 const SiteAccessStore& access);
};

} // namespace arcanum::autofill
