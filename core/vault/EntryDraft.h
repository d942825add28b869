// EntryDraft: the editable fields of one entry, each in its own arena buffer.
//
// Front ends fill a draft (from user input, an import row, or an existing entry) and hand it to
// Vault::addEntry / updateEntry, which turn it into a record with buildRecord(). The draft owns
// only arena buffers; the vectors hold buffer handles, never bytes.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "vault/EntryId.h"
#include "vault/EntryView.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace arcanum {

class EntryDraft
{
public:
    struct CustomField
    {
        SecretBuffer name;
        SecretBuffer value;
        bool isProtected = false;
    };

    explicit EntryDraft(SecretArena& arena) : m_arena(&arena) {}
    // A draft holding a copy of every field of `entry` (not its history).
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

    // The whole entry record (tag, length, value). With `previous`, its fields become the newest
    // history version (keeping at most `historyLimit` versions) and its unknown ignorable
    // fields are carried over unchanged.
    [[nodiscard]] Result<SecretBuffer> buildRecord(const EntryId& id, std::int64_t created,
                                                   std::int64_t modified, const EntryView* previous,
                                                   std::uint32_t historyLimit) const;

private:
    [[nodiscard]] SecretBuffer* single(EntryField field);
    [[nodiscard]] Result<SecretBuffer> copy(SecretSpan value) const;

    SecretArena* m_arena;
    SecretBuffer m_title, m_username, m_password, m_notes, m_totp;
    std::vector<SecretBuffer> m_urls;
    std::vector<SecretBuffer> m_tags;
    std::vector<CustomField> m_customFields;
    EntryId m_group;
};

} // namespace arcanum
