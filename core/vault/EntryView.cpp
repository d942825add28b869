#include "vault/EntryView.h"

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
    case tags::title:
    case tags::username:
    case tags::password:
    case tags::url:
    case tags::notes:
    case tags::totp:
    case tags::tag:
    case tags::customField:
    case tags::history:
        return true;
    default:
        return false;
    }
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
            return Error{ErrorCode::UnsupportedVersion,
                         "A custom field uses record tag " + std::to_string(record.tag) +
                             " that this version of Arcanum does not know; a newer version "
                             "wrote it."};
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

Result<void> EntryView::validate(SecretSpan recordValue, bool insideHistory)
{
    RecordReader reader(recordValue);
    Record record;
    std::bitset<256> seen; // 32 bytes to clear per entry, not a 1 KiB array of counters
    while (reader.next(record)) {
        const std::uint8_t tag = record.tag;
        if (!isKnownEntryTag(tag)) {
            if (record.isIgnorable())
                continue;
            return Error{ErrorCode::UnsupportedVersion,
                         "An entry uses record tag " + std::to_string(tag) +
                             " that this version of Arcanum does not know; a newer version "
                             "wrote it."};
        }
        const bool repeatable = tag == tags::url || tag == tags::tag || tag == tags::customField;
        if (!repeatable && seen.test(tag))
            return damaged("field " + std::to_string(tag) + " appears twice");
        seen.set(tag);
        if ((tag == tags::entryId || tag == tags::entryGroup) &&
            record.value.size() != EntryId::size)
            return damaged("an identifier is not 16 bytes");
        if ((tag == tags::entryCreated || tag == tags::entryModified) && record.value.size() != 8)
            return damaged("a time stamp is not 8 bytes");
        if (tag == tags::customField) {
            if (auto valid = validateCustomField(record.value); !valid)
                return valid;
        }
        if (tag == tags::history) {
            if (insideHistory)
                return damaged("an earlier version has its own history");
            RecordReader versions(record.value);
            Record version;
            while (versions.next(version)) {
                if (version.tag != tags::entry)
                    return damaged("the history holds something that is not an entry");
                if (auto valid = validate(version.value, true); !valid)
                    return valid;
            }
            if (versions.damaged())
                return damaged("the history runs past its end");
        }
    }
    if (reader.damaged())
        return damaged("its records run past its end");
    if (!seen.test(tags::entryId))
        return damaged("it has no identifier");
    return {};
}

} // namespace arcanum
