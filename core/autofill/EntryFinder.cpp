#include "autofill/EntryFinder.h"

#include "text/CaseFold.h"

#include <algorithm>

namespace arcanum::autofill {

std::vector<EntryFinder::Match> EntryFinder::find(const VaultContents& contents, SiteMatcher& site,
                                                  const SiteAccessStore& access)
{
    std::vector<Match> matches;
    for (std::size_t i = 0; i < contents.entryCount(); ++i) {
        const EntryView entry = contents.entry(i);
        SiteMatcher::Score best = SiteMatcher::NoMatch;
        bool checkedFlags = false;
        EntryAutofillFlags flags;
        entry.forEachUrl([&](SecretSpan url) {
            if (best == SiteMatcher::SamePath)
                return;
            if (!checkedFlags) { // only for entries that have a URL at all
                flags = access.flags(entry.id());
                checkedFlags = true;
            }
            if (!flags.hideFromBrowser)
                best = std::max(best, site.score(url, flags.allowHttp));
        });
        if (best != SiteMatcher::NoMatch)
            matches.push_back({i, entry.id(), best});
    }
    std::stable_sort(matches.begin(), matches.end(), [&](const Match& a, const Match& b) {
        if (a.score != b.score)
            return a.score > b.score;
        const EntryView ea = contents.entry(a.index), eb = contents.entry(b.index);
        if (const int c = CaseFold::compare(ea.title(), eb.title()); c != 0)
            return c < 0;
        return CaseFold::compare(ea.username(), eb.username()) < 0;
    });
    return matches;
}

} // namespace arcanum::autofill
