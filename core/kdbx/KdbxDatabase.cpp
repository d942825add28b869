#include "kdbx/KdbxDatabase.h"

#include <cstring>

namespace arcanum {

void KdbxDatabase::forEachBrowserAssociation(
    const std::function<void(SecretSpan name, SecretSpan value)>& visit) const
{
    const std::size_t prefix = browserAssociationPrefix.size();
    for (const KdbxCustomDataItem& item : customData) {
        if (item.key.size() > prefix &&
            std::memcmp(item.key.data(), browserAssociationPrefix.data(), prefix) == 0)
            visit(item.key.sub(prefix), item.value);
    }
}

std::uint32_t KdbxDatabase::addGroup(std::optional<std::uint32_t> parent, SecretSpan name)
{
    const auto index = static_cast<std::uint32_t>(groups.size());
    KdbxGroup group;
    group.uuid = KdbxUuid::random();
    group.parent = parent;
    group.name = name;
    groups.push_back(std::move(group));
    if (parent)
        groups[*parent].groups.push_back(index);
    return index;
}

std::uint32_t KdbxDatabase::addEntry(std::uint32_t group)
{
    const auto index = static_cast<std::uint32_t>(entries.size());
    KdbxEntry entry;
    entry.uuid = KdbxUuid::random();
    entry.group = group;
    entries.push_back(std::move(entry));
    groups[group].entries.push_back(index);
    return index;
}

} // namespace arcanum
