// SecretArena: the only place plaintext may live (DESIGN.md §2, §3).
//
// An arena is a set of SecretRegions, all mapped with the same mechanism: memfd_secret() when
// the kernel has it, else (if the policy allows) mlock'ed anonymous memory. It hands out
// SecretBuffers, grows by adding regions, and on release() wipes and unmaps everything so that no
// secretmem file or mapping is left (which is what lets the machine hibernate again).
// Thread-safe: allocation and free take a mutex (Argon2 fills arena buffers off the GUI thread).
#pragma once

#include "common/Result.h"
#include "secret/ProtectionLevel.h"
#include "secret/SecretArenaOptions.h"
#include "secret/SecretBuffer.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace arcanum {

class SecretRegion;

class SecretArena
{
public:
    // Chooses the mechanism (probing memfd_secret once) and maps a first region big enough for
    // `initialBytes`. Fails with SecretMemoryUnavailable (policy refuses the fallback),
    // MemoryLockLimit (with the numbers and how to raise it) or OutOfMemory; nothing stays
    // mapped on failure.
    [[nodiscard]] static Result<std::unique_ptr<SecretArena>>
    create(const SecretArenaOptions& options = {}, std::size_t initialBytes = 0);

    ~SecretArena();
    SecretArena(const SecretArena&) = delete;
    SecretArena& operator=(const SecretArena&) = delete;

    // A zero-filled buffer of `bytes` bytes; maps a new region when the current ones are full.
    [[nodiscard]] Result<SecretBuffer> allocate(std::size_t bytes);
    // A buffer holding a copy of `source` (which should itself be arena memory).
    [[nodiscard]] Result<SecretBuffer> copyOf(SecretSpan source);

    // Takes the first-touch cost of `bytes` of free secret memory now, and leaves them free for
    // later allocations: maps what is missing and writes every page once. The first touch of a
    // memfd_secret page takes it out of the kernel's direct map and flushes every CPU's TLB
    // (tens of microseconds a page on a virtual machine, docs/BENCHMARKS.md), so a caller about
    // to allocate a lot calls this on another thread while something slow runs (Argon2). Best
    // effort: under the memory-lock limit it touches less, down to nothing. Returns the bytes
    // touched.
    std::size_t prefault(std::size_t bytes);

    // Zeroes every byte of every region; allocations stay valid (and read as zero).
    void wipeAll();
    // Wipes and unmaps every region. Every outstanding SecretBuffer becomes dead. The arena
    // can be used again afterwards (it maps new regions on demand).
    void release();

    [[nodiscard]] ProtectionLevel protectionLevel() const { return m_level; }
    // Why the fallback is in use ("memfd_secret: Function not implemented"), or empty.
    [[nodiscard]] const std::string& fallbackReason() const { return m_fallbackReason; }

    [[nodiscard]] std::size_t mappedBytes() const;
    [[nodiscard]] std::size_t usedBytes() const;
    [[nodiscard]] std::size_t regionCount() const;
    [[nodiscard]] bool contains(const void* pointer) const;
    // Address ranges of the mapped regions, e.g. for a scanner to skip in fallback mode.
    [[nodiscard]] std::vector<std::span<const std::uint8_t>> regions() const;

private:
    friend class SecretBuffer;
    SecretArena(const SecretArenaOptions& options, ProtectionLevel level, std::string reason);

    [[nodiscard]] Result<void> addRegion(std::size_t bytes); // m_mutex held
    void free(std::uint8_t* data, std::size_t capacity, std::uint64_t generation);

    SecretArenaOptions m_options;
    ProtectionLevel m_level;
    std::string m_fallbackReason;
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<SecretRegion>> m_regions;
    std::uint64_t m_generation = 1;
};

} // namespace arcanum
