#include "autofill/ArenaJsonStream.h"

#include <algorithm>
#include <cstring>

namespace arcanum::autofill {

ArenaJsonStream::ArenaJsonStream(SecretArena& arena, std::size_t maxBytes,
                                 std::size_t initialCapacity)
    : m_arena(&arena), m_maxBytes(maxBytes)
{
    auto buffer = arena.allocate(std::min(initialCapacity, maxBytes));
    if (buffer)
        m_buffer = std::move(buffer.value());
    else
        m_failed = true;
}

bool ArenaJsonStream::grow()
{
    if (m_buffer.size() >= m_maxBytes) {
        m_failed = m_tooLarge = true;
        return false;
    }
    auto bigger =
        m_arena->allocate(std::min(std::max<std::size_t>(m_buffer.size() * 2, 64), m_maxBytes));
    if (!bigger) {
        m_failed = true;
        return false;
    }
    if (m_length > 0)
        std::memcpy(bigger->data(), m_buffer.data(), m_length);
    m_buffer = std::move(bigger.value()); // the old buffer is wiped as it goes
    return true;
}

void ArenaJsonStream::Put(Ch c)
{
    if (m_failed || (m_length == m_buffer.size() && !grow()))
        return;
    m_buffer.data()[m_length++] = static_cast<std::uint8_t>(c);
}

} // namespace arcanum::autofill
