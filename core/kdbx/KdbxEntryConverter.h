// KdbxEntryConverter: one KeePass entry (or history version) as a vault EntryDraft.
//
// Title, UserName, Password, Notes and the URL go to the draft's own fields, tags are split,
// expiry carried over; every other string field becomes a custom field with its protect flag.
// TOTP: a readable `otp` field (otpauth://, KeeOTP or bare Base32) goes to the vault's TOTP field
// (otpauth:// and Base32 text as it is, KeeOTP rewritten as an otpauth:// URI); without one,
// KeePassXC's older "TOTP Seed" + "TOTP Settings" become an otpauth:// URI there. TOTP text the
// vault cannot read stays a protected custom field (and is reported). KP2A_URL* fields become
// further URLs, BrowserHideEntry the "hidden from the browser" flag. Attachments are copied
// into the draft; one the vault cannot hold is reported, never dropped silently. All copies are
// arena buffers.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxDatabase.h"
#include "kdbx/KdbxImportReport.h"
#include "vault/EntryDraft.h"

namespace arcanum {

class KdbxEntryConverter
{
public:
    // KeePassXC's entry custom data that hides an entry from the browser extension ("true").
    static constexpr std::string_view hideEntryKey = "BrowserHideEntry";
    // Further URLs: KeePassXC reads every string field whose key starts with this
    // (KeePass2Android writes KP2A_URL_1, KP2A_URL_2, ...).
    static constexpr std::string_view additionalUrlPrefix = "KP2A_URL";

    KdbxEntryConverter(SecretArena& arena, const KdbxDatabase& database, KdbxImportReport& report)
        : m_arena(arena), m_database(database), m_report(report)
    {}

    // `entry` as a draft in `group`. `historyVersion`: 0 for the entry itself, n for its n-th
    // earlier version (oldest 1), which the report names; `title` is the entry's current title.
    // Errors: only the arena's (memory).
    [[nodiscard]] Result<EntryDraft> convert(const KdbxEntry& entry, const EntryId& group,
                                             SecretSpan title, std::size_t historyVersion);

private:
    [[nodiscard]] Result<void> addTotp(const KdbxEntry& entry, EntryDraft& draft, bool& otpUsed,
                                       bool& legacyUsed);
    [[nodiscard]] Result<void> skip(KdbxImportSkip::Kind kind, SecretSpan title, SecretSpan item,
                                    std::size_t historyVersion, std::string reason);

    SecretArena& m_arena;
    const KdbxDatabase& m_database;
    KdbxImportReport& m_report;
};

} // namespace arcanum
