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
#include <vector>

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

// What the user answered when a web site asked for an entry through the browser extension.
enum class SiteDecision : std::uint8_t
{
    Allow = 1,
    Deny = 2
};

class EntryView
{
public:
    // Autofill flag bits (docs/FORMAT.md §3.3); the other bits are reserved and kept.
    static constexpr std::uint8_t allowHttpFlag = 0x01;         // offer to http: pages too
    static constexpr std::uint8_t hiddenFromBrowserFlag = 0x02; // never offer to the browser

    struct CustomField
    {
        SecretSpan name;
        SecretSpan value;
        bool isProtected = false;
    };
    // An attachment's name and the id of its bytes: VaultContents::attachmentData(data).
    struct Attachment
    {
        SecretSpan name;
        EntryId data;
    };
    struct SiteAccess
    {
        SecretSpan site; // an origin, e.g. "https://example.com:443"
        SiteDecision decision = SiteDecision::Deny;
    };

    explicit EntryView(SecretSpan recordValue) : m_value(recordValue) {}

    // A history version has no id of its own (the null id): it is its entry's.
    [[nodiscard]] EntryId id() const;
    [[nodiscard]] EntryId group() const;
    [[nodiscard]] std::int64_t created() const;
    [[nodiscard]] std::int64_t modified() const;
    // When the entry expires (ms since the epoch); nullopt: never.
    [[nodiscard]] std::optional<std::int64_t> expires() const;
    [[nodiscard]] std::uint8_t autofillFlags() const;
    [[nodiscard]] bool allowsHttp() const { return (autofillFlags() & allowHttpFlag) != 0; }
    [[nodiscard]] bool isHiddenFromBrowser() const
    {
        return (autofillFlags() & hiddenFromBrowserFlag) != 0;
    }

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

    // Calls f(SecretSpan) for each URL / tag, f(CustomField) for each custom field,
    // f(Attachment) for each attachment, f(SiteAccess) for each remembered site decision and
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
    void forEachAttachment(F f) const
    {
        forEach(tags::attachment, [&](const Record& r) { f(attachment(r.value)); });
    }
    [[nodiscard]] std::size_t attachmentCount() const;
    template <typename F>
    void forEachSiteAccess(F f) const
    {
        forEach(tags::siteAccess, [&](const Record& r) { f(siteAccessOf(r.value)); });
    }
    // The decision remembered for `site` (compared byte for byte), if any.
    [[nodiscard]] std::optional<SiteDecision> siteAccess(SecretSpan site) const;
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

    // Checks a record value against FORMAT.md §3.3: id present (outside history) and 16 bytes,
    // fixed sizes, no duplicate single fields, attachment names or sites, well-formed
    // containers, known tags (unknown ignorable ones pass). `insideHistory` forbids nested
    // history and site access. Appends the data id of every attachment (history included) to
    // `attachmentData` when it is given, for the caller to check they exist.
    [[nodiscard]] static Result<void> validate(SecretSpan recordValue, bool insideHistory = false,
                                               std::vector<EntryId>* attachmentData = nullptr);

    // The data ids of every attachment of this entry and its history versions.
    void collectAttachmentData(std::vector<EntryId>& out) const;

private:
    [[nodiscard]] SecretSpan first(std::uint8_t tag) const
    {
        return RecordReader::findFirst(m_value, tag);
    }
    [[nodiscard]] static CustomField customField(SecretSpan value);
    [[nodiscard]] static Attachment attachment(SecretSpan value);
    [[nodiscard]] static SiteAccess siteAccessOf(SecretSpan value);
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
