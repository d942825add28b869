// EntryView: read access to one entry record, in place in the arena.
//
// A view is a span over an entry record's value; every accessor walks the record and returns
// spans into it, so nothing is copied. A view is valid until the vault changes that entry, is
// saved, or is locked. The record was validated when it was loaded or built (EntryView::validate).
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"
#include "vault/EntryId.h"
#include "vault/Record.h"
#include "vault/Tags.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace arcanum {

// The fields a user (or a script) can name.
enum class EntryField
{
    Title,
    Username,
    Password,
    Url,
    Notes,
    Totp
};

class EntryView
{
public:
    struct CustomField
    {
        SecretSpan name;
        SecretSpan value;
        bool isProtected = false;
    };

    explicit EntryView(SecretSpan recordValue) : m_value(recordValue) {}

    [[nodiscard]] EntryId id() const;
    [[nodiscard]] EntryId group() const;
    [[nodiscard]] std::int64_t created() const;
    [[nodiscard]] std::int64_t modified() const;

    [[nodiscard]] SecretSpan title() const { return first(tags::title); }
    [[nodiscard]] SecretSpan username() const { return first(tags::username); }
    [[nodiscard]] SecretSpan password() const { return first(tags::password); }
    [[nodiscard]] SecretSpan notes() const { return first(tags::notes); }
    [[nodiscard]] SecretSpan totp() const { return first(tags::totp); }
    [[nodiscard]] SecretSpan url() const { return first(tags::url); } // the first URL
    [[nodiscard]] SecretSpan field(EntryField field) const;
    [[nodiscard]] static bool isProtected(EntryField field);
    // "title", "username", "password", "url", "notes", "totp" (ASCII, case-insensitive).
    [[nodiscard]] static bool fieldFromName(std::string_view name, EntryField& field);
    [[nodiscard]] static const char* fieldName(EntryField field);

    // Calls f(SecretSpan) for each URL / tag, f(CustomField) for each custom field and
    // f(EntryView) for each earlier version (newest first).
    template <typename F>
    void forEachUrl(F f) const
    {
        forEach(tags::url, [&](const Record& r) { f(r.value); });
    }
    template <typename F>
    void forEachTag(F f) const
    {
        forEach(tags::tag, [&](const Record& r) { f(r.value); });
    }
    template <typename F>
    void forEachCustomField(F f) const
    {
        forEach(tags::customField, [&](const Record& r) { f(customField(r.value)); });
    }
    template <typename F>
    void forEachHistory(F f) const
    {
        forEach(tags::history, [&](const Record& h) {
            RecordReader versions(h.value);
            Record version;
            while (versions.next(version))
                f(EntryView(version.value));
        });
    }
    [[nodiscard]] std::size_t historyCount() const;
    // Earlier version `version` (0: the newest, as forEachHistory orders them); nullopt past
    // historyCount().
    [[nodiscard]] std::optional<EntryView> historyVersion(std::size_t version) const;

    // Calls f(Record) for every field record, including ones this version does not know.
    template <typename F>
    void forEachRecord(F f) const
    {
        RecordReader reader(m_value);
        Record record;
        while (reader.next(record))
            f(record);
    }

    [[nodiscard]] SecretSpan recordValue() const { return m_value; }

    // Checks a record value against FORMAT.md §3.3: id present and 16 bytes, fixed sizes,
    // no duplicate single fields, well-formed containers, known tags (unknown ignorable ones
    // pass). `insideHistory` forbids nested history.
    [[nodiscard]] static Result<void> validate(SecretSpan recordValue, bool insideHistory = false);

private:
    [[nodiscard]] SecretSpan first(std::uint8_t tag) const
    {
        return RecordReader::findFirst(m_value, tag);
    }
    [[nodiscard]] static CustomField customField(SecretSpan value);
    template <typename F>
    void forEach(std::uint8_t tag, F f) const
    {
        forEachRecord([&](const Record& r) {
            if (r.tag == tag)
                f(r);
        });
    }

    SecretSpan m_value;
};

} // namespace arcanum
