// PayloadSealer: writes a version-2 vault file — header, then the payload as secretstream chunks
// (docs/FORMAT.md §2, §2.1) — from payload bytes handed to it in any pieces.
//
// The payload's length is given up front (the header states it, and is every chunk's associated
// data). Bytes that arrive in pieces are gathered into one 64 KiB staging buffer in the arena
// and encrypted a chunk at a time; bytes that already form a whole chunk are encrypted where
// they lie. The output is ciphertext, in ordinary memory. The stream state (it holds the key)
// lives in the arena.
#pragma once

#include "common/Result.h"
#include "crypto/Argon2Params.h"
#include "crypto/SecretStream.h"
#include "format/ChunkLayout.h"
#include "format/VaultHeader.h"
#include "format/VaultKeys.h"
#include "secret/SecretArena.h"

#include <array>
#include <cstdint>
#include <vector>

namespace arcanum {

class PayloadSealer
{
public:
    // A file for a payload of exactly `payloadBytes` bytes, with a fresh stream header.
    [[nodiscard]] static Result<PayloadSealer> begin(const VaultKeys& keys, const Argon2Params& kdf,
                                                     std::uint64_t payloadBytes,
                                                     SecretArena& arena);

    // Appends payload bytes (arena memory).
    [[nodiscard]] Result<void> write(SecretSpan bytes);
    // The whole file, once exactly the announced number of bytes was written.
    [[nodiscard]] Result<std::vector<std::uint8_t>> finish();

private:
    PayloadSealer(SecretStream stream, const std::array<std::uint8_t, VaultHeader::size>& header,
                  ChunkLayout layout, SecretArena& arena);
    [[nodiscard]] Result<void> sealChunk(SecretSpan plaintext);

    SecretStream m_stream;
    std::array<std::uint8_t, VaultHeader::size> m_header;
    ChunkLayout m_layout;
    SecretArena* m_arena;
    SecretBuffer m_staging; // allocated when a chunk arrives in pieces
    std::size_t m_staged = 0;
    std::uint64_t m_written = 0;
    std::uint64_t m_chunk = 0; // the next chunk to seal
    std::vector<std::uint8_t> m_file;
};

} // namespace arcanum
