// Argon2Params: the Argon2id cost settings and salt stored in a vault header (not secret).
#pragma once

#include "common/Result.h"

#include <array>
#include <cstdint>

namespace arcanum {

struct Argon2Params
{
    static constexpr std::size_t saltBytes = 32;
    // Bounds every reader enforces, so a damaged or hostile header cannot ask for absurd work.
    static constexpr std::uint32_t minMemoryKiB = 8;
    static constexpr std::uint32_t maxMemoryKiB = 4u * 1024 * 1024; // 4 GiB
    static constexpr std::uint32_t maxIterations = 1000;
    static constexpr std::uint32_t maxLanes = 64;

    std::uint32_t memoryKiB = 0;
    std::uint32_t iterations = 0;
    std::uint32_t lanes = 0;
    std::array<std::uint8_t, saltBytes> salt{};

    // min(online cores, 4): libargon2 runs one thread per lane.
    [[nodiscard]] static std::uint32_t defaultLanes();
    // Given costs with a fresh random salt.
    [[nodiscard]] static Argon2Params withRandomSalt(std::uint32_t memoryKiB,
                                                     std::uint32_t iterations, std::uint32_t lanes);
    // These costs with a fresh random salt (a password change keeps the costs).
    [[nodiscard]] Argon2Params withFreshSalt() const
    {
        return withRandomSalt(memoryKiB, iterations, lanes);
    }
    // InvalidParameters with the offending value named, if any bound is violated.
    [[nodiscard]] Result<void> validate() const;

    bool operator==(const Argon2Params&) const = default;
};

} // namespace arcanum
