#include "kdbx/GzipDeflater.h"

#include "kdbx/ArenaHeap.h"

#include <climits>
#include <zlib.h>

namespace arcanum {

Result<SecretBuffer> GzipDeflater::compress(SecretArena& arena, SecretSpan input, int level)
{
    if (input.size() > UINT_MAX)
        return Error{ErrorCode::LimitExceeded, "Cannot compress more than 4 GiB at once."};
    ArenaHeap heap(arena);
    z_stream stream{};
    stream.zalloc = &ArenaHeap::zlibAllocate;
    stream.zfree = &ArenaHeap::zlibFree;
    stream.opaque = &heap;
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        if (heap.failure())
            return *heap.failure();
        return Error{ErrorCode::OutOfMemory, "Cannot start compressing (zlib)."};
    }
    auto out = arena.allocate(deflateBound(&stream, static_cast<uLong>(input.size())));
    if (!out) {
        deflateEnd(&stream);
        return out.error();
    }
    stream.next_in = const_cast<Bytef*>(input.data()); // zlib only reads it
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = out->data();
    stream.avail_out = static_cast<uInt>(out->size());
    const int status = deflate(&stream, Z_FINISH);
    const std::size_t written = out->size() - stream.avail_out;
    deflateEnd(&stream); // frees (and so wipes) zlib's state in the arena
    if (status != Z_STREAM_END) {
        if (heap.failure())
            return *heap.failure();
        return Error{ErrorCode::SystemError,
                     "Compressing failed (zlib status " + std::to_string(status) + ")."};
    }
    (void)out->resize(written);
    return std::move(out.value());
}

} // namespace arcanum
