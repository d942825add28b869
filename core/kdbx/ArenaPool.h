// ArenaPool: many small plaintext values, packed into a few large arena buffers.
//
// A KeePass database has hundreds of thousands of short values (titles, user names, times as
// text, custom fields). Giving each its own SecretBuffer would cost an arena allocation (a lock
// and a free-list search) per value; the pool instead bumps through chunks of `chunkBytes` and
// hands out spans into them. Chunks never move and are freed (wiped) only with the pool, so every
// span stays valid as long as the pool lives; moving the pool keeps them valid too.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace arcanum {

class ArenaPool
{
public:
    static constexpr std::size_t defaultChunkBytes = 256 * 1024;

    explicit ArenaPool(SecretArena& arena, std::size_t chunkBytes = defaultChunkBytes)
        : m_arena(&arena), m_chunkBytes(chunkBytes)
    {}
    ArenaPool(ArenaPool&&) noexcept = default;
    ArenaPool& operator=(ArenaPool&&) noexcept = default;

    // `bytes` zero bytes that stay put until the pool dies. A request larger than a quarter of a
    // chunk gets a buffer of its own, so big attachments do not waste the rest of a chunk.
    [[nodiscard]] Result<std::span<std::uint8_t>> allocate(std::size_t bytes);
    // A copy of `source` in the pool (empty input: an empty span, no allocation).
    [[nodiscard]] Result<SecretSpan> copy(SecretSpan source);

    // Takes over a whole arena buffer (filled elsewhere, e.g. as it streamed in) and returns
    // its bytes as a span that lives as long as the pool.
    [[nodiscard]] SecretSpan adopt(SecretBuffer buffer);

    // Gives back the last `bytes` of the most recent allocate() (which must have come from the
    // current chunk), wiping them: for values whose final size is known only after decoding.
    void shrinkLast(std::span<std::uint8_t> allocation, std::size_t newSize);

    [[nodiscard]] SecretArena& arena() const { return *m_arena; }
    [[nodiscard]] std::size_t usedBytes() const { return m_usedBytes; }
    [[nodiscard]] std::size_t reservedBytes() const;

private:
    SecretArena* m_arena;
    std::size_t m_chunkBytes;
    std::vector<SecretBuffer> m_chunks; // the last one is the current chunk
    std::vector<SecretBuffer> m_large;
    std::size_t m_offset = 0; // used bytes of the current chunk
    std::size_t m_usedBytes = 0;
};

} // namespace arcanum
