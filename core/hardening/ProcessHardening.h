// ProcessHardening: the first call of every Arcanum executable.
//
// Makes the process non-dumpable (PR_SET_DUMPABLE 0: no core file, and /proc/PID/mem and ptrace
// need CAP_SYS_PTRACE), sets RLIMIT_CORE to 0, and raises the soft RLIMIT_MEMLOCK to the hard
// limit so the vault has as much lockable memory as the user's session allows.
#pragma once

#include "common/Result.h"

#include <cstddef>

namespace arcanum {

class ProcessHardening
{
public:
    struct Report
    {
        bool dumpableCleared = false;
        bool coreLimitZero = false;
        std::size_t memoryLockLimit = 0; // bytes after raising; SIZE_MAX = unlimited
    };

    // Never fails hard: what could not be done is reported, the caller decides.
    static Report apply();
};

} // namespace arcanum
