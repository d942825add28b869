#include "crypto/Argon2Params.h"

#include "crypto/Random.h"

#include <algorithm>
#include <string>
#include <unistd.h>

namespace arcanum {

namespace {

std::string mebibytes(std::uint64_t kib)
{
    return kib % 1024 == 0 ? std::to_string(kib / 1024) + " MiB" : std::to_string(kib) + " KiB";
}

} // namespace

std::uint32_t Argon2Params::defaultLanes()
{
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return static_cast<std::uint32_t>(std::clamp(cores, 1L, 4L));
}

std::uint64_t Argon2Params::physicalMemoryKiB()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return 1024 * 1024;
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize) / 1024;
}

Argon2Params Argon2Params::withRandomSalt(std::uint32_t memoryKiB, std::uint32_t iterations,
                                          std::uint32_t lanes)
{
    Argon2Params params{memoryKiB, iterations, lanes, {}};
    Random::fill(params.salt);
    return params;
}

Result<void> Argon2Params::validate() const
{
    if (lanes < 1 || lanes > maxLanes)
        return Error{ErrorCode::InvalidParameters, "Argon2 lanes must be 1 to " +
                                                       std::to_string(maxLanes) + ", not " +
                                                       std::to_string(lanes) + "."};
    if (iterations < 1 || iterations > maxIterations)
        return Error{ErrorCode::InvalidParameters, "Argon2 iterations must be 1 to " +
                                                       std::to_string(maxIterations) + ", not " +
                                                       std::to_string(iterations) + "."};
    if (memoryKiB < std::max(minMemoryKiB, 8 * lanes) || memoryKiB > maxMemoryKiB)
        return Error{ErrorCode::InvalidParameters,
                     "Argon2 memory must be " + std::to_string(std::max(minMemoryKiB, 8 * lanes)) +
                         " KiB to 4 GiB, not " + std::to_string(memoryKiB) + " KiB."};
    return {};
}

Result<void> Argon2Params::checkLimits(std::uint64_t memoryKiB, std::uint64_t iterations,
                                       std::uint64_t physicalMemoryKiB)
{
    if (physicalMemoryKiB == 0)
        physicalMemoryKiB = Argon2Params::physicalMemoryKiB();
    const std::uint64_t memoryLimit = std::min<std::uint64_t>(physicalMemoryKiB / 2, maxMemoryKiB);
    if (memoryKiB > memoryLimit)
        return Error{ErrorCode::KdfLimitExceeded,
                     "The key-derivation settings ask for " + mebibytes(memoryKiB) +
                         " of memory; Arcanum allows at most " + mebibytes(memoryLimit) +
                         " here (half of this machine's memory, and never more than 4 GiB), so "
                         "that an unlock cannot exhaust the machine."};
    // memoryKiB <= 4 GiB here, so the product cannot overflow for any 32-bit pass count; a
    // larger count is over the limit anyway.
    if (iterations > maxWorkKiBPasses || memoryKiB * iterations > maxWorkKiBPasses)
        return Error{ErrorCode::KdfLimitExceeded,
                     "The key-derivation settings ask for " + mebibytes(memoryKiB) + " x " +
                         std::to_string(iterations) +
                         " passes; Arcanum allows at most 64 GiB-passes (memory x passes, about "
                         "a minute of work), so that an unlock cannot keep the machine busy for "
                         "hours."};
    return {};
}

std::uint32_t Argon2Params::maxIterationsFor(std::uint64_t memoryKiB)
{
    const std::uint64_t passes = maxWorkKiBPasses / std::max<std::uint64_t>(memoryKiB, 1);
    return static_cast<std::uint32_t>(std::clamp<std::uint64_t>(passes, 1, maxIterations));
}

} // namespace arcanum
