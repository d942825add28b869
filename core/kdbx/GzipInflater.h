// GzipInflater: streams a gzip member out of an arena buffer, chunk by chunk, with zlib's state
// and window allocated in the arena (ArenaHeap), and a hard limit on the inflated size that is
// checked while inflating, so a decompression bomb stops at the limit instead of filling memory.
#pragma once

#include "common/Result.h"
#include "kdbx/ArenaHeap.h"

#include <memory>
#include <span>
#include <zlib.h>

namespace arcanum {

class GzipInflater
{
public:
    // `input` must stay valid while the inflater is used.
    [[nodiscard]] static Result<std::unique_ptr<GzipInflater>>
    create(SecretArena& arena, SecretSpan input, std::size_t maxOutputBytes);
    ~GzipInflater();
    GzipInflater(const GzipInflater&) = delete;
    GzipInflater& operator=(const GzipInflater&) = delete;

    // Inflates into `out` (arena memory); returns the bytes written, 0 at the end of the member.
    // Errors: FileDamaged (not gzip, corrupt data, a wrong checksum), FileTruncated (the data
    // ends inside the member), LimitExceeded (more than maxOutputBytes).
    [[nodiscard]] Result<std::size_t> read(std::span<std::uint8_t> out);

    [[nodiscard]] std::size_t totalOut() const { return m_total; }

    // The whole of `input` inflated into one arena buffer (for small embedded members such as a
    // KDBX 3 attachment).
    [[nodiscard]] static Result<SecretBuffer> inflateAll(SecretArena& arena, SecretSpan input,
                                                         std::size_t maxOutputBytes);

private:
    GzipInflater(SecretArena& arena, std::size_t limit) : m_heap(arena), m_limit(limit) {}

    ArenaHeap m_heap;
    z_stream m_stream{};
    bool m_initialized = false;
    bool m_finished = false;
    std::size_t m_limit;
    std::size_t m_total = 0;
};

} // namespace arcanum
