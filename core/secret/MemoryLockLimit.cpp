#include "secret/MemoryLockLimit.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <sys/resource.h>

namespace arcanum {

namespace {

std::size_t toBytes(rlim_t value)
{
    return value == RLIM_INFINITY ? SIZE_MAX : static_cast<std::size_t>(value);
}

std::string kibText(std::size_t bytes)
{
    return std::to_string((bytes + 1023) / 1024) + " KiB";
}

} // namespace

std::size_t MemoryLockLimit::raiseSoftToHard()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_MEMLOCK, &limit) != 0)
        return 0;
    if (limit.rlim_cur != limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        (void)setrlimit(RLIMIT_MEMLOCK, &limit);
    }
    return softLimit();
}

std::size_t MemoryLockLimit::softLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_MEMLOCK, &limit) != 0)
        return 0;
    return toBytes(limit.rlim_cur);
}

std::size_t MemoryLockLimit::lockedBytes()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmLck:") {
            std::size_t kib = 0;
            status >> kib;
            return kib * 1024;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

std::string MemoryLockLimit::bytesText(std::size_t bytes)
{
    return kibText(bytes) + " (" + std::to_string(bytes) + " bytes)";
}

std::string MemoryLockLimit::howToRaise(std::size_t totalBytes)
{
    const std::size_t suggestedKiB = ((totalBytes * 2 + 1023) / 1024 + 1023) / 1024 * 1024;
    return "Raise the limit, for example to " + std::to_string(suggestedKiB) +
           " KiB: set `memlock` in /etc/security/limits.conf, or `LimitMEMLOCK=` / "
           "`DefaultLimitMEMLOCK=` for systemd sessions, then log in again (or run "
           "`ulimit -l " +
           std::to_string(suggestedKiB) +
           "` in the shell that starts Arcanum, if the hard limit allows it).";
}

namespace {
constexpr std::string_view nothingUnlocked = "Nothing was unlocked. ";
}

Error MemoryLockLimit::exceeded(std::size_t totalBytes, std::size_t limitBytes)
{
    return Error{ErrorCode::MemoryLockLimit,
                 "Not enough lockable memory: the memory-lock limit (RLIMIT_MEMLOCK, `ulimit -l`) "
                 "is " +
                     bytesText(limitBytes) + ", and Arcanum needs " + bytesText(totalBytes) +
                     " locked in all. " + std::string(nothingUnlocked) + howToRaise(totalBytes)};
}

Error MemoryLockLimit::inContext(Error error, const std::string& consequence)
{
    if (error.code != ErrorCode::MemoryLockLimit)
        return error;
    const std::size_t at = error.message.find(nothingUnlocked);
    if (at != std::string::npos)
        error.message.replace(at, nothingUnlocked.size(),
                              consequence.empty() ? std::string() : consequence + " ");
    return error;
}

} // namespace arcanum
