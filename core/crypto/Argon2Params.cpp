#include "crypto/Argon2Params.h"

#include "crypto/Random.h"

#include <algorithm>
#include <string>
#include <unistd.h>

namespace arcanum {

std::uint32_t Argon2Params::defaultLanes()
{
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return static_cast<std::uint32_t>(std::clamp(cores, 1L, 4L));
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

} // namespace arcanum
