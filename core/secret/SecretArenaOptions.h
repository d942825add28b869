// SecretArenaOptions: how a SecretArena maps memory, plus the knobs tests use to simulate
// machines without memfd_secret or with a small memory-lock limit.
#pragma once

#include "secret/ProtectionLevel.h"

#include <cstddef>

namespace arcanum {

struct SecretArenaOptions
{
    FallbackPolicy fallback = FallbackPolicy::AllowLockedMemory;

    // LockedMemory on purpose, without trying memfd_secret: for the few bytes that must outlive
    // a lock (the browser sessions' keys, AutofillServer) without keeping a secretmem file open,
    // which would block hibernation while the vault is locked.
    bool lockedMemoryOnly = false;

    // Regions are at least this big; each new region is also at least half of what is already
    // mapped, so a growing vault needs few regions.
    std::size_t minimumRegionBytes = 64 * 1024;

    // --- injection for tests: behave as if the kernel said so -------------------------------
    // Non-zero: memfd_secret() "fails" with this errno (ENOSYS, EPERM, EINVAL, ...).
    int simulateMemfdSecretErrno = 0;
    // Non-zero: pretend RLIMIT_MEMLOCK is this many bytes (checked before every mmap/mlock).
    std::size_t simulateMemoryLockLimit = 0;
    // Called when mapping a region over its reservation failed, before the reservation is given
    // back: a test maps into the range as another thread could at that moment, and checks that
    // its mapping survives (SecretRegion never unmaps what it does not own).
    void (*afterFailedMapForTests)(void* where, std::size_t bytes) = nullptr;
};

} // namespace arcanum
