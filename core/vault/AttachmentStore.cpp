#include "vault/AttachmentStore.h"

#include "vault/RecordWriter.h"
#include "vault/Tags.h"

#include <algorithm>
#include <string>

namespace arcanum {

namespace {

Error damaged(const std::string& what)
{
    return Error{ErrorCode::FileDamaged, "The vault's attachments are damaged: " + what + "."};
}

} // namespace

Result<void> AttachmentStore::validate(SecretSpan recordValue)
{
    RecordReader reader(recordValue);
    Record record;
    int ids = 0, data = 0;
    while (reader.next(record)) {
        if (record.tag == tags::dataId) {
            ++ids;
            if (record.value.size() != EntryId::size || EntryId(record.value.data()).isNull())
                return damaged("an attachment's id is not 16 bytes, or zero");
        } else if (record.tag == tags::dataBytes) {
            ++data;
        } else if (!record.isIgnorable()) {
            return unknownTagError("An attachment", record.tag);
        }
    }
    if (reader.damaged())
        return damaged("an attachment's records run past its end");
    if (ids != 1 || data > 1)
        return damaged("an attachment's data needs exactly one id");
    return {};
}

EntryId AttachmentStore::idOf(const RecordSlot& slot)
{
    const SecretSpan id = RecordReader::findFirst(slot.value(), tags::dataId);
    return id.size() == EntryId::size ? EntryId(id.data()) : EntryId();
}

std::optional<std::size_t> AttachmentStore::find(const EntryId& id) const
{
    for (std::size_t i = 0; i < m_records.size(); ++i)
        if (idOf(m_records[i]) == id)
            return i;
    return std::nullopt;
}

SecretSpan AttachmentStore::data(const EntryId& id) const
{
    const auto index = find(id);
    return index ? RecordReader::findFirst(m_records[*index].value(), tags::dataBytes)
                 : SecretSpan();
}

Result<void> AttachmentStore::checkLoaded(const std::vector<EntryId>& referenced) const
{
    std::vector<EntryId> ids;
    ids.reserve(m_records.size());
    for (const RecordSlot& slot : m_records)
        ids.push_back(idOf(slot));
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end())
        return damaged("two attachments' data share one id");
    for (const EntryId& id : referenced)
        if (!std::binary_search(ids.begin(), ids.end(), id))
            return damaged("an attachment's data is missing");
    return {};
}

Result<EntryId> AttachmentStore::store(SecretSpan bytes, SecretArena& arena)
{
    for (const RecordSlot& slot : m_records) {
        const SecretSpan existing = RecordReader::findFirst(slot.value(), tags::dataBytes);
        if (existing.size() == bytes.size() &&
            std::equal(existing.begin(), existing.end(), bytes.begin()))
            return idOf(slot);
    }
    EntryId id = EntryId::random();
    while (find(id)) // 2^-128; but an id must be unique
        id = EntryId::random();
    RecordWriter writer(arena, bytes.size() + 32);
    const std::size_t mark = writer.begin(tags::attachmentData);
    writer.addId(tags::dataId, id.bytes());
    if (!bytes.empty())
        writer.add(tags::dataBytes, bytes);
    writer.end(mark);
    auto record = writer.finish();
    if (!record)
        return record.error();
    m_records.push_back(RecordSlot::owning(std::move(record.value())));
    return id;
}

bool AttachmentStore::keepOnly(std::vector<EntryId> referenced)
{
    if (m_records.empty())
        return false;
    std::sort(referenced.begin(), referenced.end());
    const auto unused =
        std::remove_if(m_records.begin(), m_records.end(), [&](const RecordSlot& slot) {
            return !std::binary_search(referenced.begin(), referenced.end(), idOf(slot));
        });
    const bool dropped = unused != m_records.end();
    m_records.erase(unused, m_records.end()); // owned buffers are wiped as they go
    return dropped;
}

} // namespace arcanum
