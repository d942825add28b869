#include "vault/EntryDraft.h"

#include "vault/RecordWriter.h"
#include "vault/Tags.h"

namespace arcanum {

Result<EntryDraft> EntryDraft::fromEntry(const EntryView& entry, SecretArena& arena)
{
    EntryDraft draft(arena);
    draft.m_group = entry.group();
    for (EntryField field : {EntryField::Title, EntryField::Username, EntryField::Password,
                             EntryField::Notes, EntryField::Totp}) {
        if (auto set = draft.set(field, entry.field(field)); !set)
            return set.error();
    }
    std::optional<Error> error;
    entry.forEachUrl([&](SecretSpan url) {
        if (auto added = draft.addUrl(url); !added && !error)
            error = added.error();
    });
    entry.forEachTag([&](SecretSpan tag) {
        if (auto added = draft.addTag(tag); !added && !error)
            error = added.error();
    });
    entry.forEachCustomField([&](const EntryView::CustomField& field) {
        if (auto added = draft.addCustomField(field.name, field.value, field.isProtected);
            !added && !error)
            error = added.error();
    });
    if (error)
        return *error;
    return draft;
}

SecretBuffer* EntryDraft::single(EntryField field)
{
    switch (field) {
    case EntryField::Title:
        return &m_title;
    case EntryField::Username:
        return &m_username;
    case EntryField::Password:
        return &m_password;
    case EntryField::Notes:
        return &m_notes;
    case EntryField::Totp:
        return &m_totp;
    case EntryField::Url:
        return nullptr;
    }
    return nullptr;
}

Result<SecretBuffer> EntryDraft::copy(SecretSpan value) const
{
    return m_arena->copyOf(value);
}

Result<void> EntryDraft::set(EntryField field, SecretSpan value)
{
    if (field == EntryField::Url) {
        m_urls.clear();
        return value.empty() ? Result<void>() : addUrl(value);
    }
    auto buffer = copy(value);
    if (!buffer)
        return buffer.error();
    *single(field) = std::move(buffer.value());
    return {};
}

SecretSpan EntryDraft::get(EntryField field) const
{
    if (field == EntryField::Url)
        return m_urls.empty() ? SecretSpan() : m_urls.front().span();
    return const_cast<EntryDraft*>(this)->single(field)->span();
}

Result<void> EntryDraft::addUrl(SecretSpan url)
{
    auto buffer = copy(url);
    if (!buffer)
        return buffer.error();
    m_urls.push_back(std::move(buffer.value()));
    return {};
}

Result<void> EntryDraft::addTag(SecretSpan tag)
{
    auto buffer = copy(tag);
    if (!buffer)
        return buffer.error();
    m_tags.push_back(std::move(buffer.value()));
    return {};
}

Result<void> EntryDraft::addCustomField(SecretSpan name, SecretSpan value, bool isProtected)
{
    auto nameBuffer = copy(name);
    if (!nameBuffer)
        return nameBuffer.error();
    auto valueBuffer = copy(value);
    if (!valueBuffer)
        return valueBuffer.error();
    m_customFields.push_back(
        {std::move(nameBuffer.value()), std::move(valueBuffer.value()), isProtected});
    return {};
}

namespace {

// The fields of `entry` as an entry record without its history (one history version).
void writeVersion(RecordWriter& writer, const EntryView& entry)
{
    const std::size_t mark = writer.begin(tags::entry);
    entry.forEachRecord([&](const Record& record) {
        if (record.tag != tags::history)
            writer.appendRaw(record.whole);
    });
    writer.end(mark);
}

} // namespace

Result<SecretBuffer> EntryDraft::buildRecord(const EntryId& id, std::int64_t created,
                                             std::int64_t modified, const EntryView* previous,
                                             std::uint32_t historyLimit) const
{
    std::size_t estimate = 128;
    for (const SecretBuffer* b : {&m_title, &m_username, &m_password, &m_notes, &m_totp})
        estimate += b->size() + 5;
    if (previous != nullptr)
        estimate += previous->recordValue().size() * 2;
    RecordWriter writer(*m_arena, estimate);
    const std::size_t mark = writer.begin(tags::entry);
    writer.add(tags::entryId, SecretSpan(id.bytes()));
    writer.add(tags::entryGroup, SecretSpan(m_group.bytes()));
    writer.addU64(tags::entryCreated, static_cast<std::uint64_t>(created));
    writer.addU64(tags::entryModified, static_cast<std::uint64_t>(modified));
    const std::pair<std::uint8_t, const SecretBuffer*> singles[] = {{tags::title, &m_title},
                                                                    {tags::username, &m_username},
                                                                    {tags::password, &m_password},
                                                                    {tags::notes, &m_notes},
                                                                    {tags::totp, &m_totp}};
    for (const auto& [tag, buffer] : singles)
        if (!buffer->empty())
            writer.add(tag, buffer->span());
    for (const SecretBuffer& url : m_urls)
        writer.add(tags::url, url.span());
    for (const SecretBuffer& tag : m_tags)
        writer.add(tags::tag, tag.span());
    for (const CustomField& field : m_customFields) {
        const std::size_t fieldMark = writer.begin(tags::customField);
        writer.add(tags::customName, field.name.span());
        writer.add(tags::customValue, field.value.span());
        writer.addU8(tags::customFlags, field.isProtected ? 1 : 0);
        writer.end(fieldMark);
    }
    if (previous != nullptr) {
        previous->forEachRecord([&](const Record& record) {
            if (record.isIgnorable())
                writer.appendRaw(record.whole); // a newer version's field: keep it
        });
        if (historyLimit > 0) {
            const std::size_t historyMark = writer.begin(tags::history);
            writeVersion(writer, *previous);
            std::uint32_t kept = 1;
            previous->forEachHistory([&](const EntryView& older) {
                if (kept++ < historyLimit)
                    writeVersion(writer, older);
            });
            writer.end(historyMark);
        }
    }
    writer.end(mark);
    return writer.finish();
}

} // namespace arcanum
