// PlaintextFile: reads a whole file of plaintext (a CSV export) straight into a SecretArena.
//
// The bytes go from the kernel into an arena buffer with read(2): no stdio or iostream buffer,
// no std::string on the way. Regular files are sized with fstat; pipes and other streams
// (/dev/stdin, a shell's <(gpg -d ...)) are read in growing chunks, each growth moving the bytes
// inside the arena and wiping the old copy. Files over `maxBytes` are refused before (or as soon
// as) they exceed it.
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"

#include <cstddef>
#include <string>

namespace arcanum {

class SecretArena;

class PlaintextFile
{
public:
    static constexpr std::size_t defaultMaxBytes = std::size_t(256) * 1024 * 1024;

    // The whole content of `path`, in a buffer of exactly its size. Errors: NotFound,
    // PermissionDenied, SystemError ("Is a directory", ...), IoError, InvalidArgument (too big),
    // or the arena's own MemoryLockLimit / OutOfMemory. Messages name the path, never content.
    [[nodiscard]] static Result<SecretBuffer> read(SecretArena& arena, const std::string& path,
                                                   std::size_t maxBytes = defaultMaxBytes);
};

} // namespace arcanum
