// ArenaJsonAllocator: a RapidJSON allocator (the Allocator concept of rapidjson/allocators.h)
// whose every block is a SecretBuffer of one SecretArena.
//
// RapidJSON parses a decrypted message in place; whatever it allocates while it does (its parse
// stack) comes from here, so no byte of it reaches the ordinary heap. Blocks are wiped and
// returned when the allocator is destroyed (Free is static in RapidJSON's concept and cannot
// know the arena, so it does nothing). When the arena cannot give memory, Malloc throws
// std::bad_alloc: RapidJSON does not check for null, and the parse that called it is abandoned
// (JsonObjectReader catches it).
#pragma once

#include "secret/SecretArena.h"

#include <cstddef>
#include <vector>

namespace arcanum::autofill {

class ArenaJsonAllocator
{
public:
    static const bool kNeedFree = false;

    explicit ArenaJsonAllocator(SecretArena& arena) : m_arena(&arena) {}
    // RapidJSON's stack can make its own allocator when given none; we always give one, so one
    // made this way only ever refuses (Malloc throws).
    ArenaJsonAllocator() = default;
    ArenaJsonAllocator(const ArenaJsonAllocator&) = delete;
    ArenaJsonAllocator& operator=(const ArenaJsonAllocator&) = delete;

    void* Malloc(std::size_t size);
    void* Realloc(void* original, std::size_t originalSize, std::size_t newSize);
    static void Free(void*) {}

    [[nodiscard]] std::size_t blockCount() const { return m_blocks.size(); }

private:
    SecretArena* m_arena = nullptr;
    std::vector<SecretBuffer> m_blocks; // handles only; the bytes are in the arena
};

} // namespace arcanum::autofill
