#include "kdbx/GzipInflater.h"

#include <algorithm>
#include <climits>
#include <cstring>

namespace arcanum {

namespace {

constexpr int gzipWindowBits = 15 + 16; // a gzip header and trailer, 32 KiB window

std::string mib(std::size_t bytes)
{
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

} // namespace

Result<std::unique_ptr<GzipInflater>> GzipInflater::create(SecretArena& arena, SecretSpan input,
                                                           std::size_t maxOutputBytes)
{
    std::unique_ptr<GzipInflater> inflater(new GzipInflater(arena, maxOutputBytes));
    z_stream& stream = inflater->m_stream;
    stream.zalloc = &ArenaHeap::zlibAllocate;
    stream.zfree = &ArenaHeap::zlibFree;
    stream.opaque = &inflater->m_heap;
    stream.next_in = const_cast<Bytef*>(input.data()); // zlib only reads it
    stream.avail_in = static_cast<uInt>(std::min<std::size_t>(input.size(), UINT_MAX));
    if (input.size() > UINT_MAX)
        return Error{ErrorCode::LimitExceeded, "The compressed data is larger than 4 GiB."};
    const int status = inflateInit2(&stream, gzipWindowBits);
    if (status != Z_OK) {
        if (inflater->m_heap.failure())
            return *inflater->m_heap.failure();
        return Error{ErrorCode::OutOfMemory, "Cannot start decompressing (zlib)."};
    }
    inflater->m_initialized = true;
    return inflater;
}

GzipInflater::~GzipInflater()
{
    if (m_initialized)
        inflateEnd(&m_stream); // frees (and so wipes) the window and state in the arena
}

Result<std::size_t> GzipInflater::read(std::span<std::uint8_t> out)
{
    while (!m_finished && !out.empty()) {
        // Never inflate past the limit: ask zlib for at most one byte more than is allowed, so
        // a bomb is caught at limit + 1 bytes, not after it has filled memory.
        const std::size_t allowed = m_limit - std::min(m_limit, m_total) + 1;
        const std::size_t want = std::min({out.size(), allowed, std::size_t(UINT_MAX)});
        const uInt inputBefore = m_stream.avail_in;
        m_stream.next_out = out.data();
        m_stream.avail_out = static_cast<uInt>(want);
        const int status = inflate(&m_stream, Z_NO_FLUSH);
        const std::size_t produced = want - m_stream.avail_out;
        m_total += produced;
        if (m_total > m_limit)
            return Error{ErrorCode::LimitExceeded,
                         "The database inflates to more than " + mib(m_limit) +
                             " (a decompression bomb, or a database larger than Arcanum "
                             "imports)."};
        switch (status) {
        case Z_STREAM_END:
            m_finished = true;
            return produced;
        case Z_OK:
        case Z_BUF_ERROR:
            if (produced != 0)
                return produced;
            if (m_stream.avail_in == 0 || m_stream.avail_in == inputBefore)
                return Error{ErrorCode::FileTruncated,
                             "The compressed data ends early: the file is truncated."};
            continue; // zlib read a header and wrote nothing yet
        case Z_MEM_ERROR:
            if (m_heap.failure())
                return *m_heap.failure();
            return Error{ErrorCode::OutOfMemory, "Out of memory while decompressing."};
        default:
            return Error{ErrorCode::FileDamaged,
                         "The compressed data is corrupt (zlib: " +
                             std::string(m_stream.msg != nullptr ? m_stream.msg : "error") + ")."};
        }
    }
    return std::size_t(0);
}

Result<SecretBuffer> GzipInflater::inflateAll(SecretArena& arena, SecretSpan input,
                                              std::size_t maxOutputBytes)
{
    auto inflater = create(arena, input, maxOutputBytes);
    if (!inflater)
        return inflater.error();
    auto out = arena.allocate(std::max<std::size_t>(input.size() * 2, 256));
    if (!out)
        return out.error();
    std::size_t used = 0;
    for (;;) {
        if (used == out->size())
            if (auto grown = out->resize(out->size() * 2); !grown)
                return grown.error();
        auto got = (*inflater)->read(std::span(out->data() + used, out->size() - used));
        if (!got)
            return got.error();
        if (*got == 0)
            break;
        used += *got;
    }
    (void)out->resize(used);
    return std::move(out.value());
}

} // namespace arcanum
