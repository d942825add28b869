// HmacBlockStream: KDBX 4's authenticated block layer around the encrypted payload.
//
// Each block is HMAC-SHA-256 (32) ‖ length (u32) ‖ ciphertext; the key of block i is
// SHA-512(i as u64 ‖ hmacKey), where hmacKey = SHA-512(masterSeed ‖ transformedKey ‖ 0x01).
// An empty block ends the stream. The header's own HMAC uses block index 2^64-1. Every block is
// verified before anything is decrypted, and a mismatch names the block.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <span>
#include <vector>

namespace arcanum {

class HmacBlockStream
{
public:
    static constexpr std::uint64_t headerBlockIndex = UINT64_MAX;

    // The 64-byte key of block `index`, into `out` (arena).
    [[nodiscard]] static Result<void> blockKey(SecretArena& arena, SecretSpan hmacKey,
                                               std::uint64_t index, std::span<std::uint8_t> out);

    // The concatenated ciphertext of every block of `stream` (what follows the header's hash and
    // HMAC). FileDamaged "block N of M ..." on an HMAC mismatch; FileTruncated when the stream
    // ends inside a block or before the final empty block.
    [[nodiscard]] static Result<std::vector<std::uint8_t>>
    unwrap(SecretArena& arena, SecretSpan hmacKey, std::span<const std::uint8_t> stream);

    // Appends `ciphertext` to `out` as blocks of `blockBytes` plus the final empty block.
    [[nodiscard]] static Result<void> wrap(SecretArena& arena, SecretSpan hmacKey,
                                           std::span<const std::uint8_t> ciphertext,
                                           std::vector<std::uint8_t>& out,
                                           std::size_t blockBytes = 1024 * 1024);
};

} // namespace arcanum
