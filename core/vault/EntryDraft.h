// EntryDraft: the editable fields of one entry, each in its own arena buffer.
//
// Front ends fill a draft (from user input, an import row, or an existing entry) and hand it to
// VaultContents::addEntry / updateEntry, which turn it into a record with buildRecord(). The
// draft owns only arena buffers; the vectors hold buffer handles, never bytes.
//
// Attachments: a new one carries its bytes (which VaultContents stores once, shared by every
// entry and history version with the same bytes); one copied from an entry (fromEntry) carries
// only the id of bytes already in the vault, so editing an entry never copies its files.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "vault/EntryId.h"
#include "vault/EntryView.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace arcanum {

class RecordWriter;

class EntryDraft
{
public:
    struct CustomField
    {
        SecretBuffer name;
        SecretBuffer value;
        bool isProtected = false;
    };
    struct Attachment
    {
        SecretBuffer name;
        SecretBuffer data; // the bytes of a new attachment; empty when `stored` is set
        EntryId stored;    // the id of bytes already in the vault (VaultContents::attachmentData)
    };
    struct SiteAccess
    {
        SecretBuffer site;
        SiteDecision decision = SiteDecision::Deny;
    };

    explicit EntryDraft(SecretArena& arena) : m_arena(&arena) {}
    // A draft holding a copy of every field of `entry` (not its history): text fields, URLs,
    // tags, custom fields, expiry, autofill flags, attachments (by id) and site access.
    [[nodiscard]] static Result<EntryDraft> fromEntry(const EntryView& entry, SecretArena& arena);

    // Url sets the list to just this URL (empty clears it).
    [[nodiscard]] Result<void> set(EntryField field, SecretSpan value);
    [[nodiscard]] SecretSpan get(EntryField field) const;

    [[nodiscard]] Result<void> addUrl(SecretSpan url);
    [[nodiscard]] Result<void> addTag(SecretSpan tag);
    [[nodiscard]] Result<void> addCustomField(SecretSpan name, SecretSpan value, bool isProtected);
    void clearUrls() { m_urls.clear(); }
    void clearTags() { m_tags.clear(); }
    void clearCustomFields() { m_customFields.clear(); }
    [[nodiscard]] const std::vector<SecretBuffer>& urls() const { return m_urls; }
    [[nodiscard]] const std::vector<SecretBuffer>& tags() const { return m_tags; }
    [[nodiscard]] const std::vector<CustomField>& customFields() const { return m_customFields; }
    [[nodiscard]] std::vector<CustomField>& customFields() { return m_customFields; }

    void setGroup(const EntryId& group) { m_group = group; }
    [[nodiscard]] const EntryId& group() const { return m_group; }

    // When the entry expires (ms since the epoch); nullopt: never.
    void setExpires(std::optional<std::int64_t> when) { m_expires = when; }
    [[nodiscard]] std::optional<std::int64_t> expires() const { return m_expires; }
    // EntryView::allowHttpFlag | hiddenFromBrowserFlag; other bits are kept as they came.
    void setAutofillFlags(std::uint8_t flags) { m_autofillFlags = flags; }
    [[nodiscard]] std::uint8_t autofillFlags() const { return m_autofillFlags; }

    // Attachments, in order; names must be distinct (AlreadyExists). The bytes are copied into
    // the arena, or taken over when given as a buffer.
    [[nodiscard]] Result<void> addAttachment(SecretSpan name, SecretSpan data);
    [[nodiscard]] Result<void> addAttachment(SecretSpan name, SecretBuffer data);
    // An attachment whose bytes are already in the vault (an EntryView::Attachment's data id).
    [[nodiscard]] Result<void> addStoredAttachment(SecretSpan name, const EntryId& data);
    // NotFound when no attachment has that name.
    [[nodiscard]] Result<void> removeAttachment(SecretSpan name);
    void clearAttachments() { m_attachments.clear(); }
    [[nodiscard]] const std::vector<Attachment>& attachments() const { return m_attachments; }

    // Remembered browser decisions per site (an origin); setting a site again replaces its
    // decision. To record a decision on a saved entry without editing it (no history version,
    // same modified time), use VaultContents::setSiteAccess instead.
    [[nodiscard]] Result<void> setSiteAccess(SecretSpan site, SiteDecision decision);
    void clearSiteAccess() { m_siteAccess.clear(); }
    [[nodiscard]] const std::vector<SiteAccess>& siteAccess() const { return m_siteAccess; }

    // The whole entry record (tag, length, value). `attachmentData` holds the data id of each
    // attachment, in order (VaultContents resolves them). With `previous`, its fields become the
    // newest history version (keeping at most `historyLimit` versions) and its unknown
    // ignorable fields are carried over unchanged.
    [[nodiscard]] Result<SecretBuffer>
    buildRecord(const EntryId& id, std::int64_t created, std::int64_t modified,
                const EntryView* previous, std::uint32_t historyLimit,
                std::span<const EntryId> attachmentData = {}) const;

    // The fields of `entry` as one history version (an entry record with no id, history or
    // site access), appended to `writer`.
    static void writeHistoryVersion(RecordWriter& writer, const EntryView& entry);

private:
    [[nodiscard]] SecretBuffer* single(EntryField field);
    [[nodiscard]] Result<SecretBuffer> copy(SecretSpan value) const;
    [[nodiscard]] Result<void> addAttachment(SecretSpan name, SecretBuffer data,
                                             const EntryId& stored);

    SecretArena* m_arena;
    SecretBuffer m_title, m_username, m_password, m_notes, m_totp;
    std::vector<SecretBuffer> m_urls;
    std::vector<SecretBuffer> m_tags;
    std::vector<CustomField> m_customFields;
    std::vector<Attachment> m_attachments;
    std::vector<SiteAccess> m_siteAccess;
    EntryId m_group;
    std::optional<std::int64_t> m_expires;
    std::uint8_t m_autofillFlags = 0;
};

} // namespace arcanum
