// KdbxEntry: one KeePass entry (or one history version of it), as read from or written to KDBX.
//
// Holds no plaintext itself: every SecretSpan points into arena memory — the owning
// KdbxDatabase's pool when read from a file, or whatever arena buffers the caller built it from
// when it is about to be written. Identifiers, times and flags are not secret and are plain
// values. `strings` keeps every string field in file order, the five standard ones (Title,
// UserName, Password, URL, Notes) included, each with its protect flag.
#pragma once

#include "kdbx/KdbxUuid.h"
#include "secret/SecretSpan.h"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace arcanum {

// Unix seconds (UTC); 0 where the file has no value.
struct KdbxTimes
{
    std::int64_t created = 0;
    std::int64_t modified = 0;
    std::int64_t accessed = 0;
    std::int64_t expiry = 0;
    std::int64_t locationChanged = 0;
    bool expires = false;
    std::uint32_t usageCount = 0;
};

struct KdbxString
{
    SecretSpan key;
    SecretSpan value;
    bool isProtected = false;
};

struct KdbxAttachment
{
    SecretSpan name;
    std::uint32_t binary = 0; // index into KdbxDatabase::binaries
};

struct KdbxCustomDataItem
{
    SecretSpan key;
    SecretSpan value;
};

struct KdbxEntry
{
    // The standard string keys, which KeePass shows as the entry's own fields.
    static constexpr std::string_view titleKey = "Title";
    static constexpr std::string_view userNameKey = "UserName";
    static constexpr std::string_view passwordKey = "Password";
    static constexpr std::string_view urlKey = "URL";
    static constexpr std::string_view notesKey = "Notes";
    // KeePassXC's TOTP fields: an otpauth:// URI, or (older) a seed plus settings.
    static constexpr std::string_view otpKey = "otp";
    static constexpr std::string_view totpSeedKey = "TOTP Seed";
    static constexpr std::string_view totpSettingsKey = "TOTP Settings";

    KdbxUuid uuid;
    std::uint32_t group = 0; // index into KdbxDatabase::groups (a history version: its owner's)
    KdbxTimes times;
    SecretSpan tags; // as written: "a;b" (KeePass) or "a,b"
    std::vector<KdbxString> strings;
    std::vector<KdbxAttachment> attachments;
    std::vector<KdbxCustomDataItem> customData;
    std::vector<KdbxEntry> history; // oldest first, as KeePass writes them

    // The value of the string field `key` (compared byte for byte), or an empty span.
    [[nodiscard]] SecretSpan string(std::string_view key) const;
    [[nodiscard]] const KdbxString* findString(std::string_view key) const;
    [[nodiscard]] SecretSpan title() const { return string(titleKey); }
    [[nodiscard]] SecretSpan userName() const { return string(userNameKey); }
    [[nodiscard]] SecretSpan password() const { return string(passwordKey); }
    [[nodiscard]] SecretSpan url() const { return string(urlKey); }
    [[nodiscard]] SecretSpan notes() const { return string(notesKey); }

    // True for the five standard keys.
    [[nodiscard]] static bool isStandardKey(SecretSpan key);
    // Every tag (split at ';' and ',', spaces around a tag dropped, empty ones skipped).
    void forEachTag(const std::function<void(SecretSpan)>& visit) const;
};

// True when `span` holds exactly the bytes of `text`.
[[nodiscard]] bool spanEquals(SecretSpan span, std::string_view text);

} // namespace arcanum
