#include "kdbx/ArenaText.h"

#include <algorithm>
#include <cstring>
#include <sodium.h>

namespace arcanum {

ArenaText::ArenaText(SecretArena& arena, std::size_t initialBytes) : m_arena(arena)
{
    auto buffer = arena.allocate(std::max<std::size_t>(initialBytes, 64));
    if (buffer)
        m_buffer = std::move(buffer.value());
    else
        m_status = buffer.error();
}

bool ArenaText::reserve(std::size_t extra)
{
    if (!m_status)
        return false;
    if (m_buffer.size() - m_size >= extra)
        return true;
    const std::size_t wanted = std::max(m_size + extra, m_buffer.size() * 2);
    auto bigger = m_arena.allocate(wanted);
    if (!bigger) {
        m_status = bigger.error();
        return false;
    }
    std::memcpy(bigger->data(), m_buffer.data(), m_size);
    m_buffer = std::move(bigger.value()); // frees and wipes the old bytes
    return true;
}

void ArenaText::append(std::string_view text)
{
    if (text.empty() || !reserve(text.size()))
        return;
    std::memcpy(m_buffer.data() + m_size, text.data(), text.size());
    m_size += text.size();
}

void ArenaText::append(SecretSpan bytes)
{
    if (bytes.empty() || !reserve(bytes.size()))
        return;
    std::memcpy(m_buffer.data() + m_size, bytes.data(), bytes.size());
    m_size += bytes.size();
}

void ArenaText::append(std::uint8_t byte)
{
    if (!reserve(1))
        return;
    m_buffer.data()[m_size++] = byte;
}

std::span<std::uint8_t> ArenaText::extend(std::size_t count)
{
    if (!reserve(count))
        return {};
    std::span<std::uint8_t> space(m_buffer.data() + m_size, count);
    std::memset(space.data(), 0, count);
    m_size += count;
    return space;
}

void ArenaText::truncate(std::size_t newSize)
{
    if (newSize >= m_size)
        return;
    sodium_memzero(m_buffer.data() + newSize, m_size - newSize);
    m_size = newSize;
}

Result<SecretBuffer> ArenaText::take()
{
    if (!m_status)
        return m_status.error();
    if (auto trimmed = m_buffer.resize(m_size); !trimmed)
        return trimmed.error();
    m_size = 0;
    return std::move(m_buffer);
}

} // namespace arcanum
