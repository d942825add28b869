// GzipDeflater: compresses an arena buffer into a gzip member in another arena buffer, with
// zlib's state, window and hash tables allocated in the arena (ArenaHeap). The compressed bytes
// are still plaintext (anyone can inflate them), so they never leave the arena either.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

namespace arcanum {

class GzipDeflater
{
public:
    [[nodiscard]] static Result<SecretBuffer> compress(SecretArena& arena, SecretSpan input,
                                                       int level = 6);
};

} // namespace arcanum
