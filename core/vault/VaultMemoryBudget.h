// VaultMemoryBudget: the secret memory an unlocked vault takes — which the kernel charges to
// RLIMIT_MEMLOCK when it is mapped — and the error for a vault that does not fit under the limit.
//
// Vault::open maps the arena once, before the KDF, for the decrypted payload plus a fixed
// reserve: the save's chunk buffer and stream state (held from unlock to lock, so a save never
// maps memory) and room for the keys and for edits. A save seals the payload 64 KiB at a time and
// compacts in place, so what it needs does not grow with the vault: a vault that opens can be
// edited and saved, and one that cannot is refused at unlock, with the numbers and the number of
// entries that would fit — never at its first save (docs/SECURITY.md).
#pragma once

#include "common/Error.h"
#include "format/ChunkLayout.h"
#include "secret/SecretArenaOptions.h"

#include <cstddef>
#include <cstdint>

namespace arcanum {

class VaultMemoryBudget
{
public:
    // The save's 64 KiB chunk buffer and its secretstream state, with the allocator's alignment.
    static constexpr std::size_t saveBytes = ChunkLayout::plainBytes + 256;
    // The keys, and room for editing: drafts and the new records of changed entries. An edit of
    // an entry with its full history takes a few KiB; an edit beyond this (an import, a large
    // attachment) maps more when it needs it, and says so if the limit does not allow it.
    static constexpr std::size_t editBytes = 48 * 1024;
    // What "entries that fit" counts in: the payload bytes of a typical entry (222 for the
    // benchmark's synthetic entries, docs/BENCHMARKS.md), rounded up.
    static constexpr std::size_t typicalEntryBytes = 230;
    // The payload of an empty vault (its settings record), rounded up.
    static constexpr std::size_t emptyPayloadBytes = 64;

    // What Vault::open maps for a payload of `payloadBytes`: whole pages.
    [[nodiscard]] static std::size_t arenaBytes(std::uint64_t payloadBytes);
    // The largest payload whose arena fits in `availableBytes`, or 0 if none does.
    [[nodiscard]] static std::size_t largestPayload(std::size_t availableBytes);
    // How many typical entries a vault may hold when `availableBytes` can be locked
    // (0 when not even an empty vault fits).
    [[nodiscard]] static std::size_t entriesThatFit(std::size_t availableBytes);
    // The error for a vault of `payloadBytes` whose arena could not be mapped under the
    // memory-lock limit: the options' simulated limit, or the process's real one (what other
    // arenas of the process hold already counts against it).
    [[nodiscard]] static Error tooBig(std::uint64_t payloadBytes,
                                      const SecretArenaOptions& options);
};

} // namespace arcanum
