// RecordSlot: one top-level record of an unlocked vault, where VaultContents keeps it.
//
// A slot is a span over the record's whole bytes (tag, length, value) and, when the record is
// not in the shared decrypted payload (it was added or changed since the load), the arena buffer
// that holds it. Spans and lengths live in ordinary memory; the bytes never leave the arena.
#pragma once

#include "secret/SecretBuffer.h"
#include "vault/Record.h"

#include <cstdint>

namespace arcanum {

struct RecordSlot
{
    SecretSpan whole;
    SecretBuffer owned;
    std::uint8_t headerBytes = 0;

    [[nodiscard]] SecretSpan value() const { return whole.sub(headerBytes); }

    // A slot for a record that lives in someone else's buffer (the payload).
    [[nodiscard]] static RecordSlot borrowed(const Record& record)
    {
        RecordSlot slot;
        slot.whole = record.whole;
        slot.headerBytes = static_cast<std::uint8_t>(record.headerBytes());
        return slot;
    }
    // A slot that owns `record`, which holds exactly one whole record (RecordWriter's output).
    [[nodiscard]] static RecordSlot owning(SecretBuffer record)
    {
        RecordSlot slot;
        RecordReader reader(record.span());
        Record parsed;
        if (reader.next(parsed))
            slot.headerBytes = static_cast<std::uint8_t>(parsed.headerBytes());
        slot.whole = record.span();
        slot.owned = std::move(record);
        return slot;
    }
};

} // namespace arcanum
