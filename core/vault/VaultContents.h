// VaultContents: the unlocked vault's data model — meta, groups, entries, tombstones — with
// every byte in the arena and nothing parsed out of it.
//
// The model IS the payload format: each item is a record (docs/FORMAT.md §3) that lives either
// in the decrypted payload buffer or, once changed, in its own arena buffer. The index below
// holds only spans (pointers and record lengths) in ordinary memory. Serializing is
// concatenation; after a save the new payload buffer replaces the old one (compaction).
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "text/SearchQuery.h"
#include "vault/EntryDraft.h"
#include "vault/EntryView.h"
#include "vault/GroupView.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace arcanum {

class VaultContents
{
public:
    static constexpr std::uint32_t defaultHistoryLimit = 10;

    explicit VaultContents(SecretArena& arena) : m_arena(&arena) {}

    // A new, empty vault (just the meta record).
    [[nodiscard]] static Result<VaultContents> createEmpty(SecretArena& arena);
    // Takes ownership of a decrypted payload and indexes it in place, validating every record.
    [[nodiscard]] static Result<VaultContents> load(SecretBuffer payload, SecretArena& arena);
    // The payload bytes (a fresh arena buffer). Follow with adopt() once it is safely saved.
    [[nodiscard]] Result<SecretBuffer> serialize() const;
    // Replaces the storage with `payload` (which must be serialize()'s output), freeing every
    // per-item buffer.
    [[nodiscard]] Result<void> adopt(SecretBuffer payload);

    // --- entries ---------------------------------------------------------------------------
    [[nodiscard]] std::size_t entryCount() const { return m_entries.size(); }
    [[nodiscard]] EntryView entry(std::size_t index) const;
    [[nodiscard]] std::optional<std::size_t> findEntry(const EntryId& id) const;
    // Entries whose title equals `title` exactly.
    [[nodiscard]] std::vector<std::size_t> findByTitle(SecretSpan title) const;
    // Entries whose title, user name, URLs, notes or tags contain the query (case-insensitive),
    // optionally only in `group`. An empty query lists every entry.
    [[nodiscard]] std::vector<std::size_t> search(const SearchQuery& query,
                                                  const std::optional<EntryId>& group = {}) const;
    // Orders entry indexes by title, then user name (case-folded; ties by bytes), in place.
    void sortByTitle(std::vector<std::size_t>& indexes) const;
    // What the entry list can be ordered by.
    enum class Order
    {
        Title,
        Username,
        Url, // the first URL
        Modified
    };
    // Orders entry indexes by `order` (text case-folded; ties as sortByTitle), in place;
    // `descending` reverses the whole order.
    void sortEntries(std::vector<std::size_t>& indexes, Order order, bool descending = false) const;

    [[nodiscard]] Result<EntryId> addEntry(const EntryDraft& draft);
    [[nodiscard]] Result<void> updateEntry(const EntryId& id, const EntryDraft& draft);
    [[nodiscard]] Result<void> removeEntry(const EntryId& id); // leaves a tombstone
    [[nodiscard]] Result<void> moveEntry(const EntryId& id, const EntryId& group);
    // Makes an earlier version of the entry its current one: `version` 0 is the newest history
    // version (EntryView::forEachHistory order). Like any edit, the current version goes into
    // history (at the history limit the oldest version drops out); the entry stays in the group
    // it is in now. NotFound for an unknown entry or a version past historyCount().
    [[nodiscard]] Result<void> restoreVersion(const EntryId& id, std::size_t version);

    // --- groups ----------------------------------------------------------------------------
    [[nodiscard]] std::size_t groupCount() const { return m_groups.size(); }
    [[nodiscard]] GroupView group(std::size_t index) const;
    [[nodiscard]] std::optional<std::size_t> findGroup(const EntryId& id) const;
    [[nodiscard]] Result<EntryId> addGroup(SecretSpan name, const EntryId& parent = {});
    [[nodiscard]] Result<void> renameGroup(const EntryId& id, SecretSpan name);
    // Only an empty group (no entries, no sub-groups) can be removed; leaves a tombstone.
    [[nodiscard]] Result<void> removeGroup(const EntryId& id);
    // What removeGroup() would say, without removing: NotFound, or InvalidArgument when the
    // group still holds entries or groups.
    [[nodiscard]] Result<void> checkGroupRemovable(const EntryId& id) const;

    // --- the rest ----------------------------------------------------------------------------
    [[nodiscard]] std::size_t tombstoneCount() const { return m_tombstones.size(); }
    [[nodiscard]] std::uint32_t historyLimit() const;
    [[nodiscard]] std::int64_t createdAt() const;
    [[nodiscard]] bool isModified() const { return m_modified; }
    [[nodiscard]] std::size_t payloadBytes() const;

    [[nodiscard]] static std::int64_t nowMs();

private:
    // One record: a span of its whole bytes (tag, length, value), and the buffer that holds it
    // when it is not in the shared payload buffer.
    struct Slot
    {
        SecretSpan whole;
        SecretBuffer owned;
        [[nodiscard]] SecretSpan value() const { return whole.sub(5); }
    };

    [[nodiscard]] Result<void> index(SecretSpan payload);
    [[nodiscard]] Result<void> addTombstone(const EntryId& id);
    static Slot ownedSlot(SecretBuffer record);

    SecretArena* m_arena;
    SecretBuffer m_payload;
    Slot m_meta;
    std::vector<Slot> m_groups;
    std::vector<Slot> m_entries;
    std::vector<Slot> m_tombstones;
    std::vector<Slot> m_opaque; // top-level records of a newer version, kept as they are
    bool m_modified = false;
};

} // namespace arcanum
