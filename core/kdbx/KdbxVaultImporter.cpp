#include "kdbx/KdbxVaultImporter.h"

#include "autofill/Base64.h"
#include "kdbx/KdbxEntryConverter.h"
#include "kdbx/KdbxReader.h"
#include "vault/AssociationView.h"
#include "vault/Vault.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <sodium.h>
#include <unordered_set>

namespace arcanum {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// KeePass times are seconds; the vault's are milliseconds. A time the file lacks is "now".
std::int64_t vaultTime(std::int64_t unixSeconds, std::int64_t now)
{
    return unixSeconds > 0 ? unixSeconds * 1000 : now;
}

// Hands out vault ids: the KeePass UUID when no entry, group or tombstone has it yet (so the
// browser extension's and other tools' references keep working), else a fresh random one.
class IdAllocator
{
public:
    IdAllocator(const VaultContents& contents, std::size_t expected)
    {
        const std::vector<EntryId> used = contents.usedIds();
        m_used.reserve(used.size() + expected);
        m_used.insert(used.begin(), used.end());
    }
    EntryId take(const KdbxUuid& uuid)
    {
        EntryId id(uuid.bytes.data());
        while (id.isNull() || !m_used.insert(id).second)
            id = EntryId::random();
        return id;
    }

private:
    // SipHash under a random key: a file's UUIDs are chosen by whoever wrote it, and must not
    // be able to pile up in one bucket.
    struct Hash
    {
        std::array<std::uint8_t, crypto_shorthash_KEYBYTES> key;
        Hash() { randombytes_buf(key.data(), key.size()); }
        std::size_t operator()(const EntryId& id) const
        {
            std::uint64_t hash;
            crypto_shorthash(reinterpret_cast<unsigned char*>(&hash), id.bytes().data(),
                             id.bytes().size(), key.data());
            return static_cast<std::size_t>(hash);
        }
    };
    std::unordered_set<EntryId, Hash> m_used;
};

class Importer
{
public:
    Importer(VaultContents& contents, SecretArena& arena, const KdbxDatabase& database,
             const KdbxImportOptions& options, KdbxImportReport& report)
        : m_contents(contents), m_arena(arena), m_database(database), m_options(options),
          m_report(report), m_ids(contents, database.entries.size() + database.groups.size()),
          m_converter(arena, database, report), m_now(VaultContents::nowMs())
    {}

    Result<void> run()
    {
        m_report.recycleBinEntries += m_database.skipped.recycleBinEntries;
        m_report.recycleBinGroups += m_database.skipped.recycleBinGroups;
        if (!m_database.hasRoot())
            return {};
        if (auto browser = takeBrowserData(); !browser)
            return browser;
        // Depth first, parents before children, file order within a group.
        std::vector<std::pair<std::uint32_t, EntryId>> pending{{0, m_options.intoGroup}};
        while (!pending.empty()) {
            const auto [index, vaultGroup] = pending.back();
            pending.pop_back();
            const KdbxGroup& group = m_database.groups[index];
            if (auto entries = addEntries(group, vaultGroup); !entries)
                return entries;
            for (auto child = group.groups.rbegin(); child != group.groups.rend(); ++child) {
                const KdbxGroup& sub = m_database.groups[*child];
                const bool recycled = sub.inRecycleBin || (!m_database.recycleBin.isNull() &&
                                                           sub.uuid == m_database.recycleBin);
                if (recycled && !m_options.keepRecycleBin) {
                    countRecycled(*child);
                    continue;
                }
                if (!sub.notes.empty())
                    if (auto s = skipGroupNotes(sub.name); !s)
                        return s;
                const EntryId id = m_ids.take(sub.uuid);
                if (auto added = m_contents.addGroupAs(id, sub.name, vaultGroup,
                                                       vaultTime(sub.times.modified, m_now));
                    !added)
                    return added;
                ++m_report.groups;
                pending.emplace_back(*child, id);
            }
        }
        return {};
    }

private:
    // A recycle bin the reader kept (it keeps the groups when asked to keep their entries).
    void countRecycled(std::uint32_t index)
    {
        const KdbxGroup& group = m_database.groups[index];
        ++m_report.recycleBinGroups;
        m_report.recycleBinEntries += group.entries.size();
        for (std::uint32_t child : group.groups)
            countRecycled(child);
    }

    Result<void> addEntries(const KdbxGroup& group, const EntryId& vaultGroup)
    {
        for (std::uint32_t index : group.entries) {
            const KdbxEntry& entry = m_database.entries[index];
            const SecretSpan title = entry.title();
            auto draft = m_converter.convert(entry, vaultGroup, title, 0);
            if (!draft)
                return draft.error();
            // KeePass keeps history oldest first; the vault newest first.
            std::vector<EntryDraft> versions;
            versions.reserve(entry.history.size());
            for (std::size_t v = 0; v < entry.history.size(); ++v) {
                auto version = m_converter.convert(entry.history[v], vaultGroup, title, v + 1);
                if (!version)
                    return version.error();
                versions.push_back(std::move(version.value()));
            }
            std::vector<VaultContents::Version> history;
            history.reserve(versions.size());
            for (std::size_t v = versions.size(); v-- > 0;) {
                const KdbxTimes& times = entry.history[v].times;
                history.push_back({&versions[v], vaultTime(times.created, m_now),
                                   vaultTime(times.modified, m_now)});
            }
            const std::size_t attachmentsBefore = m_contents.attachmentDataCount();
            if (auto added = m_contents.addEntryAs(m_ids.take(entry.uuid), *draft,
                                                   vaultTime(entry.times.created, m_now),
                                                   vaultTime(entry.times.modified, m_now), history,
                                                   VaultContents::IdCheck::DoneByCaller);
                !added)
                return added;
            m_report.attachmentData += m_contents.attachmentDataCount() - attachmentsBefore;
            ++m_report.entries;
            m_report.historyVersions += history.size();
        }
        return {};
    }

    Result<void> skipGroupNotes(SecretSpan name)
    {
        KdbxImportSkip skipped;
        skipped.kind = KdbxImportSkip::Kind::GroupNotes;
        auto item = m_arena.copyOf(name);
        if (!item)
            return item.error();
        skipped.item = std::move(item.value());
        skipped.reason = "the group's notes: groups in the vault have no notes";
        m_report.skipped.push_back(std::move(skipped));
        return {};
    }

    Result<void> skipAssociation(SecretSpan name, std::string reason)
    {
        KdbxImportSkip skipped;
        skipped.kind = KdbxImportSkip::Kind::Association;
        auto item = m_arena.copyOf(name);
        if (!item)
            return item.error();
        skipped.item = std::move(item.value());
        skipped.reason = std::move(reason);
        m_report.skipped.push_back(std::move(skipped));
        return {};
    }

    // The identity and the associations go together: an association is only ever asked for
    // under the database hash of the identity it was made for.
    Result<void> takeBrowserData()
    {
        const KdbxUuid root = m_database.rootUuid();
        // Associations made for another identity (importing the same database again is fine).
        const bool ownAssociations =
            m_contents.associationCount() > 0 && m_contents.identity() != root.bytes;
        if (m_options.takeIdentity && !root.isNull() && !ownAssociations) {
            if (m_contents.identity() != root.bytes)
                if (auto set = m_contents.setIdentity(root.bytes); !set)
                    return set;
            m_report.identitySet = true;
        }
        if (!m_options.takeAssociations)
            return {};
        std::optional<Error> error;
        m_database.forEachBrowserAssociation([&](SecretSpan name, SecretSpan value) {
            if (error)
                return;
            auto result = addAssociation(name, value);
            if (!result)
                error = result.error();
        });
        if (error)
            return *error;
        return {};
    }

    Result<void> addAssociation(SecretSpan name, SecretSpan value)
    {
        if (!m_report.identitySet)
            return skipAssociation(
                name, m_options.takeIdentity && !m_database.rootUuid().isNull()
                          ? "the vault has browser associations of its own, so it keeps its "
                            "identity, which this association was not made for"
                          : "the vault keeps its own identity, which this association was not "
                            "made for");
        auto key = m_arena.allocate(AssociationView::keyBytes);
        if (!key)
            return key.error();
        if (!autofill::Base64::decodeExact(value.bytes(), key->bytes()))
            return skipAssociation(name, "its key is not a 32-byte public key in Base64");
        auto added = m_contents.addAssociation(name, key->span());
        if (added) {
            ++m_report.associations;
            return {};
        }
        if (added.error().code == ErrorCode::AlreadyExists)
            return skipAssociation(name, "the vault has an association of that name already");
        return added;
    }

    VaultContents& m_contents;
    SecretArena& m_arena;
    const KdbxDatabase& m_database;
    const KdbxImportOptions& m_options;
    KdbxImportReport& m_report;
    IdAllocator m_ids;
    KdbxEntryConverter m_converter;
    std::int64_t m_now;
};

} // namespace

std::size_t KdbxVaultImporter::secretBytesToImport(std::size_t fileBytes)
{
    // Capped: a file of large (incompressible) attachments needs less than 6 times its size, and
    // touching more than this would only lengthen the KDF step (~50 us a page on a VM).
    return std::min(fileBytes * 6, KdbxReader::maxPrefaultBytes);
}

Result<KdbxDatabase> KdbxVaultImporter::read(SecretArena& arena, std::span<const std::uint8_t> file,
                                             const KdbxKey& key, const KdbxImportOptions& options,
                                             KdbxImportReport* report)
{
    auto start = Clock::now();
    auto header = KdbxReader::readHeader(file);
    if (!header)
        return header.error();
    if (report != nullptr)
        report->readMs = msSince(start);
    start = Clock::now();
    const std::size_t prefault = options.prefaultForApply
                                     ? secretBytesToImport(file.size())
                                     : KdbxReader::secretBytesToRead(file.size());
    auto transformed = KdbxReader::transformKey(arena, *header, key, prefault);
    if (!transformed)
        return transformed.error();
    if (report != nullptr)
        report->kdfMs = msSince(start);
    start = Clock::now();
    KdbxReadOptions readOptions = options.read;
    readOptions.keepRecycleBin = options.keepRecycleBin;
    auto database = KdbxReader::decrypt(arena, file, *header, transformed->span(), readOptions);
    if (report != nullptr)
        report->decryptMs = msSince(start);
    return database;
}

Result<KdbxImportReport> KdbxVaultImporter::apply(VaultContents& contents, SecretArena& arena,
                                                  const KdbxDatabase& database,
                                                  const KdbxImportOptions& options,
                                                  KdbxImportReport report)
{
    const auto start = Clock::now();
    if (!options.intoGroup.isNull() && !contents.findGroup(options.intoGroup))
        return Error{ErrorCode::NotFound,
                     "No group with id " + options.intoGroup.toString() + " in this vault."};
    const VaultContents::Checkpoint checkpoint = contents.checkpoint();
    Importer importer(contents, arena, database, options, report);
    if (auto imported = importer.run(); !imported) {
        contents.rollback(checkpoint);
        return imported.error();
    }
    report.applyMs = msSince(start);
    return report;
}

Result<KdbxImportReport> KdbxVaultImporter::importFile(Vault& vault, const std::string& kdbxPath,
                                                       const KdbxKey& key,
                                                       const KdbxImportOptions& options)
{
    auto file = KdbxReader::readFile(kdbxPath);
    if (!file)
        return file.error();
    KdbxImportReport report;
    KdbxImportOptions sameArena = options;
    sameArena.prefaultForApply = true; // the records go into the arena the database is read into
    auto database = read(vault.arena(), *file, key, sameArena, &report);
    if (!database)
        return database.error();
    return apply(vault.contents(), vault.arena(), *database, options, std::move(report));
}

} // namespace arcanum
