// Argon2Params: the Argon2id cost settings and salt stored in a vault header (not secret), and
// the limits every reader checks before it derives anything (docs/FORMAT.md §2, §7).
#pragma once

#include "common/Result.h"

#include <array>
#include <cstdint>

namespace arcanum {

struct Argon2Params
{
    static constexpr std::size_t saltBytes = 32;
    // The format's bounds: a header outside them is damaged.
    static constexpr std::uint32_t minMemoryKiB = 8;
    static constexpr std::uint32_t maxMemoryKiB = 4u * 1024 * 1024; // 4 GiB
    static constexpr std::uint32_t maxIterations = 1000;
    static constexpr std::uint32_t maxLanes = 64;
    // The sane limit on the work one unlock may ask for (FORMAT.md §7): memory x passes, in
    // KiB-passes (64 GiB-passes, about a minute of Argon2 on a 2-core VM).
    static constexpr std::uint64_t maxWorkKiBPasses = 64ull * 1024 * 1024;

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
    // InvalidParameters with the offending value named, if any of the format's bounds is
    // violated.
    [[nodiscard]] Result<void> validate() const;

    // KdfLimitExceeded, saying what is asked and what the limit is, when Argon2 with these
    // costs would need more than half of the machine's physical memory (or 4 GiB), or more than
    // maxWorkKiBPasses of work. For any Argon2 a file asks for (vaults; KDBX importers with
    // their own numbers, so 64-bit). `physicalMemoryKiB` 0 means this machine's.
    [[nodiscard]] static Result<void> checkLimits(std::uint64_t memoryKiB, std::uint64_t iterations,
                                                  std::uint64_t physicalMemoryKiB = 0);
    [[nodiscard]] Result<void> checkLimits() const { return checkLimits(memoryKiB, iterations); }
    // The most passes checkLimits() allows with `memoryKiB` (at least 1, at most maxIterations).
    [[nodiscard]] static std::uint32_t maxIterationsFor(std::uint64_t memoryKiB);
    // The machine's physical memory (sysconf), in KiB; 1 GiB if it cannot be read.
    [[nodiscard]] static std::uint64_t physicalMemoryKiB();

    bool operator==(const Argon2Params&) const = default;
};

} // namespace arcanum
