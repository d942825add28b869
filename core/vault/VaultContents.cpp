#include "vault/VaultContents.h"

#include "text/CaseFold.h"
#include "vault/PayloadUpgrade.h"
#include "vault/Record.h"
#include "vault/RecordWriter.h"
#include "vault/Tags.h"

#include <algorithm>
#include <bitset>
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

// Checks meta (FORMAT.md §3.1); tells whether it holds the vault identity.
Result<bool> validateMeta(SecretSpan value)
{
    RecordReader reader(value);
    Record record;
    std::bitset<8> seen;
    while (reader.next(record)) {
        const std::uint8_t tag = record.tag;
        if (tag == 0 || tag > tags::metaIdentity) {
            if (record.isIgnorable())
                continue;
            return unknownTagError("The vault's settings record", tag);
        }
        if (seen.test(tag))
            return damaged("a vault setting appears twice");
        seen.set(tag);
        if (tag == tags::metaCreated && record.value.size() != Record::timeBytes)
            return damaged("the creation time is not 6 bytes");
        if (tag == tags::metaHistoryLimit && record.value.size() != 4)
            return damaged("the history limit is not 4 bytes");
        if (tag == tags::metaIdentity && (record.value.size() != VaultContents::identityBytes ||
                                          EntryId(record.value.data()).isNull()))
            return damaged("the vault identity is not 16 bytes, or zero");
    }
    if (reader.damaged())
        return damaged("the settings record runs past its end");
    return seen.test(tags::metaIdentity);
}

Result<void> validateTombstone(SecretSpan value)
{
    RecordReader reader(value);
    Record record;
    int ids = 0, times = 0;
    while (reader.next(record)) {
        if (record.tag == tags::tombstoneId && record.value.size() == EntryId::size)
            ++ids;
        else if (record.tag == tags::tombstoneDeleted && record.value.size() == Record::timeBytes)
            ++times;
        else if (!record.isIgnorable())
            return damaged("a deletion record is malformed");
    }
    if (reader.damaged() || ids != 1 || times > 1)
        return damaged("a deletion record is malformed");
    return {};
}

// A copy of the container record `value` (tagged `containerTag`) without the records `drop`
// picks, and with what `write` adds at its place in table order: before the first record whose
// tag is above `position` (history and unknown ignorable fields stay last).
template <typename Drop, typename Write>
Result<SecretBuffer> rebuilt(SecretArena& arena, std::uint8_t containerTag, SecretSpan value,
                             std::uint8_t position, Drop drop, Write write)
{
    RecordWriter writer(arena, value.size() + 64);
    const std::size_t mark = writer.begin(containerTag);
    bool written = false;
    RecordReader reader(value);
    Record record;
    while (reader.next(record)) {
        if (drop(record))
            continue;
        if (!written && record.tag > position) {
            write(writer);
            written = true;
        }
        writer.appendRaw(record.whole);
    }
    if (!written)
        write(writer);
    writer.end(mark);
    return writer.finish();
}

} // namespace

std::int64_t VaultContents::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Result<VaultContents> VaultContents::createEmpty(SecretArena& arena)
{
    RecordWriter writer(arena, 64);
    const std::size_t mark = writer.begin(tags::meta);
    writer.addTime(tags::metaCreated, nowMs());
    writer.addU32(tags::metaHistoryLimit, defaultHistoryLimit);
    writer.addId(tags::metaIdentity, EntryId::random().bytes());
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
    if (auto indexed = contents.index(contents.m_payload.span(), Identity::Required); !indexed)
        return indexed.error();
    return contents;
}

Result<VaultContents> VaultContents::loadVersion1(SecretBuffer payload, SecretArena& arena)
{
    if (auto upgraded = PayloadUpgrade::fromVersion1(payload); !upgraded)
        return upgraded.error();
    VaultContents contents(arena);
    contents.m_payload = std::move(payload);
    if (auto indexed = contents.index(contents.m_payload.span(), Identity::AddIfMissing); !indexed)
        return indexed.error();
    return contents;
}

Result<void> VaultContents::index(SecretSpan payload, Identity identity)
{
    m_items = Items();
    RecordReader reader(payload);
    Record record;
    bool first = true, hasIdentity = false;
    std::vector<EntryId> attachmentData; // the data ids entries refer to
    while (reader.next(record)) {
        if (first && record.tag != tags::meta)
            return damaged("it does not start with the vault settings");
        first = false;
        switch (record.tag) {
        case tags::meta: {
            if (!m_items.meta.whole.empty())
                return damaged("the settings record appears twice");
            auto valid = validateMeta(record.value);
            if (!valid)
                return valid.error();
            hasIdentity = *valid;
            m_items.meta = RecordSlot::borrowed(record);
            break;
        }
        case tags::group:
            if (auto valid = GroupView::validate(record.value); !valid)
                return valid;
            m_items.groups.push_back(RecordSlot::borrowed(record));
            break;
        case tags::entry:
            if (auto valid = EntryView::validate(record.value, false, &attachmentData); !valid)
                return valid;
            m_items.entries.push_back(RecordSlot::borrowed(record));
            break;
        case tags::tombstone:
            if (auto valid = validateTombstone(record.value); !valid)
                return valid;
            m_items.tombstones.push_back(RecordSlot::borrowed(record));
            break;
        case tags::association:
            if (auto valid = AssociationView::validate(record.value); !valid)
                return valid;
            for (const RecordSlot& other : m_items.associations)
                if (sameBytes(AssociationView(other.value()).name(),
                              AssociationView(record.value).name()))
                    return damaged("two browser associations have the same name");
            m_items.associations.push_back(RecordSlot::borrowed(record));
            break;
        case tags::attachmentData:
            if (auto valid = AttachmentStore::validate(record.value); !valid)
                return valid;
            m_items.attachments.addLoaded(record);
            break;
        default:
            if (!record.isIgnorable())
                return unknownTagError("The vault's top level", record.tag);
            m_items.opaque.push_back(RecordSlot::borrowed(record));
        }
    }
    if (reader.damaged())
        return damaged("a record runs past the end");
    if (first)
        return damaged("it is empty");
    if (!hasIdentity && identity == Identity::Required)
        return damaged("it has no vault identity");
    // Identifiers must be unique; sort a copy of them (ids are metadata, not plaintext). As
    // pairs of integers, which compare inline: the order is irrelevant, only neighbours count.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ids(m_items.entries.size());
    for (std::size_t i = 0; i < m_items.entries.size(); ++i) {
        const EntryId id = entry(i).id();
        std::memcpy(&ids[i].first, id.bytes().data(), 8);
        std::memcpy(&ids[i].second, id.bytes().data() + 8, 8);
    }
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end())
        return damaged("two entries share one identifier");
    if (auto checked = m_items.attachments.checkLoaded(attachmentData); !checked)
        return checked;
    if (!hasIdentity)
        return writeIdentity(EntryId::random().bytes());
    return {};
}

Result<SecretBuffer> VaultContents::serialize() const
{
    RecordWriter writer(*m_arena, payloadBytes());
    writer.appendRaw(m_items.meta.whole);
    for (const auto* list :
         {&m_items.groups, &m_items.entries, &m_items.tombstones, &m_items.associations,
          &m_items.attachments.records(), &m_items.opaque})
        for (const RecordSlot& slot : *list)
            writer.appendRaw(slot.whole);
    return writer.finish();
}

Result<void> VaultContents::adopt(SecretBuffer payload)
{
    // index() re-points every slot into the new buffer, in the same order serialize() wrote.
    SecretBuffer previous = std::move(m_payload);
    Items oldItems = std::move(m_items);
    m_payload = std::move(payload);
    if (auto indexed = index(m_payload.span(), Identity::Required); !indexed) {
        // Cannot happen for serialize()'s own output; keep the old state if it ever does.
        m_payload = std::move(previous);
        m_items = std::move(oldItems);
        return indexed;
    }
    m_modified = false;
    return {};
}

std::size_t VaultContents::payloadBytes() const
{
    std::size_t total = m_items.meta.whole.size();
    for (const auto* list :
         {&m_items.groups, &m_items.entries, &m_items.tombstones, &m_items.associations,
          &m_items.attachments.records(), &m_items.opaque})
        for (const RecordSlot& slot : *list)
            total += slot.whole.size();
    return total;
}

EntryView VaultContents::entry(std::size_t index) const
{
    return EntryView(m_items.entries[index].value());
}

std::optional<std::size_t> VaultContents::findEntry(const EntryId& id) const
{
    for (std::size_t i = 0; i < m_items.entries.size(); ++i) {
        const SecretSpan value = RecordReader::findFirst(m_items.entries[i].value(), tags::entryId);
        if (value.size() == EntryId::size &&
            std::equal(value.begin(), value.end(), id.bytes().begin()))
            return i;
    }
    return std::nullopt;
}

std::vector<std::size_t> VaultContents::findByTitle(SecretSpan title) const
{
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < m_items.entries.size(); ++i) {
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
    for (std::size_t i = 0; i < m_items.entries.size(); ++i) {
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

Result<std::vector<EntryId>> VaultContents::storeAttachments(const EntryDraft& draft)
{
    std::vector<EntryId> data;
    data.reserve(draft.attachments().size());
    for (const EntryDraft::Attachment& attachment : draft.attachments()) {
        if (!attachment.stored.isNull()) {
            if (!m_items.attachments.contains(attachment.stored))
                return notFound("attachment data", attachment.stored);
            data.push_back(attachment.stored);
            continue;
        }
        auto stored = m_items.attachments.store(attachment.data.span(), *m_arena);
        if (!stored)
            return stored.error();
        data.push_back(*stored);
    }
    return data;
}

void VaultContents::dropUnusedAttachmentData()
{
    if (m_items.attachments.empty())
        return;
    std::vector<EntryId> referenced;
    for (std::size_t i = 0; i < m_items.entries.size(); ++i)
        entry(i).collectAttachmentData(referenced);
    m_items.attachments.keepOnly(std::move(referenced));
}

Result<EntryId> VaultContents::addEntry(const EntryDraft& draft)
{
    if (!draft.group().isNull() && !findGroup(draft.group()))
        return notFound("group", draft.group());
    auto attachments = storeAttachments(draft);
    if (!attachments)
        return attachments.error();
    const EntryId id = EntryId::random();
    const std::int64_t now = nowMs();
    auto record = draft.buildRecord(id, now, now, nullptr, 0, *attachments);
    if (!record)
        return record.error();
    m_items.entries.push_back(RecordSlot::owning(std::move(record.value())));
    m_modified = true;
    return id;
}

Result<void> VaultContents::addEntryAs(const EntryId& id, const EntryDraft& draft,
                                       std::int64_t created, std::int64_t modified,
                                       std::span<const Version> history, IdCheck check)
{
    if (id.isNull())
        return Error{ErrorCode::InvalidArgument, "An entry id cannot be all zero."};
    if (!draft.group().isNull() && !findGroup(draft.group()))
        return notFound("group", draft.group());
    if (check == IdCheck::Search && (findEntry(id) || findGroup(id)))
        return Error{ErrorCode::AlreadyExists,
                     "The id " + id.toString() + " is in use in this vault already."};
    // Versions first: each becomes a whole entry record (under the entry's id, which
    // writeHistoryVersion leaves out) that the current record then takes in.
    std::vector<SecretBuffer> versions;
    versions.reserve(history.size());
    std::size_t versionBytes = 0;
    for (const Version& version : history) {
        auto attachments = storeAttachments(*version.draft);
        if (!attachments)
            return attachments.error();
        auto record = version.draft->buildRecord(id, version.created, version.modified, nullptr, 0,
                                                 *attachments);
        if (!record)
            return record.error();
        versionBytes += record->size();
        versions.push_back(std::move(record.value()));
    }
    auto attachments = storeAttachments(draft);
    if (!attachments)
        return attachments.error();
    auto current = draft.buildRecord(id, created, modified, nullptr, 0, *attachments);
    if (!current)
        return current.error();
    if (!versions.empty()) {
        RecordWriter writer(*m_arena, current->size() + versionBytes + 32);
        const std::size_t mark = writer.begin(tags::entry);
        RecordReader outer(current->span());
        Record whole;
        if (outer.next(whole))
            writer.appendRaw(whole.value); // every field of the current version
        const std::size_t historyMark = writer.begin(tags::history);
        for (const SecretBuffer& version : versions) {
            RecordReader reader(version.span());
            Record record;
            if (reader.next(record))
                EntryDraft::writeHistoryVersion(writer, EntryView(record.value));
        }
        writer.end(historyMark);
        writer.end(mark);
        current = writer.finish();
        if (!current)
            return current.error();
    }
    m_items.entries.push_back(RecordSlot::owning(std::move(current.value())));
    m_modified = true;
    return {};
}

std::vector<EntryId> VaultContents::usedIds() const
{
    std::vector<EntryId> ids;
    ids.reserve(m_items.entries.size() + m_items.groups.size() + m_items.tombstones.size());
    for (std::size_t i = 0; i < m_items.entries.size(); ++i)
        ids.push_back(entry(i).id());
    for (std::size_t i = 0; i < m_items.groups.size(); ++i)
        ids.push_back(group(i).id());
    for (const RecordSlot& tombstone : m_items.tombstones) {
        const SecretSpan value = RecordReader::findFirst(tombstone.value(), tags::tombstoneId);
        if (value.size() == EntryId::size)
            ids.emplace_back(value.data());
    }
    return ids;
}

VaultContents::Checkpoint VaultContents::checkpoint() const
{
    Checkpoint mark;
    mark.groups = m_items.groups.size();
    mark.entries = m_items.entries.size();
    mark.associations = m_items.associations.size();
    mark.attachmentData = m_items.attachments.size();
    mark.identity = identity();
    mark.modified = m_modified;
    return mark;
}

void VaultContents::rollback(const Checkpoint& mark)
{
    const auto truncate = [](std::vector<RecordSlot>& list, std::size_t count) {
        if (count < list.size())
            list.erase(list.begin() + static_cast<std::ptrdiff_t>(count), list.end());
    };
    truncate(m_items.groups, mark.groups);
    truncate(m_items.entries, mark.entries);
    truncate(m_items.associations, mark.associations);
    m_items.attachments.truncate(mark.attachmentData);
    if (identity() != mark.identity && !EntryId(mark.identity.data()).isNull()) {
        // Rebuilding the small meta record can only fail when the arena is exhausted; the
        // identity then stays what the import set (the entries are gone either way).
        (void)writeIdentity(mark.identity);
    }
    m_modified = mark.modified;
}

Result<void> VaultContents::updateEntry(const EntryId& id, const EntryDraft& draft)
{
    const auto index = findEntry(id);
    if (!index)
        return notFound("entry", id);
    if (!draft.group().isNull() && !findGroup(draft.group()))
        return notFound("group", draft.group());
    auto attachments = storeAttachments(draft);
    if (!attachments)
        return attachments.error();
    const EntryView previous = entry(*index);
    auto record =
        draft.buildRecord(id, previous.created(), nowMs(), &previous, historyLimit(), *attachments);
    if (!record)
        return record.error();
    // Frees the old record if it was owned.
    m_items.entries[*index] = RecordSlot::owning(std::move(record.value()));
    dropUnusedAttachmentData(); // a version with an attachment may have left the history
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
    // Site access is not part of a version: the entry keeps what it has now.
    std::optional<Error> error;
    current.forEachSiteAccess([&](const EntryView::SiteAccess& access) {
        if (auto set = draft->setSiteAccess(access.site, access.decision); !set && !error)
            error = set.error();
    });
    if (error)
        return *error;
    return updateEntry(id, *draft);
}

Result<void> VaultContents::removeEntry(const EntryId& id)
{
    const auto index = findEntry(id);
    if (!index)
        return notFound("entry", id);
    if (auto added = addTombstone(id); !added)
        return added;
    m_items.entries.erase(m_items.entries.begin() + static_cast<std::ptrdiff_t>(*index));
    dropUnusedAttachmentData();
    m_modified = true;
    return {};
}

Result<void> VaultContents::addTombstone(const EntryId& id)
{
    RecordWriter writer(*m_arena, 48);
    const std::size_t mark = writer.begin(tags::tombstone);
    writer.addId(tags::tombstoneId, id.bytes());
    writer.addTime(tags::tombstoneDeleted, nowMs());
    writer.end(mark);
    auto record = writer.finish();
    if (!record)
        return record.error();
    m_items.tombstones.push_back(RecordSlot::owning(std::move(record.value())));
    return {};
}

GroupView VaultContents::group(std::size_t index) const
{
    return GroupView(m_items.groups[index].value());
}

std::optional<std::size_t> VaultContents::findGroup(const EntryId& id) const
{
    for (std::size_t i = 0; i < m_items.groups.size(); ++i)
        if (group(i).id() == id)
            return i;
    return std::nullopt;
}

namespace {

Result<SecretBuffer> groupRecord(SecretArena& arena, const EntryId& id, const EntryId& parent,
                                 SecretSpan name, std::int64_t modified = VaultContents::nowMs())
{
    RecordWriter writer(arena, 64 + name.size());
    const std::size_t mark = writer.begin(tags::group);
    writer.addId(tags::groupId, id.bytes());
    if (!parent.isNull())
        writer.addId(tags::groupParent, parent.bytes());
    writer.add(tags::groupName, name);
    writer.addTime(tags::groupModified, modified);
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
    m_items.groups.push_back(RecordSlot::owning(std::move(record.value())));
    m_modified = true;
    return id;
}

Result<void> VaultContents::addGroupAs(const EntryId& id, SecretSpan name, const EntryId& parent,
                                       std::int64_t modified)
{
    if (id.isNull())
        return Error{ErrorCode::InvalidArgument, "A group id cannot be all zero."};
    if (!parent.isNull() && !findGroup(parent))
        return notFound("group", parent);
    if (findGroup(id) || findEntry(id))
        return Error{ErrorCode::AlreadyExists,
                     "The id " + id.toString() + " is in use in this vault already."};
    auto record = groupRecord(*m_arena, id, parent, name, modified);
    if (!record)
        return record.error();
    m_items.groups.push_back(RecordSlot::owning(std::move(record.value())));
    m_modified = true;
    return {};
}

Result<void> VaultContents::renameGroup(const EntryId& id, SecretSpan name)
{
    const auto index = findGroup(id);
    if (!index)
        return notFound("group", id);
    auto record = groupRecord(*m_arena, id, group(*index).parent(), name);
    if (!record)
        return record.error();
    m_items.groups[*index] = RecordSlot::owning(std::move(record.value()));
    m_modified = true;
    return {};
}

Result<void> VaultContents::checkGroupRemovable(const EntryId& id) const
{
    if (!findGroup(id))
        return notFound("group", id);
    for (std::size_t i = 0; i < m_items.entries.size(); ++i)
        if (entry(i).group() == id)
            return Error{ErrorCode::InvalidArgument,
                         "The group still holds entries; move or delete them first."};
    for (std::size_t i = 0; i < m_items.groups.size(); ++i)
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
    m_items.groups.erase(m_items.groups.begin() + static_cast<std::ptrdiff_t>(*index));
    m_modified = true;
    return {};
}

std::uint32_t VaultContents::historyLimit() const
{
    const SecretSpan value = RecordReader::findFirst(m_items.meta.value(), tags::metaHistoryLimit);
    return value.size() == 4 ? RecordReader::readU32(value.data()) : defaultHistoryLimit;
}

std::int64_t VaultContents::createdAt() const
{
    return RecordReader::timeOf(RecordReader::findFirst(m_items.meta.value(), tags::metaCreated));
}

// --- site access -----------------------------------------------------------------------------

Result<void> VaultContents::replaceEntryRecord(std::size_t index, SecretSpan site,
                                               const std::optional<SiteDecision>& decision)
{
    const auto forSite = [&](const Record& record) {
        return record.tag == tags::siteAccess &&
               sameBytes(RecordReader::findFirst(record.value, tags::siteOrigin), site);
    };
    auto record = rebuilt(*m_arena, tags::entry, entry(index).recordValue(), tags::siteAccess,
                          forSite, [&](RecordWriter& writer) {
                              if (!decision)
                                  return;
                              const std::size_t mark = writer.begin(tags::siteAccess);
                              writer.add(tags::siteOrigin, site);
                              writer.addU8(tags::siteDecision, std::uint8_t(*decision));
                              writer.end(mark);
                          });
    if (!record)
        return record.error();
    m_items.entries[index] = RecordSlot::owning(std::move(record.value()));
    m_modified = true;
    return {};
}

Result<void> VaultContents::setSiteAccess(const EntryId& id, SecretSpan site, SiteDecision decision)
{
    if (decision != SiteDecision::Allow && decision != SiteDecision::Deny)
        return Error{ErrorCode::InvalidArgument, "A site decision is allow or deny."};
    const auto index = findEntry(id);
    if (!index)
        return notFound("entry", id);
    return replaceEntryRecord(*index, site, decision);
}

Result<void> VaultContents::removeSiteAccess(const EntryId& id, SecretSpan site)
{
    const auto index = findEntry(id);
    if (!index)
        return notFound("entry", id);
    if (!entry(*index).siteAccess(site))
        return Error{ErrorCode::NotFound,
                     "The entry with id " + id.toString() + " has no decision for that site."};
    return replaceEntryRecord(*index, site, std::nullopt);
}

SecretSpan VaultContents::attachmentData(const EntryId& data) const
{
    return m_items.attachments.data(data);
}

// --- identity ----------------------------------------------------------------------------------

std::array<std::uint8_t, VaultContents::identityBytes> VaultContents::identity() const
{
    std::array<std::uint8_t, identityBytes> identity{};
    const SecretSpan value = RecordReader::findFirst(m_items.meta.value(), tags::metaIdentity);
    if (value.size() == identity.size())
        std::memcpy(identity.data(), value.data(), identity.size());
    return identity;
}

Result<void> VaultContents::writeIdentity(std::span<const std::uint8_t, identityBytes> identity)
{
    auto record = rebuilt(
        *m_arena, tags::meta, m_items.meta.value(), tags::metaIdentity,
        [](const Record& record) { return record.tag == tags::metaIdentity; },
        [&](RecordWriter& writer) { writer.addId(tags::metaIdentity, identity); });
    if (!record)
        return record.error();
    m_items.meta = RecordSlot::owning(std::move(record.value()));
    return {};
}

Result<void> VaultContents::setIdentity(std::span<const std::uint8_t, identityBytes> identity)
{
    if (EntryId(identity.data()).isNull())
        return Error{ErrorCode::InvalidArgument, "A vault identity cannot be all zero."};
    if (auto written = writeIdentity(identity); !written)
        return written;
    m_modified = true;
    return {};
}

// --- browser associations --------------------------------------------------------------------

AssociationView VaultContents::association(std::size_t index) const
{
    return AssociationView(m_items.associations[index].value());
}

std::optional<std::size_t> VaultContents::findAssociation(SecretSpan name) const
{
    for (std::size_t i = 0; i < m_items.associations.size(); ++i)
        if (sameBytes(association(i).name(), name))
            return i;
    return std::nullopt;
}

Result<void> VaultContents::addAssociation(SecretSpan name, SecretSpan key)
{
    if (name.empty())
        return Error{ErrorCode::InvalidArgument, "A browser association needs a name."};
    if (key.size() != AssociationView::keyBytes)
        return Error{ErrorCode::InvalidArgument, "A browser association's key is 32 bytes, not " +
                                                     std::to_string(key.size()) + "."};
    if (findAssociation(name))
        return Error{ErrorCode::AlreadyExists,
                     "A browser association with that name exists already."};
    RecordWriter writer(*m_arena, name.size() + 64);
    const std::size_t mark = writer.begin(tags::association);
    writer.add(tags::associationName, name);
    writer.add(tags::associationKey, key);
    writer.addTime(tags::associationCreated, nowMs());
    writer.end(mark);
    auto record = writer.finish();
    if (!record)
        return record.error();
    m_items.associations.push_back(RecordSlot::owning(std::move(record.value())));
    m_modified = true;
    return {};
}

Result<void> VaultContents::removeAssociation(SecretSpan name)
{
    const auto index = findAssociation(name);
    if (!index)
        return Error{ErrorCode::NotFound, "No browser association has that name."};
    m_items.associations.erase(m_items.associations.begin() + std::ptrdiff_t(*index));
    m_modified = true;
    return {};
}

Result<void> VaultContents::touchAssociation(SecretSpan name, std::int64_t when)
{
    const auto index = findAssociation(name);
    if (!index)
        return Error{ErrorCode::NotFound, "No browser association has that name."};
    auto record = rebuilt(
        *m_arena, tags::association, association(*index).recordValue(), tags::associationLastUsed,
        [](const Record& record) { return record.tag == tags::associationLastUsed; },
        [&](RecordWriter& writer) { writer.addTime(tags::associationLastUsed, when); });
    if (!record)
        return record.error();
    m_items.associations[*index] = RecordSlot::owning(std::move(record.value()));
    m_modified = true;
    return {};
}

} // namespace arcanum
