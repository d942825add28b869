// VaultContents: the unlocked vault's data model — meta (with the vault identity), groups,
// entries, tombstones, browser associations, attachment data — with every byte in the arena and
// nothing parsed out of it.
//
// The model IS the payload format: each item is a record (docs/FORMAT.md §3) that lives either
// in the decrypted payload buffer or, once changed, in its own arena buffer. The index below
// holds only spans (pointers and record lengths) and random ids in ordinary memory. Serializing
// is concatenation; after a save the new payload buffer replaces the old one (compaction).
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "text/SearchQuery.h"
#include "vault/AssociationView.h"
#include "vault/AttachmentStore.h"
#include "vault/EntryDraft.h"
#include "vault/EntryView.h"
#include "vault/GroupView.h"
#include "vault/RecordSlot.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace arcanum {

class VaultContents
{
public:
    static constexpr std::uint32_t defaultHistoryLimit = 10;
    static constexpr std::size_t identityBytes = 16;

    explicit VaultContents(SecretArena& arena) : m_arena(&arena) {}

    // A new, empty vault (just the meta record, with a fresh random identity).
    [[nodiscard]] static Result<VaultContents> createEmpty(SecretArena& arena);
    // Takes ownership of a decrypted (version-2) payload and indexes it in place, validating
    // every record.
    [[nodiscard]] static Result<VaultContents> load(SecretBuffer payload, SecretArena& arena);
    // The same for a decrypted version-1 payload: converts it to version 2 in place
    // (PayloadUpgrade) and gives the vault a fresh random identity. isModified() stays false:
    // opening writes nothing; the next save writes version 2.
    [[nodiscard]] static Result<VaultContents> loadVersion1(SecretBuffer payload,
                                                            SecretArena& arena);
    // The payload bytes (a fresh arena buffer). Follow with adopt() once it is safely saved.
    [[nodiscard]] Result<SecretBuffer> serialize() const;
    // Replaces the storage with `payload` (which must be serialize()'s output), freeing every
    // per-item buffer.
    [[nodiscard]] Result<void> adopt(SecretBuffer payload);

    // --- entries ---------------------------------------------------------------------------
    [[nodiscard]] std::size_t entryCount() const { return m_items.entries.size(); }
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

    // addEntry / updateEntry store the draft's new attachment bytes (once, however many entries
    // hold the same bytes); NotFound for an unknown group or stored attachment id.
    [[nodiscard]] Result<EntryId> addEntry(const EntryDraft& draft);
    [[nodiscard]] Result<void> updateEntry(const EntryId& id, const EntryDraft& draft);
    [[nodiscard]] Result<void> removeEntry(const EntryId& id); // leaves a tombstone
    [[nodiscard]] Result<void> moveEntry(const EntryId& id, const EntryId& group);
    // Makes an earlier version of the entry its current one: `version` 0 is the newest history
    // version (EntryView::forEachHistory order). Like any edit, the current version goes into
    // history (at the history limit the oldest version drops out); the entry stays in the group
    // it is in now and keeps its site access decisions. NotFound for an unknown entry or a
    // version past historyCount().
    [[nodiscard]] Result<void> restoreVersion(const EntryId& id, std::size_t version);

    // Remembers the browser decision for `site` (an origin) on an entry, replacing an earlier
    // one for that site. Not an edit: no history version, the modified time stays. NotFound for
    // an unknown entry.
    [[nodiscard]] Result<void> setSiteAccess(const EntryId& id, SecretSpan site,
                                             SiteDecision decision);
    // Forgets the decision for `site`; NotFound when the entry or the decision does not exist.
    [[nodiscard]] Result<void> removeSiteAccess(const EntryId& id, SecretSpan site);

    // The bytes of an attachment (EntryView::Attachment::data), or empty for an unknown id.
    [[nodiscard]] SecretSpan attachmentData(const EntryId& data) const;
    // How many distinct attachment data records the vault holds.
    [[nodiscard]] std::size_t attachmentDataCount() const { return m_items.attachments.size(); }
    // Drops attachment data no entry (or history version) refers to any more. Edits and
    // deletions do it themselves; Vault::save does it for data a file held unreferenced.
    void dropUnusedAttachmentData();

    // --- groups ----------------------------------------------------------------------------
    [[nodiscard]] std::size_t groupCount() const { return m_items.groups.size(); }
    [[nodiscard]] GroupView group(std::size_t index) const;
    [[nodiscard]] std::optional<std::size_t> findGroup(const EntryId& id) const;
    [[nodiscard]] Result<EntryId> addGroup(SecretSpan name, const EntryId& parent = {});
    [[nodiscard]] Result<void> renameGroup(const EntryId& id, SecretSpan name);
    // Only an empty group (no entries, no sub-groups) can be removed; leaves a tombstone.
    [[nodiscard]] Result<void> removeGroup(const EntryId& id);
    // What removeGroup() would say, without removing: NotFound, or InvalidArgument when the
    // group still holds entries or groups.
    [[nodiscard]] Result<void> checkGroupRemovable(const EntryId& id) const;

    // --- browser associations (docs/FORMAT.md §3.5) -----------------------------------------
    [[nodiscard]] std::size_t associationCount() const { return m_items.associations.size(); }
    [[nodiscard]] AssociationView association(std::size_t index) const;
    // By name, compared byte for byte.
    [[nodiscard]] std::optional<std::size_t> findAssociation(SecretSpan name) const;
    // AlreadyExists for a name in use; InvalidArgument for an empty name or a key that is not
    // 32 bytes. Created now, never used yet.
    [[nodiscard]] Result<void> addAssociation(SecretSpan name, SecretSpan key);
    [[nodiscard]] Result<void> removeAssociation(SecretSpan name); // NotFound
    // Sets the last-used time (now, by default); NotFound.
    [[nodiscard]] Result<void> touchAssociation(SecretSpan name, std::int64_t when = nowMs());

    // --- bulk additions (KeePass import) ------------------------------------------------------
    // An earlier version of an entry as another program kept it, with its own times.
    struct Version
    {
        const EntryDraft* draft = nullptr;
        std::int64_t created = 0;
        std::int64_t modified = 0;
    };
    // Whether addEntryAs looks for the id among the entries and groups (a walk over all of them)
    // or the caller already made sure it is unused (from usedIds(), once for a whole import).
    enum class IdCheck
    {
        Search,
        DoneByCaller
    };
    // Adds an entry as another program kept it: with id `id` (AlreadyExists when an entry or
    // group has it), its own times, and `history` (newest first, as forEachHistory gives them;
    // all kept, whatever historyLimit() says — the next edit trims them). Attachments are stored
    // as addEntry does. NotFound for an unknown group.
    [[nodiscard]] Result<void> addEntryAs(const EntryId& id, const EntryDraft& draft,
                                          std::int64_t created, std::int64_t modified,
                                          std::span<const Version> history = {},
                                          IdCheck check = IdCheck::Search);
    // Adds a group with id `id` (AlreadyExists as above) and modified time `modified`.
    [[nodiscard]] Result<void> addGroupAs(const EntryId& id, SecretSpan name, const EntryId& parent,
                                          std::int64_t modified);
    // Every id an entry, group or tombstone has, in no particular order.
    [[nodiscard]] std::vector<EntryId> usedIds() const;

    // What the contents held at one moment, to undo a failed bulk addition: records added after
    // it are dropped, the identity and the modified flag come back. Valid only while nothing
    // but additions (addEntry*, addGroup*, addAssociation, setIdentity) happened since.
    struct Checkpoint
    {
        std::size_t groups = 0, entries = 0, associations = 0, attachmentData = 0;
        std::array<std::uint8_t, identityBytes> identity{};
        bool modified = false;
    };
    [[nodiscard]] Checkpoint checkpoint() const;
    void rollback(const Checkpoint& checkpoint);

    // --- the rest ----------------------------------------------------------------------------
    // The vault's identity (docs/FORMAT.md §3.1): random, or a KeePass database's root group
    // UUID after an import. Not secret.
    [[nodiscard]] std::array<std::uint8_t, identityBytes> identity() const;
    // InvalidArgument for all zero.
    [[nodiscard]] Result<void> setIdentity(std::span<const std::uint8_t, identityBytes> identity);
    [[nodiscard]] std::size_t tombstoneCount() const { return m_items.tombstones.size(); }
    [[nodiscard]] std::uint32_t historyLimit() const;
    [[nodiscard]] std::int64_t createdAt() const;
    [[nodiscard]] bool isModified() const { return m_modified; }
    [[nodiscard]] std::size_t payloadBytes() const;

    [[nodiscard]] static std::int64_t nowMs();

private:
    // Every top-level record, where it is.
    struct Items
    {
        RecordSlot meta;
        std::vector<RecordSlot> groups;
        std::vector<RecordSlot> entries;
        std::vector<RecordSlot> tombstones;
        std::vector<RecordSlot> associations;
        AttachmentStore attachments;
        std::vector<RecordSlot> opaque; // top-level records of a newer version, kept as they are
    };
    enum class Identity
    {
        Required,    // a version-2 payload
        AddIfMissing // a converted version-1 payload
    };

    [[nodiscard]] Result<void> index(SecretSpan payload, Identity identity);
    [[nodiscard]] Result<void> addTombstone(const EntryId& id);
    // The data id of each of the draft's attachments, storing new bytes.
    [[nodiscard]] Result<std::vector<EntryId>> storeAttachments(const EntryDraft& draft);
    [[nodiscard]] Result<void> writeIdentity(std::span<const std::uint8_t, identityBytes> identity);
    [[nodiscard]] Result<void> replaceEntryRecord(std::size_t index, SecretSpan site,
                                                  const std::optional<SiteDecision>& decision);

    SecretArena* m_arena;
    SecretBuffer m_payload;
    Items m_items;
    bool m_modified = false;
};

} // namespace arcanum
