#include "hardening/ProcessHardening.h"

#include "secret/MemoryLockLimit.h"

#include <cstdlib>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace arcanum {

ProcessHardening::Report ProcessHardening::apply()
{
    Report report;
    report.dumpableCleared = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    const rlimit noCore{0, 0};
    report.coreLimitZero = setrlimit(RLIMIT_CORE, &noCore) == 0;
    report.memoryLockLimit = MemoryLockLimit::raiseSoftToHard();
    return report;
}

void ProcessHardening::bindSymbolsNow(char** argv)
{
    if (std::getenv("LD_BIND_NOW") != nullptr)
        return;
    // Exec the file itself, not /proc/self/exe: the process name (ps, top) comes from the path.
    char path[4096];
    const ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0 || setenv("LD_BIND_NOW", "1", 1) != 0)
        return;
    path[length] = '\0';
    execv(path, argv);
    // Still here: exec failed (no /proc?). Run on with lazy binding; nothing else to do.
}

} // namespace arcanum
