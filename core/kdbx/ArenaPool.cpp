#include "kdbx/ArenaPool.h"

#include <cstring>
#include <sodium.h>

namespace arcanum {

Result<std::span<std::uint8_t>> ArenaPool::allocate(std::size_t bytes)
{
    if (bytes == 0)
        return std::span<std::uint8_t>();
    if (bytes > m_chunkBytes / 4) {
        auto own = m_arena->allocate(bytes);
        if (!own)
            return own.error();
        m_large.push_back(std::move(own.value()));
        m_usedBytes += bytes;
        return m_large.back().bytes();
    }
    if (m_chunks.empty() || m_chunkBytes - m_offset < bytes) {
        auto chunk = m_arena->allocate(m_chunkBytes);
        if (!chunk)
            return chunk.error();
        m_chunks.push_back(std::move(chunk.value()));
        m_offset = 0;
    }
    std::uint8_t* data = m_chunks.back().data() + m_offset;
    m_offset += bytes;
    m_usedBytes += bytes;
    return std::span<std::uint8_t>(data, bytes);
}

Result<SecretSpan> ArenaPool::copy(SecretSpan source)
{
    auto space = allocate(source.size());
    if (!space)
        return space.error();
    if (!source.empty())
        std::memcpy(space->data(), source.data(), source.size());
    return SecretSpan(space->data(), space->size());
}

SecretSpan ArenaPool::adopt(SecretBuffer buffer)
{
    const SecretSpan span = buffer.span();
    m_usedBytes += buffer.size();
    m_large.push_back(std::move(buffer));
    return span;
}

void ArenaPool::shrinkLast(std::span<std::uint8_t> allocation, std::size_t newSize)
{
    if (newSize >= allocation.size())
        return;
    const std::size_t released = allocation.size() - newSize;
    sodium_memzero(allocation.data() + newSize, released);
    m_usedBytes -= released;
    // Only the current chunk's tail can be handed out again; a large buffer keeps its size.
    if (!m_chunks.empty() &&
        allocation.data() + allocation.size() == m_chunks.back().data() + m_offset)
        m_offset -= released;
}

std::size_t ArenaPool::reservedBytes() const
{
    std::size_t total = 0;
    for (const SecretBuffer& chunk : m_chunks)
        total += chunk.capacity();
    for (const SecretBuffer& buffer : m_large)
        total += buffer.capacity();
    return total;
}

} // namespace arcanum
