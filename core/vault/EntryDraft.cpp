#include "vault/EntryDraft.h"

#include "vault/Record.h"
#include "vault/RecordWriter.h"
#include "vault/Tags.h"

#include <algorithm>

namespace arcanum {

Result<EntryDraft> EntryDraft::fromEntry(const EntryView& entry, SecretArena& arena)
{
    EntryDraft draft(arena);
    draft.m_group = entry.group();
    draft.m_expires = entry.expires();
    draft.m_autofillFlags = entry.autofillFlags();
    for (EntryField field : {EntryField::Title, EntryField::Username, EntryField::Password,
                             EntryField::Notes, EntryField::Totp}) {
        if (auto set = draft.set(field, entry.field(field)); !set)
            return set.error();
    }
    std::optional<Error> error;
    const auto keep = [&](Result<void> step) {
        if (!step && !error)
            error = step.error();
    };
    entry.forEachUrl([&](SecretSpan url) { keep(draft.addUrl(url)); });
    entry.forEachTag([&](SecretSpan tag) { keep(draft.addTag(tag)); });
    entry.forEachCustomField([&](const EntryView::CustomField& field) {
        keep(draft.addCustomField(field.name, field.value, field.isProtected));
    });
    entry.forEachAttachment([&](const EntryView::Attachment& attachment) {
        keep(draft.addStoredAttachment(attachment.name, attachment.data));
    });
    entry.forEachSiteAccess([&](const EntryView::SiteAccess& access) {
        keep(draft.setSiteAccess(access.site, access.decision));
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

Result<void> EntryDraft::addAttachment(SecretSpan name, SecretBuffer data, const EntryId& stored)
{
    for (const Attachment& attachment : m_attachments)
        if (sameBytes(attachment.name.span(), name))
            return Error{ErrorCode::AlreadyExists,
                         "The entry already has an attachment with that name."};
    if (data.size() > Record::maxLength - 64) // room for its id and record headers
        return RecordWriter::tooLong(data.size());
    auto nameBuffer = copy(name);
    if (!nameBuffer)
        return nameBuffer.error();
    m_attachments.push_back({std::move(nameBuffer.value()), std::move(data), stored});
    return {};
}

Result<void> EntryDraft::addAttachment(SecretSpan name, SecretSpan data)
{
    auto buffer = copy(data);
    if (!buffer)
        return buffer.error();
    return addAttachment(name, std::move(buffer.value()), EntryId());
}

Result<void> EntryDraft::addAttachment(SecretSpan name, SecretBuffer data)
{
    return addAttachment(name, std::move(data), EntryId());
}

Result<void> EntryDraft::addStoredAttachment(SecretSpan name, const EntryId& data)
{
    if (data.isNull())
        return Error{ErrorCode::InvalidArgument, "An attachment needs the id of its data."};
    return addAttachment(name, SecretBuffer(), data);
}

Result<void> EntryDraft::removeAttachment(SecretSpan name)
{
    const auto found =
        std::find_if(m_attachments.begin(), m_attachments.end(), [&](const Attachment& attachment) {
            return sameBytes(attachment.name.span(), name);
        });
    if (found == m_attachments.end())
        return Error{ErrorCode::NotFound, "The entry has no attachment with that name."};
    m_attachments.erase(found);
    return {};
}

Result<void> EntryDraft::setSiteAccess(SecretSpan site, SiteDecision decision)
{
    for (SiteAccess& access : m_siteAccess) {
        if (sameBytes(access.site.span(), site)) {
            access.decision = decision;
            return {};
        }
    }
    auto buffer = copy(site);
    if (!buffer)
        return buffer.error();
    m_siteAccess.push_back({std::move(buffer.value()), decision});
    return {};
}

void EntryDraft::writeHistoryVersion(RecordWriter& writer, const EntryView& entry)
{
    const std::size_t mark = writer.begin(tags::entry);
    entry.forEachRecord([&](const Record& record) {
        // The id is the entry's; site access and history belong to the entry, not a version.
        if (record.tag != tags::entryId && record.tag != tags::history &&
            record.tag != tags::siteAccess)
            writer.appendRaw(record.whole);
    });
    writer.end(mark);
}

Result<SecretBuffer> EntryDraft::buildRecord(const EntryId& id, std::int64_t created,
                                             std::int64_t modified, const EntryView* previous,
                                             std::uint32_t historyLimit,
                                             std::span<const EntryId> attachmentData) const
{
    if (attachmentData.size() != m_attachments.size())
        return Error{ErrorCode::InvalidArgument,
                     "buildRecord needs one data id per attachment."}; // a caller's bug
    std::size_t estimate = 128;
    for (const SecretBuffer* b : {&m_title, &m_username, &m_password, &m_notes, &m_totp})
        estimate += b->size() + Record::maxHeaderBytes;
    for (const auto* list : {&m_urls, &m_tags})
        for (const SecretBuffer& b : *list)
            estimate += b.size() + Record::maxHeaderBytes;
    for (const CustomField& field : m_customFields)
        estimate += field.name.size() + field.value.size() + 16;
    for (const Attachment& attachment : m_attachments)
        estimate += attachment.name.size() + 32;
    for (const SiteAccess& access : m_siteAccess)
        estimate += access.site.size() + 16;
    if (previous != nullptr)
        estimate += previous->recordValue().size() * 2;
    RecordWriter writer(*m_arena, estimate);
    const std::size_t mark = writer.begin(tags::entry);
    writer.addId(tags::entryId, id.bytes());
    if (!m_group.isNull())
        writer.addId(tags::entryGroup, m_group.bytes());
    writer.addTime(tags::entryCreated, created);
    writer.addTime(tags::entryModified, modified);
    if (m_expires)
        writer.addTime(tags::entryExpires, *m_expires);
    if (m_autofillFlags != 0)
        writer.addU8(tags::autofillFlags, m_autofillFlags);
    const std::pair<std::uint8_t, const SecretBuffer*> singles[] = {{tags::title, &m_title},
                                                                    {tags::username, &m_username},
                                                                    {tags::password, &m_password},
                                                                    {tags::notes, &m_notes},
                                                                    {tags::totp, &m_totp}};
    // Table order: title, user name, password, URLs, notes, TOTP, tags.
    for (std::size_t i = 0; i < 3; ++i)
        if (!singles[i].second->empty())
            writer.add(singles[i].first, singles[i].second->span());
    for (const SecretBuffer& url : m_urls)
        writer.add(tags::url, url.span());
    for (std::size_t i = 3; i < 5; ++i)
        if (!singles[i].second->empty())
            writer.add(singles[i].first, singles[i].second->span());
    for (const SecretBuffer& tag : m_tags)
        writer.add(tags::tag, tag.span());
    for (const CustomField& field : m_customFields) {
        const std::size_t fieldMark = writer.begin(tags::customField);
        writer.add(tags::customName, field.name.span());
        writer.add(tags::customValue, field.value.span());
        if (field.isProtected)
            writer.addU8(tags::customFlags, 1);
        writer.end(fieldMark);
    }
    for (std::size_t i = 0; i < m_attachments.size(); ++i) {
        const std::size_t attachmentMark = writer.begin(tags::attachment);
        writer.add(tags::attachmentName, m_attachments[i].name.span());
        writer.addId(tags::attachmentDataId, attachmentData[i].bytes());
        writer.end(attachmentMark);
    }
    for (const SiteAccess& access : m_siteAccess) {
        const std::size_t siteMark = writer.begin(tags::siteAccess);
        writer.add(tags::siteOrigin, access.site.span());
        writer.addU8(tags::siteDecision, static_cast<std::uint8_t>(access.decision));
        writer.end(siteMark);
    }
    if (previous != nullptr) {
        previous->forEachRecord([&](const Record& record) {
            if (record.isIgnorable())
                writer.appendRaw(record.whole); // a newer version's field: keep it
        });
        if (historyLimit > 0) {
            const std::size_t historyMark = writer.begin(tags::history);
            writeHistoryVersion(writer, *previous);
            std::uint32_t kept = 1;
            previous->forEachHistory([&](const EntryView& older) {
                if (kept++ < historyLimit)
                    writeHistoryVersion(writer, older);
            });
            writer.end(historyMark);
        }
    }
    writer.end(mark);
    return writer.finish();
}

} // namespace arcanum
