// MemoryLockLimit: the process's RLIMIT_MEMLOCK, which both memfd_secret mappings and mlock are
// charged against, and the plain-words error when a vault does not fit under it.
#pragma once

#include "common/Error.h"

#include <cstddef>
#include <string>

namespace arcanum {

class MemoryLockLimit
{
public:
    // Raises the soft limit to the hard limit. Returns the new soft limit in bytes
    // (SIZE_MAX for unlimited).
    static std::size_t raiseSoftToHard();

    // The soft limit in bytes (SIZE_MAX for unlimited).
    [[nodiscard]] static std::size_t softLimit();

    // Bytes this process has locked now (VmLck: mlock and memfd_secret mappings both count).
    [[nodiscard]] static std::size_t lockedBytes();

    // The error for "needed `totalBytes` in all, `limitBytes` allowed": names the limit, the
    // numbers, and how to raise it.
    [[nodiscard]] static Error exceeded(std::size_t totalBytes, std::size_t limitBytes);
    // `error` (from exceeded()) with its "Nothing was unlocked." replaced by `consequence`, which
    // may be empty: for the limit met while a vault is already open (an import, an export).
    // Errors of other kinds come back unchanged.
    [[nodiscard]] static Error inContext(Error error, const std::string& consequence);
    // The sentence that says how to raise the limit, suggesting twice `totalBytes`.
    [[nodiscard]] static std::string howToRaise(std::size_t totalBytes);
    // "8192 KiB (8388608 bytes)".
    [[nodiscard]] static std::string bytesText(std::size_t bytes);
};

} // namespace arcanum
