// SecretRegion: one fixed-size block of protected memory and the allocator inside it.
//
// Mapping: memfd_secret(O_CLOEXEC) -> ftruncate once -> mmap(MAP_SHARED) into the middle of a
// PROT_NONE reservation (one guard page on each side) -> MADV_DONTFORK -> close the fd, so no
// secretmem file outlives the mapping. The fallback maps anonymous memory the same way and adds
// mlock + MADV_DONTDUMP. The allocator's bookkeeping (offsets and sizes, never contents) lives
// in ordinary memory; freed bytes are wiped with sodium_memzero at once.
#pragma once

#include "common/Result.h"
#include "secret/ProtectionLevel.h"
#include "secret/SecretArenaOptions.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace arcanum {

class SecretRegion
{
public:
    static constexpr std::size_t alignment = 16;

    // Maps at least `bytes` (rounded up to pages). `level` is the mechanism to use;
    // `alreadyLocked` is what the arena has mapped so far (checked against a simulated limit).
    [[nodiscard]] static Result<std::unique_ptr<SecretRegion>>
    map(std::size_t bytes, ProtectionLevel level, std::size_t alreadyLocked,
        const SecretArenaOptions& options);

    ~SecretRegion(); // wipes and unmaps
    SecretRegion(const SecretRegion&) = delete;
    SecretRegion& operator=(const SecretRegion&) = delete;

    // Returns nullptr when no free block of `bytes` (already aligned) is left. With
    // `joinQuickLists`, small freed blocks waiting for reuse first join their neighbours (the
    // arena asks so only when no region has room otherwise).
    [[nodiscard]] std::uint8_t* allocate(std::size_t bytes, bool joinQuickLists = false);
    [[nodiscard]] bool hasQuickBlocks() const { return m_quickBytes != 0; }
    void free(std::uint8_t* pointer, std::size_t bytes);
    void wipeAll();

    [[nodiscard]] bool contains(const void* pointer) const;
    [[nodiscard]] std::uint8_t* begin() const { return m_begin; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] std::size_t usedBytes() const { return m_used; }

private:
    SecretRegion(std::uint8_t* reservation, std::size_t reservationSize, std::uint8_t* begin,
                 std::size_t size);
    void insertFree(std::size_t offset, std::size_t length);
    [[nodiscard]] std::uint8_t* allocateFromTree(std::size_t bytes);
    void releaseToTree(std::size_t offset, std::size_t bytes);
    void flushQuickLists();
    void eraseFree(std::map<std::size_t, std::size_t>::iterator it);

    std::uint8_t* m_reservation;
    std::size_t m_reservationSize;
    std::uint8_t* m_begin;
    std::size_t m_size;
    std::size_t m_used = 0;
    std::map<std::size_t, std::size_t> m_freeByOffset;          // offset -> length
    std::set<std::pair<std::size_t, std::size_t>> m_freeBySize; // (length, offset)
    // Freed blocks of up to quickLimit bytes wait on a list per size (offsets only), so the
    // many small buffers of an import are reused without touching the trees. They join the
    // trees (and their neighbours) when a request cannot be met otherwise.
    static constexpr std::size_t quickLimit = 512;
    std::array<std::vector<std::size_t>, quickLimit / alignment> m_quick;
    std::size_t m_quickBytes = 0;
};

// Probes memfd_secret once: 0 when usable, else the errno it fails with. Creates and closes a
// descriptor; maps nothing.
[[nodiscard]] int probeMemfdSecret(const SecretArenaOptions& options);

} // namespace arcanum
