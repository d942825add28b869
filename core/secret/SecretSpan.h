// SecretSpan: a read-only view (pointer + length) of plaintext bytes that live in a SecretArena.
//
// This is how plaintext travels through Arcanum: never as an owning string type. A span owns
// nothing and is only valid while the SecretBuffer (or vault) it points into is alive and the
// arena is unlocked. It deliberately has no conversion to std::string / std::string_view.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace arcanum {

class SecretSpan
{
public:
    constexpr SecretSpan() = default;
    constexpr SecretSpan(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    constexpr SecretSpan(std::span<const std::uint8_t> bytes)
        : m_data(bytes.data()), m_size(bytes.size())
    {}

    [[nodiscard]] constexpr const std::uint8_t* data() const { return m_data; }
    [[nodiscard]] constexpr std::size_t size() const { return m_size; }
    [[nodiscard]] constexpr bool empty() const { return m_size == 0; }
    [[nodiscard]] constexpr std::uint8_t operator[](std::size_t i) const { return m_data[i]; }
    [[nodiscard]] constexpr const std::uint8_t* begin() const { return m_data; }
    [[nodiscard]] constexpr const std::uint8_t* end() const { return m_data + m_size; }

    [[nodiscard]] constexpr std::span<const std::uint8_t> bytes() const { return {m_data, m_size}; }
    [[nodiscard]] const char* chars() const { return reinterpret_cast<const char*>(m_data); }

    // Clamped like std::string_view::substr, but never throws.
    [[nodiscard]] constexpr SecretSpan sub(std::size_t offset,
                                           std::size_t count = static_cast<std::size_t>(-1)) const
    {
        if (offset > m_size)
            offset = m_size;
        if (count > m_size - offset)
            count = m_size - offset;
        return {m_data + offset, count};
    }

private:
    const std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace arcanum
