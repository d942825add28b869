#include "vault/EntryView.h"

#include <algorithm>
#include <bitset>
#include <string>
#include <strings.h>

namespace arcanum {

namespace {

Error damaged(const std::string& what)
{
    return Error{ErrorCode::FileDamaged, "An entry in the vault is damaged: " + what + "."};
}

bool isKnownEntryTag(std::uint8_t tag)
{
    switch (tag) {
    case tags::entryId:
    case tags::entryGroup:
    case tags::entryCreated:
    case tags::entryModified:
    case tags::entryExpires:
    case tags::autofillFlags:
    case tags::title:
    case tags::username:
    case tags::password:
    case tags::url:
    case tags::notes:
    case tags::totp:
    case tags::tag:
    case tags::customField:
    case tags::attachment:
    case tags::siteAccess:
    case tags::history:
        return true;
    default:
        return false;
    }
}

// Adds `name` to `seen`, or says it was there already.
bool isNew(std::vector<SecretSpan>& seen, SecretSpan name)
{
    for (SecretSpan other : seen)
        if (sameBytes(other, name))
            return false;
    seen.push_back(name);
    return true;
}

Result<void> validateAttachment(SecretSpan value, std::vector<SecretSpan>& names,
                                std::vector<EntryId>* data)
{
    RecordReader reader(value);
    Record record;
    int nameCount = 0, ids = 0;
    SecretSpan name;
    EntryId id;
    while (reader.next(record)) {
        if (record.tag == tags::attachmentName) {
            ++nameCount;
            name = record.value;
        } else if (record.tag == tags::attachmentDataId) {
            ++ids;
            if (record.value.size() != EntryId::size)
                return damaged("an attachment's data id is not 16 bytes");
            id = EntryId(record.value.data());
        } else if (!record.isIgnorable()) {
            return unknownTagError("An attachment", record.tag);
        }
    }
    if (reader.damaged())
        return damaged("an attachment's records run past its end");
    if (nameCount != 1 || ids != 1)
        return damaged("an attachment needs exactly one name and one data id");
    if (!isNew(names, name))
        return damaged("two attachments have the same name");
    if (data != nullptr)
        data->push_back(id);
    return {};
}

Result<void> validateSiteAccess(SecretSpan value, std::vector<SecretSpan>& sites)
{
    RecordReader reader(value);
    Record record;
    int siteCount = 0, decisions = 0;
    SecretSpan site;
    while (reader.next(record)) {
        if (record.tag == tags::siteOrigin) {
            ++siteCount;
            site = record.value;
        } else if (record.tag == tags::siteDecision) {
            ++decisions;
            if (record.value.size() != 1 || (record.value[0] != std::uint8_t(SiteDecision::Allow) &&
                                             record.value[0] != std::uint8_t(SiteDecision::Deny)))
                return damaged("a site access decision is neither allow (1) nor deny (2)");
        } else if (!record.isIgnorable()) {
            return unknownTagError("A site access record", record.tag);
        }
    }
    if (reader.damaged())
        return damaged("a site access record runs past its end");
    if (siteCount != 1 || decisions != 1)
        return damaged("a site access record needs exactly one site and one decision");
    if (!isNew(sites, site))
        return damaged("two site access records name the same site");
    return {};
}

Result<void> validateCustomField(SecretSpan value)
{
    RecordReader reader(value);
    Record record;
    int names = 0, values = 0, flags = 0;
    while (reader.next(record)) {
        if (record.tag == tags::customName)
            ++names;
        else if (record.tag == tags::customValue)
            ++values;
        else if (record.tag == tags::customFlags) {
            ++flags;
            if (record.value.size() != 1)
                return damaged("custom field flags must be 1 byte");
        } else if (!record.isIgnorable())
            return unknownTagError("A custom field", record.tag);
    }
    if (reader.damaged())
        return damaged("a custom field's records run past its end");
    if (names != 1 || values > 1 || flags > 1)
        return damaged("a custom field needs exactly one name");
    return {};
}

} // namespace

EntryId EntryView::id() const
{
    const SecretSpan value = first(tags::entryId);
    return value.size() == EntryId::size ? EntryId(value.data()) : EntryId();
}

EntryId EntryView::group() const
{
    const SecretSpan value = first(tags::entryGroup);
    return value.size() == EntryId::size ? EntryId(value.data()) : EntryId();
}

std::int64_t EntryView::created() const
{
    return RecordReader::timeOf(first(tags::entryCreated));
}

std::int64_t EntryView::modified() const
{
    return RecordReader::timeOf(first(tags::entryModified));
}

std::optional<std::int64_t> EntryView::expires() const
{
    const SecretSpan value = first(tags::entryExpires);
    if (value.size() != Record::timeBytes)
        return std::nullopt;
    return RecordReader::timeOf(value);
}

std::uint8_t EntryView::autofillFlags() const
{
    const SecretSpan value = first(tags::autofillFlags);
    return value.size() == 1 ? value[0] : 0;
}

SecretSpan EntryView::field(EntryField field) const
{
    switch (field) {
    case EntryField::Title:
        return title();
    case EntryField::Username:
        return username();
    case EntryField::Password:
        return password();
    case EntryField::Url:
        return url();
    case EntryField::Notes:
        return notes();
    case EntryField::Totp:
        return totp();
    }
    return {};
}

bool EntryView::isProtected(EntryField field)
{
    return field == EntryField::Password || field == EntryField::Totp;
}

const char* EntryView::fieldName(EntryField field)
{
    switch (field) {
    case EntryField::Title:
        return "title";
    case EntryField::Username:
        return "username";
    case EntryField::Password:
        return "password";
    case EntryField::Url:
        return "url";
    case EntryField::Notes:
        return "notes";
    case EntryField::Totp:
        return "totp";
    }
    return "";
}

bool EntryView::fieldFromName(std::string_view name, EntryField& field)
{
    for (EntryField candidate : {EntryField::Title, EntryField::Username, EntryField::Password,
                                 EntryField::Url, EntryField::Notes, EntryField::Totp}) {
        const char* known = fieldName(candidate);
        if (name.size() == std::char_traits<char>::length(known) &&
            strncasecmp(name.data(), known, name.size()) == 0) {
            field = candidate;
            return true;
        }
    }
    return false;
}

EntryView::CustomField EntryView::customField(SecretSpan value)
{
    CustomField field;
    RecordReader reader(value);
    Record record;
    while (reader.next(record)) {
        if (record.tag == tags::customName)
            field.name = record.value;
        else if (record.tag == tags::customValue)
            field.value = record.value;
        else if (record.tag == tags::customFlags && record.value.size() == 1)
            field.isProtected = (record.value[0] & 1) != 0;
    }
    return field;
}

EntryView::Attachment EntryView::attachment(SecretSpan value)
{
    Attachment attachment;
    RecordReader reader(value);
    Record record;
    while (reader.next(record)) {
        if (record.tag == tags::attachmentName)
            attachment.name = record.value;
        else if (record.tag == tags::attachmentDataId && record.value.size() == EntryId::size)
            attachment.data = EntryId(record.value.data());
    }
    return attachment;
}

std::size_t EntryView::attachmentCount() const
{
    std::size_t count = 0;
    forEach(tags::attachment, [&](const Record&) { ++count; });
    return count;
}

EntryView::SiteAccess EntryView::siteAccessOf(SecretSpan value)
{
    SiteAccess access;
    RecordReader reader(value);
    Record record;
    while (reader.next(record)) {
        if (record.tag == tags::siteOrigin)
            access.site = record.value;
        else if (record.tag == tags::siteDecision && record.value.size() == 1)
            access.decision = static_cast<SiteDecision>(record.value[0]);
    }
    return access;
}

std::optional<SiteDecision> EntryView::siteAccess(SecretSpan site) const
{
    std::optional<SiteDecision> found;
    forEachSiteAccess([&](const SiteAccess& access) {
        if (!found && sameBytes(access.site, site))
            found = access.decision;
    });
    return found;
}

void EntryView::collectAttachmentData(std::vector<EntryId>& out) const
{
    forEachAttachment([&](const Attachment& attachment) { out.push_back(attachment.data); });
    forEachHistory([&](const EntryView& older) {
        older.forEachAttachment(
            [&](const Attachment& attachment) { out.push_back(attachment.data); });
    });
}

std::size_t EntryView::historyCount() const
{
    std::size_t count = 0;
    forEachHistory([&](const EntryView&) { ++count; });
    return count;
}

std::optional<EntryView> EntryView::historyVersion(std::size_t version) const
{
    std::optional<EntryView> found;
    std::size_t at = 0;
    forEachHistory([&](const EntryView& older) {
        if (at++ == version)
            found = older;
    });
    return found;
}

Result<void> EntryView::validate(SecretSpan recordValue, bool insideHistory,
                                 std::vector<EntryId>* attachmentData)
{
    RecordReader reader(recordValue);
    Record record;
    std::bitset<256> seen; // 32 bytes to clear per entry, not a 1 KiB array of counters
    std::vector<SecretSpan> attachmentNames, sites; // allocated only for entries that have them
    while (reader.next(record)) {
        const std::uint8_t tag = record.tag;
        if (!isKnownEntryTag(tag)) {
            if (record.isIgnorable())
                continue;
            return unknownTagError("An entry", tag);
        }
        const bool repeatable = tag == tags::url || tag == tags::tag || tag == tags::customField ||
                                tag == tags::attachment || tag == tags::siteAccess;
        if (!repeatable && seen.test(tag))
            return damaged("field " + std::to_string(tag) + " appears twice");
        seen.set(tag);
        switch (tag) {
        case tags::entryId:
        case tags::entryGroup:
            if (record.value.size() != EntryId::size)
                return damaged("an identifier is not 16 bytes");
            break;
        case tags::entryCreated:
        case tags::entryModified:
        case tags::entryExpires:
            if (record.value.size() != Record::timeBytes)
                return damaged("a time stamp is not 6 bytes");
            break;
        case tags::autofillFlags:
            if (record.value.size() != 1)
                return damaged("the autofill flags are not 1 byte");
            break;
        case tags::customField:
            if (auto valid = validateCustomField(record.value); !valid)
                return valid;
            break;
        case tags::attachment:
            if (auto valid = validateAttachment(record.value, attachmentNames, attachmentData);
                !valid)
                return valid;
            break;
        case tags::siteAccess:
            if (insideHistory)
                return damaged("an earlier version holds site access decisions");
            if (auto valid = validateSiteAccess(record.value, sites); !valid)
                return valid;
            break;
        case tags::history: {
            if (insideHistory)
                return damaged("an earlier version has its own history");
            RecordReader versions(record.value);
            Record version;
            while (versions.next(version)) {
                if (version.tag != tags::entry)
                    return damaged("the history holds something that is not an entry");
                if (auto valid = validate(version.value, true, attachmentData); !valid)
                    return valid;
            }
            if (versions.damaged())
                return damaged("the history runs past its end");
            break;
        }
        default:
            break;
        }
    }
    if (reader.damaged())
        return damaged("its records run past its end");
    if (!insideHistory && !seen.test(tags::entryId))
        return damaged("it has no identifier");
    return {};
}

} // namespace arcanum
