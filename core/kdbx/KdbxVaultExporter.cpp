#include "kdbx/KdbxVaultExporter.h"

#include "autofill/Base64.h"
#include "kdbx/KdbxEntryConverter.h"
#include "totp/TotpUri.h"

#include <chrono>
#include <cstring>
#include <map>
#include <string_view>

namespace arcanum {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

SecretSpan literal(std::string_view text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

KdbxUuid uuidOf(const EntryId& id)
{
    return KdbxUuid::fromBytes(id.bytes());
}

constexpr std::string_view hideEntryKey = KdbxEntryConverter::hideEntryKey;

class Builder
{
public:
    Builder(const VaultContents& contents, KdbxDatabase& database, KdbxExportReport& report)
        : m_contents(contents), m_db(database), m_report(report)
    {}

    Result<void> run()
    {
        const std::uint32_t root = m_db.addGroup(std::nullopt, literal("Root"));
        const auto identity = m_contents.identity();
        m_db.groups[root].uuid = KdbxUuid::fromBytes(identity);
        m_db.groups[root].times = times(m_contents.createdAt(), m_contents.createdAt());
        m_groupIndex.assign(m_contents.groupCount(), unmapped);
        for (std::size_t i = 0; i < m_contents.groupCount(); ++i)
            if (auto added = group(i, 0); !added)
                return added.error();
        for (std::size_t i = 0; i < m_contents.entryCount(); ++i)
            if (auto added = entry(m_contents.entry(i)); !added)
                return added;
        return associations();
    }

private:
    static constexpr std::uint32_t unmapped = UINT32_MAX;
    static constexpr std::uint32_t visiting = UINT32_MAX - 1;

    static KdbxTimes times(std::int64_t createdMs, std::int64_t modifiedMs)
    {
        KdbxTimes t;
        t.created = createdMs / 1000;
        t.modified = modifiedMs / 1000;
        t.accessed = t.modified;
        t.locationChanged = t.modified;
        return t;
    }

    Result<SecretSpan> copy(SecretSpan value) { return m_db.pool().copy(value); }

    // The KDBX group of vault group `index`, its parents first. A parent that is missing (or a
    // loop, which a damaged file could hold) puts the group under the root.
    Result<std::uint32_t> group(std::size_t index, int depth)
    {
        if (m_groupIndex[index] != unmapped && m_groupIndex[index] != visiting)
            return m_groupIndex[index];
        const GroupView view = m_contents.group(index);
        std::uint32_t parent = 0;
        m_groupIndex[index] = visiting;
        if (const auto p =
                view.parent().isNull() ? std::nullopt : m_contents.findGroup(view.parent());
            p && m_groupIndex[*p] != visiting && depth < 1000) {
            auto mapped = group(*p, depth + 1);
            if (!mapped)
                return mapped.error();
            parent = *mapped;
        }
        auto name = copy(view.name());
        if (!name)
            return name.error();
        const std::uint32_t added = m_db.addGroup(parent, *name);
        m_db.groups[added].uuid = uuidOf(view.id());
        m_db.groups[added].times = times(view.modified(), view.modified());
        m_groupIndex[index] = added;
        ++m_report.groups;
        return added;
    }

    Result<void> addString(KdbxEntry& out, std::map<std::string_view, int>& keys, SecretSpan key,
                           SecretSpan value, bool isProtected)
    {
        // Keys are compared as bytes; a string_view over arena bytes is only a lookup key here
        // (no copy of them is made).
        auto keyCopy = copy(key);
        if (!keyCopy)
            return keyCopy.error();
        std::string_view view(keyCopy->chars(), keyCopy->size());
        SecretSpan finalKey = *keyCopy;
        if (keys.contains(view)) {
            // A second field of one name: KDBX keys are distinct, so number it.
            for (int n = 2;; ++n) {
                const std::string suffix = " (" + std::to_string(n) + ")";
                auto renamed = m_db.pool().allocate(key.size() + suffix.size());
                if (!renamed)
                    return renamed.error();
                std::memcpy(renamed->data(), key.data(), key.size());
                std::memcpy(renamed->data() + key.size(), suffix.data(), suffix.size());
                std::string_view candidate(reinterpret_cast<const char*>(renamed->data()),
                                           renamed->size());
                if (!keys.contains(candidate)) {
                    finalKey = SecretSpan(renamed->data(), renamed->size());
                    view = candidate;
                    break;
                }
            }
            ++m_report.renamedFields;
        }
        keys[view] = 1;
        auto valueCopy = copy(value);
        if (!valueCopy)
            return valueCopy.error();
        out.strings.push_back({finalKey, *valueCopy, isProtected});
        return {};
    }

    // The entry's TOTP text as an otpauth:// URI (a bare Base32 secret becomes one); text no
    // parser reads is written as it is, so nothing is lost.
    Result<SecretSpan> otpValue(SecretSpan totp)
    {
        static constexpr std::string_view scheme = "otpauth://";
        if (totp.size() >= scheme.size() &&
            std::memcmp(totp.data(), scheme.data(), scheme.size()) == 0)
            return copy(totp);
        auto parameters = TotpUri::parse(m_db.arena(), totp);
        if (!parameters)
            return copy(totp);
        auto uri = TotpUri::format(m_db.arena(), *parameters, {}, {});
        if (!uri)
            return uri.error();
        return copy(uri->span());
    }

    Result<std::uint32_t> binaryFor(const EntryId& data)
    {
        if (const auto found = m_binaries.find(data); found != m_binaries.end())
            return found->second;
        auto bytes = copy(m_contents.attachmentData(data));
        if (!bytes)
            return bytes.error();
        const auto index = static_cast<std::uint32_t>(m_db.binaries.size());
        m_db.binaries.push_back({*bytes, false});
        m_binaries.emplace(data, index);
        return index;
    }

    // One version's fields (not its history) into `out`.
    Result<void> fill(const EntryView& entry, KdbxEntry& out)
    {
        out.times = times(entry.created(), entry.modified());
        if (const auto expires = entry.expires()) {
            out.times.expires = true;
            out.times.expiry = *expires / 1000;
        }
        std::map<std::string_view, int> keys;
        const std::pair<std::string_view, SecretSpan> standard[] = {
            {KdbxEntry::titleKey, entry.title()},       {KdbxEntry::userNameKey, entry.username()},
            {KdbxEntry::passwordKey, entry.password()}, {KdbxEntry::urlKey, entry.url()},
            {KdbxEntry::notesKey, entry.notes()},
        };
        for (const auto& [key, value] : standard)
            if (auto added =
                    addString(out, keys, literal(key), value, key == KdbxEntry::passwordKey);
                !added)
                return added;
        std::optional<Error> error;
        const auto keep = [&](Result<void> step) {
            if (!step && !error)
                error = step.error();
        };
        if (!entry.totp().empty()) {
            auto otp = otpValue(entry.totp());
            if (!otp)
                return otp.error();
            keep(addString(out, keys, literal(KdbxEntry::otpKey), *otp, true));
        }
        std::size_t urlNumber = 0;
        entry.forEachUrl([&](SecretSpan url) {
            if (urlNumber++ == 0)
                return; // the first is URL
            const std::string key = std::string(KdbxEntryConverter::additionalUrlPrefix) + "_" +
                                    std::to_string(urlNumber - 1);
            keep(addString(out, keys, literal(key), url, false));
        });
        entry.forEachCustomField([&](const EntryView::CustomField& field) {
            keep(addString(out, keys, field.name, field.value, field.isProtected));
        });
        if (error)
            return *error;

        std::size_t tagBytes = 0, tagCount = 0;
        entry.forEachTag([&](SecretSpan tag) {
            tagBytes += tag.size() + 1;
            ++tagCount;
        });
        if (tagCount > 0) {
            auto tags = m_db.pool().allocate(tagBytes - 1);
            if (!tags)
                return tags.error();
            std::size_t at = 0;
            entry.forEachTag([&](SecretSpan tag) {
                if (at > 0)
                    (*tags)[at++] = ';';
                std::memcpy(tags->data() + at, tag.data(), tag.size());
                at += tag.size();
            });
            out.tags = SecretSpan(tags->data(), tags->size());
        }

        entry.forEachAttachment([&](const EntryView::Attachment& attachment) {
            if (error)
                return;
            auto name = copy(attachment.name);
            auto binary = binaryFor(attachment.data);
            if (!name || !binary) {
                error = !name ? name.error() : binary.error();
                return;
            }
            out.attachments.push_back({*name, *binary});
            ++m_report.attachments;
        });
        if (error)
            return *error;
        if (entry.isHiddenFromBrowser())
            out.customData.push_back({literal(hideEntryKey), literal("true")});
        return {};
    }

    Result<void> entry(const EntryView& view)
    {
        std::uint32_t group = 0;
        if (!view.group().isNull())
            if (const auto index = m_contents.findGroup(view.group()))
                group = m_groupIndex[*index];
        const std::uint32_t index = m_db.addEntry(group);
        KdbxEntry& out = m_db.entries[index];
        out.uuid = uuidOf(view.id());
        if (auto filled = fill(view, out); !filled)
            return filled;
        if (!view.totp().empty())
            ++m_report.totp;
        view.forEachSiteAccess([&](const EntryView::SiteAccess&) { ++m_report.siteDecisions; });
        // The vault lists history newest first, KeePass oldest first.
        std::vector<EntryView> versions;
        view.forEachHistory([&](const EntryView& version) { versions.push_back(version); });
        for (auto version = versions.rbegin(); version != versions.rend(); ++version) {
            KdbxEntry old;
            old.uuid = out.uuid;
            old.group = group;
            if (auto filled = fill(*version, old); !filled)
                return filled;
            m_db.entries[index].history.push_back(std::move(old));
            ++m_report.historyVersions;
        }
        ++m_report.entries;
        return {};
    }

    // Meta/CustomData KPXC_BROWSER_<name> = the Base64 public key, as KeePassXC stores them.
    Result<void> associations()
    {
        for (std::size_t i = 0; i < m_contents.associationCount(); ++i) {
            const AssociationView association = m_contents.association(i);
            const SecretSpan name = association.name();
            const std::string_view prefix = KdbxDatabase::browserAssociationPrefix;
            auto key = m_db.pool().allocate(prefix.size() + name.size());
            if (!key)
                return key.error();
            std::memcpy(key->data(), prefix.data(), prefix.size());
            std::memcpy(key->data() + prefix.size(), name.data(), name.size());
            const std::size_t encoded = autofill::Base64::encodedLength(association.key().size());
            auto value = m_db.pool().allocate(encoded + 1); // libsodium's terminator
            if (!value)
                return value.error();
            autofill::Base64::encodeInto(association.key().bytes(), *value);
            m_db.customData.push_back(
                {SecretSpan(key->data(), key->size()), SecretSpan(value->data(), encoded)});
            ++m_report.associations;
        }
        return {};
    }

    const VaultContents& m_contents;
    KdbxDatabase& m_db;
    KdbxExportReport& m_report;
    std::vector<std::uint32_t> m_groupIndex;
    std::map<EntryId, std::uint32_t> m_binaries;
};

} // namespace

Result<KdbxDatabase> KdbxVaultExporter::build(const VaultContents& contents, SecretArena& arena,
                                              KdbxExportReport* report)
{
    const auto start = Clock::now();
    KdbxExportReport local;
    KdbxExportReport& out = report != nullptr ? *report : local;
    KdbxDatabase database(arena);
    if (auto built = Builder(contents, database, out).run(); !built)
        return built.error();
    out.buildMs = msSince(start);
    return database;
}

Result<void> KdbxVaultExporter::write(SecretArena& arena, const std::string& path,
                                      const KdbxDatabase& database, const KdbxKey& key,
                                      const KdbxWriteOptions& options, KdbxExportReport* report)
{
    const auto start = Clock::now();
    auto written = KdbxWriter::writeFile(arena, path, database, key, options);
    if (report != nullptr)
        report->writeMs = msSince(start);
    return written;
}

Result<KdbxExportReport> KdbxVaultExporter::exportFile(const VaultContents& contents,
                                                       SecretArena& arena, const std::string& path,
                                                       const KdbxKey& key,
                                                       const KdbxWriteOptions& options)
{
    KdbxExportReport report;
    auto database = build(contents, arena, &report);
    if (!database)
        return database.error();
    if (auto written = write(arena, path, *database, key, options, &report); !written)
        return written.error();
    return report;
}

} // namespace arcanum
