#include "kdbx/KdbxEntryConverter.h"

#include "totp/TotpLegacy.h"
#include "totp/TotpUri.h"
#include "vault/Record.h"

#include <cctype>
#include <cstring>

namespace arcanum {

namespace {

bool startsWith(SecretSpan text, std::string_view prefix)
{
    return text.size() >= prefix.size() &&
           std::memcmp(text.data(), prefix.data(), prefix.size()) == 0;
}

bool startsWithNoCase(SecretSpan text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(text[i]) != prefix[i])
            return false;
    return true;
}

// Text the vault's TOTP field holds as it is: an otpauth:// URI or a bare Base32 secret.
bool storableAsIs(SecretSpan text)
{
    if (startsWithNoCase(text, "otpauth://"))
        return true;
    for (std::uint8_t c : text)
        if (!(std::isalnum(c) || c == '=' || c == ' ' || c == '-'))
            return false;
    return true;
}

} // namespace

Result<void> KdbxEntryConverter::skip(KdbxImportSkip::Kind kind, SecretSpan title, SecretSpan item,
                                      std::size_t historyVersion, std::string reason)
{
    KdbxImportSkip skipped;
    skipped.kind = kind;
    auto titleCopy = m_arena.copyOf(title);
    if (!titleCopy)
        return titleCopy.error();
    auto itemCopy = m_arena.copyOf(item);
    if (!itemCopy)
        return itemCopy.error();
    skipped.entryTitle = std::move(titleCopy.value());
    skipped.item = std::move(itemCopy.value());
    skipped.historyVersion = historyVersion;
    skipped.reason = std::move(reason);
    m_report.skipped.push_back(std::move(skipped));
    return {};
}

Result<void> KdbxEntryConverter::addTotp(const KdbxEntry& entry, EntryDraft& draft, bool& otpUsed,
                                         bool& legacyUsed)
{
    otpUsed = legacyUsed = false;
    const KdbxString* otp = entry.findString(KdbxEntry::otpKey);
    if (otp != nullptr && !otp->value.empty()) {
        // Unreadable text stays a custom field (the caller reports it); the older fields may
        // still hold a usable setting.
        if (auto parameters = TotpUri::parse(m_arena, otp->value)) {
            otpUsed = true;
            if (storableAsIs(otp->value))
                return draft.set(EntryField::Totp, otp->value);
            auto uri = TotpUri::format(m_arena, *parameters, {}, {});
            if (!uri)
                return uri.error();
            return draft.set(EntryField::Totp, uri->span());
        }
    }
    const KdbxString* seed = entry.findString(KdbxEntry::totpSeedKey);
    if (seed == nullptr || seed->value.empty())
        return {};
    const KdbxString* settings = entry.findString(KdbxEntry::totpSettingsKey);
    auto parameters = TotpLegacy::parse(m_arena, seed->value,
                                        settings != nullptr ? settings->value : SecretSpan());
    if (!parameters)
        return {};
    auto uri = TotpUri::format(m_arena, *parameters, {}, {});
    if (!uri)
        return uri.error();
    legacyUsed = true;
    return draft.set(EntryField::Totp, uri->span());
}

Result<EntryDraft> KdbxEntryConverter::convert(const KdbxEntry& entry, const EntryId& group,
                                               SecretSpan title, std::size_t historyVersion)
{
    EntryDraft draft(m_arena);
    draft.setGroup(group);
    if (entry.times.expires)
        draft.setExpires(entry.times.expiry * 1000);
    const std::pair<EntryField, SecretSpan> singles[] = {
        {EntryField::Title, entry.title()},
        {EntryField::Username, entry.userName()},
        {EntryField::Password, entry.password()},
        {EntryField::Notes, entry.notes()},
    };
    for (const auto& [field, value] : singles)
        if (!value.empty())
            if (auto set = draft.set(field, value); !set)
                return set.error();
    if (!entry.url().empty())
        if (auto added = draft.addUrl(entry.url()); !added)
            return added.error();

    std::optional<Error> error;
    entry.forEachTag([&](SecretSpan tag) {
        if (!error)
            if (auto added = draft.addTag(tag); !added)
                error = added.error();
    });
    if (error)
        return *error;

    for (const KdbxCustomDataItem& item : entry.customData)
        if (spanEquals(item.key, hideEntryKey) && spanEquals(item.value, "true"))
            draft.setAutofillFlags(EntryView::hiddenFromBrowserFlag);

    bool otpUsed = false, legacyUsed = false;
    if (auto totp = addTotp(entry, draft, otpUsed, legacyUsed); !totp)
        return totp.error();
    if (historyVersion == 0 && (otpUsed || legacyUsed)) {
        ++m_report.totp;
        if (legacyUsed)
            ++m_report.legacyTotp;
    }

    for (const KdbxString& field : entry.strings) {
        if (KdbxEntry::isStandardKey(field.key))
            continue;
        if (startsWith(field.key, additionalUrlPrefix) && !field.value.empty()) {
            // KeePassXC's (and KeePass2Android's) further URLs: the vault keeps a URL list.
            if (auto added = draft.addUrl(field.value); !added)
                return added.error();
            continue;
        }
        const bool isOtp = spanEquals(field.key, KdbxEntry::otpKey);
        const bool isLegacy = spanEquals(field.key, KdbxEntry::totpSeedKey) ||
                              spanEquals(field.key, KdbxEntry::totpSettingsKey);
        if ((isOtp && otpUsed) || (isLegacy && legacyUsed))
            continue; // in the TOTP field now
        if (field.key.empty()) {
            if (auto s = skip(KdbxImportSkip::Kind::Field, title, field.key, historyVersion,
                              "a custom field without a name");
                !s)
                return s.error();
            continue;
        }
        const bool isSeed = spanEquals(field.key, KdbxEntry::totpSeedKey);
        const bool unreadableTotp =
            !field.value.empty() && ((isOtp && !otpUsed) || (isSeed && !otpUsed && !legacyUsed));
        // TOTP text is a secret whatever flag it had; keep it protected.
        const bool isProtected = field.isProtected || unreadableTotp;
        if (auto added = draft.addCustomField(field.key, field.value, isProtected); !added)
            return added.error();
        ++m_report.customFields;
        if (unreadableTotp)
            if (auto s = skip(KdbxImportSkip::Kind::Totp, title, field.key, historyVersion,
                              "not a TOTP setting Arcanum reads; kept as a protected custom field");
                !s)
                return s.error();
    }

    for (const KdbxAttachment& attachment : entry.attachments) {
        if (attachment.binary >= m_database.binaries.size())
            continue; // the reader refuses dangling references; cannot happen
        const SecretSpan data = m_database.binaries[attachment.binary].data;
        if (data.size() > Record::maxLength - 64) {
            if (auto s = skip(
                    KdbxImportSkip::Kind::Attachment, title, attachment.name, historyVersion,
                    "larger than the vault's limit of " +
                        std::to_string(Record::maxLength / (1024 * 1024)) + " MiB per attachment");
                !s)
                return s.error();
            continue;
        }
        auto added = draft.addAttachment(attachment.name, data);
        if (!added && added.error().code == ErrorCode::AlreadyExists) {
            if (auto s = skip(KdbxImportSkip::Kind::Attachment, title, attachment.name,
                              historyVersion, "a second attachment of the same name in the entry");
                !s)
                return s.error();
            continue;
        }
        if (!added)
            return added.error();
        ++m_report.attachments;
    }
    return draft;
}

} // namespace arcanum
