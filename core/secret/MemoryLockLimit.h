// MemoryLockLimit: the process's RLIMIT_MEMLOCK, which both memfd_secret mappings and mlock are
// charged against, and the plain-words error when a vault does not fit under it.
#pragma once

#include "common/Error.h"

#include <cstddef>

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
};

} // namespace arcanum
