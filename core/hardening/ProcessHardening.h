// ProcessHardening: the first calls of every Arcanum executable.
//
// bindSymbolsNow() re-executes the program once with LD_BIND_NOW=1, before anything else runs:
// the dynamic linker's lazy resolver saves every vector register on the stack the first time a
// library function is called, and those registers can hold plaintext that memcpy just moved
// (found by the canary scanner). Our executables link with -z now; this covers the libraries
// (libstdc++) that do not. Right after the re-exec it unsets LD_BIND_NOW again (the dynamic
// linker has read it by then), so no child process inherits it.
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

    // Call first thing in main(), before apply() (exec resets the dumpable flag), and before
    // any thread starts (it changes the environment). Returns only when LD_BIND_NOW was
    // already set (then it is unset) or the re-exec failed.
    static void bindSymbolsNow(char** argv);
};

} // namespace arcanum
