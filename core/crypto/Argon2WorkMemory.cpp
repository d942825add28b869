#include "crypto/Argon2WorkMemory.h"

#include <argon2.h>
#include <atomic>
#include <cstring>
#include <sodium.h>
#include <sys/mman.h>
#include <unistd.h>

namespace arcanum {

namespace {

std::atomic<std::uint64_t> allocations{0};

std::size_t pageBytes()
{
    static const auto size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

} // namespace

int Argon2WorkMemory::allocate(std::uint8_t** memory, std::size_t bytes)
{
    *memory = nullptr;
    const std::size_t length = (bytes + pageBytes() - 1) & ~(pageBytes() - 1);
    // Reserve a huge page more than needed, keep the aligned window, give back both ends.
    const std::size_t reserved = length + hugePageBytes;
    void* mapped =
        mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        return ARGON2_MEMORY_ALLOCATION_ERROR;
    const auto start = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t aligned = (start + hugePageBytes - 1) & ~(hugePageBytes - 1);
    const std::uintptr_t end = aligned + length;
    if (aligned > start)
        munmap(mapped, aligned - start);
    if (start + reserved > end)
        munmap(reinterpret_cast<void*>(end), start + reserved - end);
    void* area = reinterpret_cast<void*>(aligned);
    (void)madvise(area, length, MADV_HUGEPAGE); // EINVAL without THP support: small pages then
    (void)madvise(area, length, MADV_DONTDUMP);
    (void)madvise(area, length, MADV_DONTFORK);
    allocations.fetch_add(1, std::memory_order_relaxed);
    *memory = static_cast<std::uint8_t*>(area);
    return ARGON2_OK;
}

void Argon2WorkMemory::release(std::uint8_t* memory, std::size_t bytes)
{
    if (memory == nullptr)
        return;
    (void)wipeUnlessWiped(memory, bytes);
    munmap(memory, bytes);
}

bool Argon2WorkMemory::wipeUnlessWiped(std::uint8_t* memory, std::size_t bytes)
{
    constexpr std::size_t stride = 64 * 1024;
    std::uint64_t seen = 0;
    std::uint64_t word = 0;
    for (std::size_t offset = 0; offset + sizeof word <= bytes; offset += stride) {
        std::memcpy(&word, memory + offset, sizeof word);
        seen |= word;
    }
    if (bytes >= sizeof word) {
        std::memcpy(&word, memory + bytes - sizeof word, sizeof word);
        seen |= word;
    } else {
        seen = 1; // too small to sample: just wipe
    }
    sodium_memzero(&word, sizeof word);
    if (seen == 0)
        return false;
    sodium_memzero(memory, bytes);
    return true;
}

std::uint64_t Argon2WorkMemory::allocationCount()
{
    return allocations.load(std::memory_order_relaxed);
}

} // namespace arcanum
