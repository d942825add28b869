// CanaryScanner: proves that canary plaintext is nowhere in a process outside secret memory.
//
// Reads every readable mapping of a process through /proc/PID/mem with pread(), in chunks, into
// a buffer in the CanarySet's arena (so the scanner's own copy of what it reads is secret memory,
// which is never scanned), and searches each chunk in place for every pattern in UTF-8 and
// UTF-16LE. Chunks overlap by (longest pattern - 1) bytes, so a match across a chunk border is
// found once. Skipped: secret mappings (probed instead: reading any byte of them is reported),
// non-readable mappings, kernel pages ([vvar], [vdso], [vsyscall]), ranges the caller excludes,
// and single pages that give EIO/EFAULT (counted). Holds no plaintext itself.
#pragma once

#include "canary/CanarySet.h"
#include "canary/ScanReport.h"
#include "common/Result.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <sys/types.h>
#include <vector>

namespace arcanum {

// Address ranges, in the form SecretArena::regions() gives.
using AddressRanges = std::vector<std::span<const std::uint8_t>>;

struct ScanOptions
{
    // Bytes per pread(). A power of two and at least a page: chunk borders fall on multiples of
    // it in the scanned address space (tests put a pattern across one).
    std::size_t chunkBytes = std::size_t(1) << 20;
    // Larger mappings (a sanitizer's terabyte shadow) are not read, only counted.
    std::size_t maxMappingBytes = std::size_t(64) << 30;
    // Hits beyond this are counted in ScanReport::hitsNotListed.
    std::size_t maxHits = 10000;

    // --- injection for tests -------------------------------------------------------------
    // Mappings that overlap these ranges count as secret mappings (probed, not searched), so a
    // test can prove that a readable "secret" mapping is reported.
    AddressRanges simulateSecretRanges;
};

class CanaryScanner
{
public:
    // Scans this process. The regions of `set.arena()` are always left out (they hold the
    // patterns, which matters when that arena is in LockedMemory fallback); add to `excluded`
    // the regions of any other fallback arena that may legitimately hold the canaries.
    [[nodiscard]] static Result<ScanReport> scanSelf(const CanarySet& set,
                                                     const AddressRanges& excluded = {},
                                                     const ScanOptions& options = {});

    // Forks a child that only waits, scans it with scanProcess and kills it. The child is a
    // copy of this process at the call, including the dead stack just below the caller's
    // frame, which scanSelf may miss (its own frames overwrite some before it reads [stack]).
    // The copy has no MADV_DONTFORK memory (no arena, in either mode, so nothing to exclude)
    // and no other threads (their stacks are copied as memory).
    [[nodiscard]] static Result<ScanReport> scanForkedCopy(const CanarySet& set,
                                                           const ScanOptions& options = {});

    // Scans another process (root, or CAP_SYS_PTRACE over it, is needed to open its
    // /proc/PID/mem). Also counts its secret mappings and tries to read every page of them.
    [[nodiscard]] static Result<ScanReport> scanProcess(pid_t pid, const CanarySet& set,
                                                        const AddressRanges& excluded = {},
                                                        const ScanOptions& options = {});
};

} // namespace arcanum
