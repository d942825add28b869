#include "hardening/ProcessHardening.h"

#include "secret/MemoryLockLimit.h"

#include <sys/prctl.h>
#include <sys/resource.h>

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

} // namespace arcanum
