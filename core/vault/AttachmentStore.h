// AttachmentStore: the vault's attachment data records (docs/FORMAT.md §3.6) — the bytes of every
// attachment, stored once and named by a random id that entries and history versions refer to.
//
// Holds RecordSlots like the rest of VaultContents: spans into the payload, or arena buffers for
// data added since the load. Identical bytes are stored once (store() compares in the arena), and
// data no attachment refers to any more is dropped by keepOnly(), so an edit never duplicates a
// file and a deleted attachment does not linger. Ids are random metadata; the bytes never leave
// the arena.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "vault/EntryId.h"
#include "vault/RecordSlot.h"

#include <optional>
#include <vector>

namespace arcanum {

class AttachmentStore
{
public:
    // FORMAT.md §3.6 for one record: one non-null 16-byte id, at most one data record.
    [[nodiscard]] static Result<void> validate(SecretSpan recordValue);

    // Adds a record of the loaded payload (validated by the caller).
    void addLoaded(const Record& record) { m_records.push_back(RecordSlot::borrowed(record)); }
    // After loading: ids are distinct, and every id in `referenced` exists (FileDamaged if not).
    // Records nothing refers to stay until keepOnly(), so that loading changes nothing.
    [[nodiscard]] Result<void> checkLoaded(const std::vector<EntryId>& referenced) const;

    // The id of a record holding exactly `bytes`: an existing one, or a new one.
    [[nodiscard]] Result<EntryId> store(SecretSpan bytes, SecretArena& arena);
    [[nodiscard]] bool contains(const EntryId& id) const { return find(id).has_value(); }
    // The bytes of `id`, or an empty span for an unknown id.
    [[nodiscard]] SecretSpan data(const EntryId& id) const;
    // Drops every record whose id is not in `referenced`. Returns whether any was dropped.
    bool keepOnly(std::vector<EntryId> referenced);

    [[nodiscard]] std::size_t size() const { return m_records.size(); }
    [[nodiscard]] bool empty() const { return m_records.empty(); }
    [[nodiscard]] const std::vector<RecordSlot>& records() const { return m_records; }
    void clear() { m_records.clear(); }
    // Drops the records added after the first `count` (undoing store() calls).
    void truncate(std::size_t count)
    {
        if (count < m_records.size())
            m_records.resize(count);
    }

private:
    [[nodiscard]] std::optional<std::size_t> find(const EntryId& id) const;
    [[nodiscard]] static EntryId idOf(const RecordSlot& slot);

    std::vector<RecordSlot> m_records;
};

} // namespace arcanum
