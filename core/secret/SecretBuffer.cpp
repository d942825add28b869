#include "secret/SecretBuffer.h"

#include "secret/SecretArena.h"

#include <algorithm>
#include <cstring>
#include <sodium.h>
#include <utility>

namespace arcanum {

SecretBuffer::~SecretBuffer()
{
    reset();
}

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept
    : m_arena(std::exchange(other.m_arena, nullptr)), m_data(std::exchange(other.m_data, nullptr)),
      m_size(std::exchange(other.m_size, 0)), m_capacity(std::exchange(other.m_capacity, 0)),
      m_generation(std::exchange(other.m_generation, 0))
{}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept
{
    if (this != &other) {
        reset();
        m_arena = std::exchange(other.m_arena, nullptr);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
        m_generation = std::exchange(other.m_generation, 0);
    }
    return *this;
}

void SecretBuffer::reset()
{
    if (m_arena != nullptr && m_data != nullptr)
        m_arena->free(m_data, m_capacity, m_generation);
    m_arena = nullptr;
    m_data = nullptr;
    m_size = 0;
    m_capacity = 0;
}

Result<void> SecretBuffer::resize(std::size_t newSize)
{
    if (m_arena == nullptr)
        return Error{ErrorCode::InvalidArgument, "Cannot resize a buffer that has no arena."};
    if (newSize <= m_capacity) {
        if (newSize < m_size)
            sodium_memzero(m_data + newSize, m_size - newSize);
        m_size = newSize;
        return {};
    }
    // Grow by at least half so that typing a character at a time stays cheap.
    const std::size_t capacity = std::max(newSize, m_capacity + m_capacity / 2);
    auto bigger = m_arena->allocate(capacity);
    if (!bigger)
        return bigger.error();
    std::memcpy(bigger->data(), m_data, m_size);
    SecretBuffer moved = std::move(bigger.value());
    moved.m_size = newSize;
    *this = std::move(moved); // frees (and wipes) the old bytes
    return {};
}

} // namespace arcanum
