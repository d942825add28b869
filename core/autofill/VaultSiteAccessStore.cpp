#include "autofill/VaultSiteAccessStore.h"

namespace arcanum::autofill {

SiteAccess VaultSiteAccessStore::access(const EntryId& entry, SecretSpan origin) const
{
    const auto index = m_contents->findEntry(entry);
    if (!index)
        return SiteAccess::Unknown;
    const auto decision = m_contents->entry(*index).siteAccess(origin);
    if (!decision)
        return SiteAccess::Unknown;
    return *decision == SiteDecision::Allow ? SiteAccess::Allowed : SiteAccess::Denied;
}

Result<void> VaultSiteAccessStore::setAccess(const EntryId& entry, SecretSpan origin,
                                             SiteAccess access)
{
    const auto index = m_contents->findEntry(entry);
    if (!index)
        return makeError(ErrorCode::NotFound, "The entry " + entry.toString() + " does not exist.");
    if (origin.empty())
        return makeError(ErrorCode::InvalidArgument, "A site decision needs the site's origin.");
    if (access == SiteAccess::Unknown) {
        if (!m_contents->entry(*index).siteAccess(origin))
            return {};
        return m_contents->removeSiteAccess(entry, origin);
    }
    const SiteDecision decision =
        access == SiteAccess::Allowed ? SiteDecision::Allow : SiteDecision::Deny;
    if (m_contents->entry(*index).siteAccess(origin) == decision)
        return {}; // unchanged: nothing to rewrite or save
    return m_contents->setSiteAccess(entry, origin, decision);
}

EntryAutofillFlags VaultSiteAccessStore::flags(const EntryId& entry) const
{
    const auto index = m_contents->findEntry(entry);
    if (!index)
        return {};
    const EntryView view = m_contents->entry(*index);
    return {view.allowsHttp(), view.isHiddenFromBrowser()};
}

} // namespace arcanum::autofill
