// KdbxDatabase: everything Arcanum reads from (or writes to) a KeePass database, in a neutral,
// arena-backed model that an importer maps onto the vault and an exporter fills from it.
//
// Owns the ArenaPool that every field of a database read from a file points into, so the spans
// stay valid exactly as long as this object (moving it keeps them valid). A database built for
// writing may instead point its spans at any arena memory that outlives the write. The tables
// (groups, entries, binaries) are ordinary vectors of spans, identifiers and times: bookkeeping,
// never field bytes.
#pragma once

#include "kdbx/ArenaPool.h"
#include "kdbx/KdbxGroup.h"
#include "kdbx/KdbxHeader.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace arcanum {

struct KdbxBinary
{
    SecretSpan data;
    bool isProtected = false; // KeePass's "protect in memory" flag
};

// What was left out of the model on purpose, for the import report.
struct KdbxSkipped
{
    std::size_t recycleBinEntries = 0; // entries in the recycle bin (and groups below it)
    std::size_t recycleBinGroups = 0;  // the recycle bin and its subgroups
};

class KdbxDatabase
{
public:
    // The prefix of KeePassXC-Browser's association items in the database's custom data.
    static constexpr std::string_view browserAssociationPrefix = "KPXC_BROWSER_";

    explicit KdbxDatabase(SecretArena& arena) : m_pool(arena) {}
    KdbxDatabase(KdbxDatabase&&) noexcept = default;
    KdbxDatabase& operator=(KdbxDatabase&&) noexcept = default;

    std::vector<KdbxGroup> groups; // groups[0] is the root group
    std::vector<KdbxEntry> entries;
    std::vector<KdbxBinary> binaries;           // attachments' contents, shared by index
    std::vector<KdbxCustomDataItem> customData; // Meta/CustomData, in file order
    SecretSpan name;                            // Meta/DatabaseName
    KdbxUuid recycleBin;                        // Meta/RecycleBinUUID (null: none)
    bool recycleBinEnabled = false;
    KdbxSkipped skipped;
    KdbxHeader header; // the header the file had (read), not used for writing

    [[nodiscard]] ArenaPool& pool() { return m_pool; }
    [[nodiscard]] SecretArena& arena() const { return m_pool.arena(); }

    [[nodiscard]] bool hasRoot() const { return !groups.empty(); }
    // The identity KeePassXC-Browser knows the database by: SHA-256 hex of this UUID.
    [[nodiscard]] KdbxUuid rootUuid() const { return groups.empty() ? KdbxUuid{} : groups[0].uuid; }

    // Each KeePassXC-Browser association: `name` is the part after KPXC_BROWSER_, `value` the
    // stored JSON/Base64 as KeePassXC wrote it.
    void forEachBrowserAssociation(
        const std::function<void(SecretSpan name, SecretSpan value)>& visit) const;

    // Building (for writing or tests): a new group under `parent` (none: the root, which must be
    // the first), and a new entry in `group`; both get a random UUID. Returns the index.
    std::uint32_t addGroup(std::optional<std::uint32_t> parent, SecretSpan name);
    std::uint32_t addEntry(std::uint32_t group);

    // Number of entries, history versions not counted.
    [[nodiscard]] std::size_t entryCount() const { return entries.size(); }

private:
    ArenaPool m_pool;
};

} // namespace arcanum
