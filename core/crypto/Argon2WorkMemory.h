// Argon2WorkMemory: the memory libargon2 fills with Argon2's blocks (its allocate_cbk and
// free_cbk), from 8 KiB up to the vault's memory cost.
//
// The blocks are functions of the password (not the password itself), too large for secret
// memory (the memory-lock limit), so they get the next best place: their own anonymous mapping
// outside the heap, out of core dumps (MADV_DONTDUMP) and out of forked children
// (MADV_DONTFORK), wiped before it is unmapped. The mapping starts on a 2 MiB boundary and asks
// for transparent huge pages (MADV_HUGEPAGE) before its first touch: 64 MiB then costs 32 page
// faults instead of 16,384 (docs/BENCHMARKS.md). Where THP is off the advice is ignored.
#pragma once

#include <cstddef>
#include <cstdint>

namespace arcanum {

class Argon2WorkMemory
{
public:
    static constexpr std::size_t hugePageBytes = 2 * 1024 * 1024;

    // libargon2's allocate_cbk: ARGON2_OK and *memory, or ARGON2_MEMORY_ALLOCATION_ERROR.
    static int allocate(std::uint8_t** memory, std::size_t bytes);
    // libargon2's free_cbk: wipes (unless already wiped) and unmaps.
    static void release(std::uint8_t* memory, std::size_t bytes);

    // Zeroes `bytes` unless they are zero already. libargon2 wipes its blocks before it frees
    // them, and a second wipe of 64 MiB costs milliseconds; so this looks at one word in every
    // 64 KiB and the last one (unwiped blocks are pseudo-random: any of them would be non-zero)
    // and wipes everything only when one is not zero. Returns whether it wiped.
    static bool wipeUnlessWiped(std::uint8_t* memory, std::size_t bytes);

    // How many areas allocate() has handed out so far (tests).
    [[nodiscard]] static std::uint64_t allocationCount();
};

} // namespace arcanum
