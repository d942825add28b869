#include "vault/EntryImporter.h"

#include "vault/Record.h"

#include <algorithm>

namespace arcanum {

namespace {

bool isRoot(SecretSpan part)
{
    static constexpr std::uint8_t root[] = {'R', 'o', 'o', 't'};
    return sameBytes(part, SecretSpan(root, sizeof root));
}

} // namespace

Result<EntryId> EntryImporter::groupForPath(VaultContents& contents, SecretSpan path)
{
    EntryId parent;
    bool first = true;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = start;
        while (end < path.size() && path[end] != '/')
            ++end;
        const SecretSpan part = path.sub(start, end - start);
        start = end + 1;
        const bool skip = part.empty() || (first && isRoot(part));
        first = false;
        if (skip)
            continue;
        std::optional<EntryId> found;
        for (std::size_t i = 0; i < contents.groupCount() && !found; ++i) {
            const GroupView group = contents.group(i);
            if (group.parent() == parent && sameBytes(group.name(), part))
                found = group.id();
        }
        if (!found) {
            auto created = contents.addGroup(part, parent);
            if (!created)
                return created.error();
            found = *created;
        }
        parent = *found;
    }
    return parent;
}

Result<std::size_t> EntryImporter::addAll(VaultContents& contents, SecretArena& arena,
                                          const std::vector<ImportedEntry>& entries,
                                          const std::optional<EntryId>& intoGroup)
{
    std::size_t added = 0;
    for (const ImportedEntry& imported : entries) {
        EntryDraft draft(arena);
        const std::pair<EntryField, SecretSpan> fields[] = {
            {EntryField::Title, imported.title},       {EntryField::Username, imported.username},
            {EntryField::Password, imported.password}, {EntryField::Url, imported.url},
            {EntryField::Notes, imported.notes},       {EntryField::Totp, imported.totp}};
        for (const auto& [field, value] : fields)
            if (auto set = draft.set(field, value); !set)
                return set.error();
        for (SecretSpan url : imported.otherUrls)
            if (auto added = draft.addUrl(url); !added)
                return added.error();
        for (const ImportedField& custom : imported.fields)
            if (auto set = draft.addCustomField(custom.name, custom.value, custom.isProtected);
                !set)
                return set.error();
        if (intoGroup) {
            draft.setGroup(*intoGroup);
        } else {
            auto group = groupForPath(contents, imported.group);
            if (!group)
                return group.error();
            draft.setGroup(*group);
        }
        if (auto entry = contents.addEntry(draft); !entry)
            return entry.error();
        ++added;
    }
    return added;
}

} // namespace arcanum
