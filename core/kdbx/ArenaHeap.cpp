#include "kdbx/ArenaHeap.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace arcanum {

namespace {

thread_local ArenaHeap* t_currentHeap = nullptr;

} // namespace

void* ArenaHeap::allocate(std::size_t bytes)
{
    auto buffer = m_arena->allocate(bytes == 0 ? 1 : bytes);
    if (!buffer) {
        if (!m_failure)
            m_failure = buffer.error();
        return nullptr;
    }
    void* address = buffer->data();
    m_liveBytes += buffer->capacity();
    m_peakBytes = std::max(m_peakBytes, m_liveBytes);
    m_blocks.emplace(address, std::move(buffer.value()));
    return address;
}

void* ArenaHeap::reallocate(void* pointer, std::size_t bytes)
{
    if (pointer == nullptr)
        return allocate(bytes);
    const auto old = m_blocks.find(pointer);
    if (old == m_blocks.end())
        return nullptr; // not ours: refuse rather than corrupt anything
    if (bytes != 0 && bytes <= old->second.capacity()) {
        (void)old->second.resize(bytes); // within capacity: cannot fail, wipes a shrunk tail
        return pointer;
    }
    void* moved = allocate(bytes);
    if (moved == nullptr)
        return nullptr;
    const auto source = m_blocks.find(pointer); // `old` may be invalid after the insertion
    std::memcpy(moved, pointer, std::min(source->second.size(), bytes));
    m_liveBytes -= source->second.capacity();
    m_blocks.erase(source); // wipes the old bytes
    return moved;
}

void ArenaHeap::release(void* pointer)
{
    if (pointer == nullptr)
        return;
    const auto block = m_blocks.find(pointer);
    if (block == m_blocks.end())
        return;
    m_liveBytes -= block->second.capacity();
    m_blocks.erase(block);
}

void* ArenaHeap::zlibAllocate(void* opaque, unsigned items, unsigned size)
{
    if (size != 0 && items > std::numeric_limits<std::size_t>::max() / size)
        return nullptr;
    return static_cast<ArenaHeap*>(opaque)->allocate(std::size_t(items) * size);
}

void ArenaHeap::zlibFree(void* opaque, void* address)
{
    static_cast<ArenaHeap*>(opaque)->release(address);
}

ArenaHeap::ThreadScope::ThreadScope(ArenaHeap& heap) : m_previous(t_currentHeap)
{
    t_currentHeap = &heap;
}

ArenaHeap::ThreadScope::~ThreadScope()
{
    t_currentHeap = m_previous;
}

void* ArenaHeap::threadMalloc(std::size_t bytes)
{
    return t_currentHeap != nullptr ? t_currentHeap->allocate(bytes) : nullptr;
}

void* ArenaHeap::threadRealloc(void* pointer, std::size_t bytes)
{
    return t_currentHeap != nullptr ? t_currentHeap->reallocate(pointer, bytes) : nullptr;
}

void ArenaHeap::threadFree(void* pointer)
{
    if (t_currentHeap != nullptr)
        t_currentHeap->release(pointer);
}

} // namespace arcanum
