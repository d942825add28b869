// SecretBuffer: an owning handle to plaintext bytes inside a SecretArena.
//
// Move-only. Destroying or reset()ting it wipes the bytes and returns them to the arena. After
// the arena is released (vault locked) a buffer is dead: its bytes are gone, reset() is a no-op
// and touching data() is a bug. `size()` is the logical length; capacity is rounded up so small
// growth (typing into a field) does not move the bytes.
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace arcanum {

class SecretArena;

class SecretBuffer
{
public:
    SecretBuffer() = default;
    ~SecretBuffer();
    SecretBuffer(SecretBuffer&& other) noexcept;
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;

    [[nodiscard]] std::uint8_t* data() { return m_data; }
    [[nodiscard]] const std::uint8_t* data() const { return m_data; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] std::size_t capacity() const { return m_capacity; }
    [[nodiscard]] bool empty() const { return m_size == 0; }
    [[nodiscard]] bool isNull() const { return m_data == nullptr; }
    [[nodiscard]] SecretArena* arena() const { return m_arena; }

    [[nodiscard]] SecretSpan span() const { return {m_data, m_size}; }
    [[nodiscard]] std::span<std::uint8_t> bytes() { return {m_data, m_size}; }

    // Changes the logical size. Growing past capacity moves the bytes to a new allocation in
    // the same arena (the old one is wiped); new bytes are zero. Shrinking wipes the tail.
    [[nodiscard]] Result<void> resize(std::size_t newSize);

    // Wipes and frees now.
    void reset();

private:
    friend class SecretArena;
    SecretBuffer(SecretArena* arena, std::uint8_t* data, std::size_t size, std::size_t capacity,
                 std::uint64_t generation)
        : m_arena(arena), m_data(data), m_size(size), m_capacity(capacity), m_generation(generation)
    {}

    SecretArena* m_arena = nullptr;
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
    std::uint64_t m_generation = 0;
};

} // namespace arcanum
