// ArenaHeap: malloc, realloc and free on a SecretArena, for C libraries that allocate while
// they hold plaintext (zlib's window and state, expat's buffers, pools and tag stacks).
//
// Every block is its own SecretBuffer, found again by its address in an ordinary-memory table
// (addresses and sizes only, never contents); freeing or reallocating wipes the old bytes, and
// destroying the heap wipes whatever the library forgot. A failed allocation returns nullptr (the
// library then reports "out of memory") and keeps the arena's error (the memory-lock limit, with
// its numbers) for the caller to show instead.
//
// zlib passes an opaque pointer to its allocator (zlibAllocate/zlibFree take the heap there);
// expat's memory suite does not, so expat's calls go to the heap installed on the calling thread
// by a ThreadScope for the lifetime of the parser.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstddef>
#include <optional>
#include <unordered_map>

namespace arcanum {

class ArenaHeap
{
public:
    explicit ArenaHeap(SecretArena& arena) : m_arena(&arena) {}
    ~ArenaHeap() = default; // the table's SecretBuffers wipe and free themselves
    ArenaHeap(const ArenaHeap&) = delete;
    ArenaHeap& operator=(const ArenaHeap&) = delete;

    [[nodiscard]] void* allocate(std::size_t bytes);
    // realloc semantics: nullptr `pointer` allocates; on failure the old block stays valid.
    [[nodiscard]] void* reallocate(void* pointer, std::size_t bytes);
    void release(void* pointer);

    // The arena's error behind the first failed allocation, if any.
    [[nodiscard]] const std::optional<Error>& failure() const { return m_failure; }
    [[nodiscard]] std::size_t liveBlocks() const { return m_blocks.size(); }
    [[nodiscard]] std::size_t peakBytes() const { return m_peakBytes; }

    // zlib's alloc_func / free_func; `opaque` is the ArenaHeap.
    static void* zlibAllocate(void* opaque, unsigned items, unsigned size);
    static void zlibFree(void* opaque, void* address);

    // Installs `heap` as this thread's heap for the expat callbacks below, until destroyed.
    class ThreadScope
    {
    public:
        explicit ThreadScope(ArenaHeap& heap);
        ~ThreadScope();
        ThreadScope(const ThreadScope&) = delete;
        ThreadScope& operator=(const ThreadScope&) = delete;

    private:
        ArenaHeap* m_previous;
    };
    static void* threadMalloc(std::size_t bytes);
    static void* threadRealloc(void* pointer, std::size_t bytes);
    static void threadFree(void* pointer);

private:
    SecretArena* m_arena;
    std::unordered_map<void*, SecretBuffer> m_blocks;
    std::optional<Error> m_failure;
    std::size_t m_liveBytes = 0;
    std::size_t m_peakBytes = 0;
};

} // namespace arcanum
