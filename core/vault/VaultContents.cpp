#include "vault/VaultContents.h"

#include "text/CaseFold.h"
#include "vault/Record.h"
#include "vault/RecordWriter.h"
#include "vault/Tags.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <utility>

namespace arcanum {

namespace {

Error damaged(const std::string& what)
{
    return Error{ErrorCode::FileDamaged, "The vault's content is damaged: " + what + "."};
}

Error notFound(const char* what, const EntryId& id)
{
    return Error{ErrorCode::NotFound,
                 std::string("No ") + what + " with id " + id.toString() + " in this vault."};
}

Result<void> validateMeta(SecretSpan value)
{
    RecordReader reader(value);
    Record record;
    while (reader.next(record)) {
        if (record.tag == tags::metaCreated && record.value.size() != 8)
            return damaged("the creation time is not 8 bytes");
        if (record.tag == tags::metaHistoryLimit && record.value.size() != 4)
            return damaged("the history limit is not 4 bytes");
        if (record.tag > tags::metaName && !record.isIgnorable())
            return Error{ErrorCode::UnsupportedVersion,
                         "The vault's settings use record tag " + std::to_string(record.tag) +
                             " that this version of Arcanum does not know; a newer version "
                             "wrote it."};
    }
    return reader.damaged() ? Result<void>(damaged("the settings record runs past its end"))
                            : Result<void>();
}

Result<void> validateTombstone(SecretSpan value)
{
    RecordReader reader(value);
    Record record;
    int ids = 0;
    while (reader.next(record)) {
        if (record.tag == tags::tombstoneId && record.value.size() == EntryId::size)
            ++ids;
        else if (record.tag == tags::tombstoneDeleted && record.value.size() == 8)
            continue;
        else if (!record.isIgnorable())
            return damaged("a deletion record is malformed");
    }
    if (reader.damaged() || ids != 1)
        return damaged("a deletion record is malformed");
    return {};
}

} // namespace

std::int64_t VaultContents::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

VaultContents::Slot VaultContents::ownedSlot(SecretBuffer record)
{
    Slot slot;
    slot.whole = record.span();
    slot.owned = std::move(record);
    return slot;
}

Result<VaultContents> VaultContents::createEmpty(SecretArena& arena)
{
    RecordWriter writer(arena, 64);
    const std::size_t mark = writer.begin(tags::meta);
    writer.addU64(tags::metaCreated, static_cast<std::uint64_t>(nowMs()));
    writer.addU32(tags::metaHistoryLimit, defaultHistoryLimit);
    writer.end(mark);
    auto payload = writer.finish();
    if (!payload)
        return payload.error();
    auto contents = load(std::move(payload.value()), arena);
    if (contents)
        contents->m_modified = true;
    return contents;
}

Result<VaultContents> VaultContents::load(SecretBuffer payload, SecretArena& arena)
{
    VaultContents contents(arena);
    contents.m_payload = std::move(payload);
    if (auto indexed = contents.index(contents.m_payload.span()); !indexed)
        return indexed.error();
    return contents;
}

Result<void> VaultContents::index(SecretSpan payload)
{
    m_meta = {};
    m_groups.clear();
    m_entries.clear();
    m_tombstones.clear();
    m_opaque.clear();
    RecordReader reader(payload);
    Record record;
    bool first = true;
    while (reader.next(record)) {
        if (first && record.tag != tags::meta)
            return damaged("it does not start with the vault settings");
        first = false;
        Slot slot;
        slot.whole = record.whole;
        switch (record.tag) {
        case tags::meta:
            if (!m_meta.whole.empty())
                return damaged("the settings record appears twice");
            if (auto valid = validateMeta(record.value); !valid)
                return valid;
            m_meta = std::move(slot);
            break;
        case tags::group:
            if (auto valid = GroupView::validate(record.value); !valid)
                return valid;
            m_groups.push_back(std::move(slot));
            break;
        case tags::entry:
            if (auto valid = EntryView::validate(record.value); !valid)
                return valid;
            m_entries.push_back(std::move(slot));
            break;
        case tags::tombstone:
            if (auto valid = validateTombstone(record.value); !valid)
                return valid;
            m_tombstones.push_back(std::move(slot));
            break;
        default:
            if (!record.isIgnorable())
                return Error{ErrorCode::UnsupportedVersion,
                             "The vault holds a record of type " + std::to_string(record.tag) +
                                 " that this version of Arcanum does not know; a newer version "
                                 "wrote it."};
            m_opaque.push_back(std::move(slot));
        }
    }
    if (reader.damaged())
        return damaged("a record runs past the end");
    if (first)
        return damaged("it is empty");
    // Identifiers must be unique; sort a copy of them (ids are metadata, not plaintext). As
    // pairs of integers, which compare inline: the order is irrelevant, only neighbours count.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ids(m_entries.size());
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const EntryId id = entry(i).id();
        std::memcpy(&ids[i].first, id.bytes().data(), 8);
        std::memcpy(&ids[i].second, id.bytes().data() + 8, 8);
    }
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end())
        return damaged("two entries share one identifier");
    return {};
}

Result<SecretBuffer> VaultContents::serialize() const
{
    RecordWriter writer(*m_arena, payloadBytes());
    writer.appendRaw(m_meta.whole);
    for (const auto* list : {&m_groups, &m_entries, &m_tombstones, &m_opaque})
        for (const Slot& slot : *list)
            writer.appendRaw(slot.whole);
    return writer.finish();
}

Result<void> VaultContents::adopt(SecretBuffer payload)
{
    // index() re-points every slot into the new buffer, in the same order serialize() wrote.
    SecretBuffer previous = std::move(m_payload);
    m_payload = std::move(payload);
    std::vector<Slot> oldGroups = std::move(m_groups), oldEntries = std::move(m_entries),
                      oldTombstones = std::move(m_tombstones), oldOpaque = std::move(m_opaque);
    Slot oldMeta = std::move(m_meta);
    if (auto indexed = index(m_payload.span()); !indexed) {
        // Cannot happen for serialize()'s own output; keep the old state if it ever does.
        m_payload = std::move(previous);
        m_meta = std::move(oldMeta);
        m_groups = std::move(oldGroups);
        m_entries = std::move(oldEntries);
        m_tombstones = std::move(oldTombstones);
        m_opaque = std::move(oldOpaque);
        return indexed;
    }
    m_modified = false;
    return {};
}

std::size_t VaultContents::payloadBytes() const
{
    std::size_t total = m_meta.whole.size();
    for (const auto* list : {&m_groups, &m_entries, &m_tombstones, &m_opaque})
        for (const Slot& slot : *list)
            total += slot.whole.size();
    return total;
}

EntryView VaultContents::entry(std::size_t index) const
{
    return EntryView(m_entries[index].value());
}

std::optional<std::size_t> VaultContents::findEntry(const EntryId& id) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const SecretSpan value = RecordReader::findFirst(m_entries[i].value(), tags::entryId);
        if (value.size() == EntryId::size &&
            std::equal(value.begin(), value.end(), id.bytes().begin()))
            return i;
    }
    return std::nullopt;
}

std::vector<std::size_t> VaultContents::findByTitle(SecretSpan title) const
{
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const SecretSpan candidate = entry(i).title();
        if (candidate.size() == title.size() &&
            std::equal(candidate.begin(), candidate.end(), title.begin()))
            found.push_back(i);
    }
    return found;
}

std::vector<std::size_t> VaultContents::search(const SearchQuery& query,
                                               const std::optional<EntryId>& group) const
{
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const EntryView view = entry(i);
        if (group && view.group() != *group)
            continue;
        if (query.isEmpty()) {
            found.push_back(i);
            continue;
        }
        bool hit = false;
        view.forEachRecord([&](const Record& record) {
            if (hit)
                return;
            switch (record.tag) {
            case tags::title:
            case tags::username:
            case tags::url:
            case tags::notes:
            case tags::tag:
                hit = query.matches(record.value);
                break;
            default:
                break;
            }
        });
        if (hit)
            found.push_back(i);
    }
    return found;
}

void VaultContents::sortByTitle(std::vector<std::size_t>& indexes) const
{
    sortEntries(indexes, Order::Title);
}

void VaultContents::sortEntries(std::vector<std::size_t>& indexes, Order order,
                                bool descending) const
{
    // Compares in place in the arena (CaseFold reads the spans); nothing is copied.
    const auto byKey = [order](const EntryView& x, const EntryView& y) -> int {
        switch (order) {
        case Order::Username:
            return CaseFold::compare(x.username(), y.username());
        case Order::Url:
            return CaseFold::compare(x.url(), y.url());
        case Order::Modified:
            return x.modified() < y.modified() ? -1 : x.modified() > y.modified() ? 1 : 0;
        case Order::Title:
            break;
        }
        return 0;
    };
    std::stable_sort(indexes.begin(), indexes.end(), [&](std::size_t a, std::size_t b) {
        const EntryView x = entry(a), y = entry(b);
        int result = byKey(x, y);
        if (result == 0)
            result = CaseFold::compare(x.title(), y.title());
        if (result == 0)
            result = CaseFold::compare(x.username(), y.username());
        if (result == 0)
            result = CaseFold::compareBytes(x.title(), y.title());
        return descending ? result > 0 : result < 0;
    });
}

Result<EntryId> VaultContents::addEntry(const EntryDraft& draft)
{
    if (!draft.group().isNull() && !findGroup(draft.group()))
        return notFound("group", draft.group());
    const EntryId id = EntryId::random();
    const std::int64_t now = nowMs();
    auto record = draft.buildRecord(id, now, now, nullptr, 0);
    if (!record)
        return record.error();
    m_entries.push_back(ownedSlot(std::move(record.value())));
    m_modified = true;
    return id;
}

Result<void> VaultContents::updateEntry(const EntryId& id, const EntryDraft& draft)
{
    const auto index = findEntry(id);
    if (!index)
        return notFound("entry", id);
    if (!draft.group().isNull() && !findGroup(draft.group()))
        return notFound("group", draft.group());
    const EntryView previous = entry(*index);
    auto record = draft.buildRecord(id, previous.created(), nowMs(), &previous, historyLimit());
    if (!record)
        return record.error();
    m_entries[*index] = ownedSlot(std::move(record.value())); // frees the old owned record
    m_modified = true;
    return {};
}

Result<void> VaultContents::moveEntry(const EntryId& id, const EntryId& group)
{
    const auto index = findEntry(id);
    if (!index)
        return notFound("entry", id);
    auto draft = EntryDraft::fromEntry(entry(*index), *m_arena);
    if (!draft)
        return draft.error();
    draft->setGroup(group);
    return updateEntry(id, *draft);
}

Result<void> VaultContents::restoreVersion(const EntryId& id, std::size_t version)
{
    const auto index = findEntry(id);
    if (!index)
        return notFound("entry", id);
    const EntryView current = entry(*index);
    const std::optional<EntryView> chosen = current.historyVersion(version);
    if (!chosen)
        return Error{ErrorCode::NotFound, "The entry with id " + id.toString() +
                                              " has no earlier version " + std::to_string(version) +
                                              " (it has " + std::to_string(current.historyCount()) +
                                              ")."};
    // The draft copies every field, so updateEntry() may free the record `chosen` points into.
    auto draft = EntryDraft::fromEntry(*chosen, *m_arena);
    if (!draft)
        return draft.error();
    draft->setGroup(current.group());
    return updateEntry(id, *draft);
}

Result<void> VaultContents::removeEntry(const EntryId& id)
{
    const auto index = findEntry(id);
    if (!index)
        return notFound("entry", id);
    if (auto added = addTombstone(id); !added)
        return added;
    m_entries.erase(m_entries.begin() + static_cast<std::ptrdiff_t>(*index));
    m_modified = true;
    return {};
}

Result<void> VaultContents::addTombstone(const EntryId& id)
{
    RecordWriter writer(*m_arena, 48);
    const std::size_t mark = writer.begin(tags::tombstone);
    writer.add(tags::tombstoneId, SecretSpan(id.bytes()));
    writer.addU64(tags::tombstoneDeleted, static_cast<std::uint64_t>(nowMs()));
    writer.end(mark);
    auto record = writer.finish();
    if (!record)
        return record.error();
    m_tombstones.push_back(ownedSlot(std::move(record.value())));
    return {};
}

GroupView VaultContents::group(std::size_t index) const
{
    return GroupView(m_groups[index].value());
}

std::optional<std::size_t> VaultContents::findGroup(const EntryId& id) const
{
    for (std::size_t i = 0; i < m_groups.size(); ++i)
        if (group(i).id() == id)
            return i;
    return std::nullopt;
}

namespace {

Result<SecretBuffer> groupRecord(SecretArena& arena, const EntryId& id, const EntryId& parent,
                                 SecretSpan name)
{
    RecordWriter writer(arena, 64 + name.size());
    const std::size_t mark = writer.begin(tags::group);
    writer.add(tags::groupId, SecretSpan(id.bytes()));
    writer.add(tags::groupParent, SecretSpan(parent.bytes()));
    writer.add(tags::groupName, name);
    writer.addU64(tags::groupModified, static_cast<std::uint64_t>(VaultContents::nowMs()));
    writer.end(mark);
    return writer.finish();
}

} // namespace

Result<EntryId> VaultContents::addGroup(SecretSpan name, const EntryId& parent)
{
    if (!parent.isNull() && !findGroup(parent))
        return notFound("group", parent);
    const EntryId id = EntryId::random();
    auto record = groupRecord(*m_arena, id, parent, name);
    if (!record)
        return record.error();
    m_groups.push_back(ownedSlot(std::move(record.value())));
    m_modified = true;
    return id;
}

Result<void> VaultContents::renameGroup(const EntryId& id, SecretSpan name)
{
    const auto index = findGroup(id);
    if (!index)
        return notFound("group", id);
    auto record = groupRecord(*m_arena, id, group(*index).parent(), name);
    if (!record)
        return record.error();
    m_groups[*index] = ownedSlot(std::move(record.value()));
    m_modified = true;
    return {};
}

Result<void> VaultContents::checkGroupRemovable(const EntryId& id) const
{
    if (!findGroup(id))
        return notFound("group", id);
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (entry(i).group() == id)
            return Error{ErrorCode::InvalidArgument,
                         "The group still holds entries; move or delete them first."};
    for (std::size_t i = 0; i < m_groups.size(); ++i)
        if (group(i).parent() == id)
            return Error{ErrorCode::InvalidArgument,
                         "The group still holds other groups; move or delete them first."};
    return {};
}

Result<void> VaultContents::removeGroup(const EntryId& id)
{
    if (auto removable = checkGroupRemovable(id); !removable)
        return removable;
    const auto index = findGroup(id);
    if (auto added = addTombstone(id); !added)
        return added;
    m_groups.erase(m_groups.begin() + static_cast<std::ptrdiff_t>(*index));
    m_modified = true;
    return {};
}

std::uint32_t VaultContents::historyLimit() const
{
    const SecretSpan value = RecordReader::findFirst(m_meta.value(), tags::metaHistoryLimit);
    return value.size() == 4 ? RecordReader::readU32(value.data()) : defaultHistoryLimit;
}

std::int64_t VaultContents::createdAt() const
{
    return RecordReader::timeOf(RecordReader::findFirst(m_meta.value(), tags::metaCreated));
}

} // namespace arcanum
