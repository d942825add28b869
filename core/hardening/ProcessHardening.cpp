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
    // The dynamic linker honours LD_BIND_NOW only when it is non-empty, and reads it once, at
    // load: once this process runs with every symbol bound, the variable has done its work.
    // Unset it so that no child (xdg-open, the browser it starts) inherits it: each of them
    // would bind all of its own symbols at start for nothing.
    const char* bindNow = std::getenv("LD_BIND_NOW");
    if (bindNow != nullptr && *bindNow != '\0') {
        unsetenv("LD_BIND_NOW");
        return;
    }
    // Exec the file itself, not /proc/self/exe: the process name (ps, top) comes from the path.
    char path[4096];
    const ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0 || setenv("LD_BIND_NOW", "1", 1) != 0)
        return;
    path[length] = '\0';
    execv(path, argv);
    // Still here: exec failed (no /proc?). Run on with lazy binding, and keep the variable from
    // our children as above.
    unsetenv("LD_BIND_NOW");
}

} // namespace arcanum
