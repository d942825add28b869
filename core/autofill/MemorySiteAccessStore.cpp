#include "autofill/MemorySiteAccessStore.h"

#include <cstring>

namespace arcanum::autofill {

std::size_t MemorySiteAccessStore::find(const EntryId& entry, SecretSpan origin) const
{
    for (std::size_t i = 0; i < m_decisions.size(); ++i) {
        const Decision& d = m_decisions[i];
        if (d.entry == entry && d.origin.size() == origin.size() &&
            (origin.empty() || std::memcmp(d.origin.data(), origin.data(), origin.size()) == 0))
            return i;
    }
    return m_decisions.size();
}

SiteAccess MemorySiteAccessStore::access(const EntryId& entry, SecretSpan origin) const
{
    const std::size_t i = find(entry, origin);
    return i < m_decisions.size() ? m_decisions[i].access : SiteAccess::Unknown;
}

Result<void> MemorySiteAccessStore::setAccess(const EntryId& entry, SecretSpan origin,
                                              SiteAccess access)
{
    const std::size_t i = find(entry, origin);
    if (i < m_decisions.size()) {
        if (access == SiteAccess::Unknown)
            m_decisions.erase(m_decisions.begin() + std::ptrdiff_t(i));
        else
            m_decisions[i].access = access;
        return {};
    }
    if (access == SiteAccess::Unknown)
        return {};
    auto copy = m_arena->copyOf(origin);
    if (!copy)
        return copy.error();
    m_decisions.push_back({entry, std::move(copy.value()), access});
    return {};
}

EntryAutofillFlags MemorySiteAccessStore::flags(const EntryId& entry) const
{
    const auto it = m_flags.find(entry);
    return it == m_flags.end() ? EntryAutofillFlags{} : it->second;
}

} // namespace arcanum::autofill
