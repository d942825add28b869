// HashedBlockStream: KDBX 3.1's integrity layer inside the decrypted payload.
//
// After the 32 stream-start bytes come blocks of index (u32) ‖ SHA-256 (32) ‖ length (u32) ‖
// data; a block of length 0 (and an all-zero hash) ends the stream. unwrap() checks every block
// and moves the data together in place, inside the same arena buffer, so the plaintext is never
// copied anywhere else.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

namespace arcanum {

class HashedBlockStream
{
public:
    // `payload` holds the blocks from offset `from` on; afterwards it holds only their data, from
    // offset 0. FileDamaged naming the block on a bad index or hash; FileTruncated when the data
    // ends before the final block.
    [[nodiscard]] static Result<void> unwrap(SecretArena& arena, SecretBuffer& payload,
                                             std::size_t from);
};

} // namespace arcanum
