#include "vault/EntryId.h"

#include "crypto/Random.h"

#include <cstring>

namespace arcanum {

EntryId::EntryId(const std::uint8_t* bytes)
{
    std::memcpy(m_bytes.data(), bytes, size);
}

EntryId EntryId::random()
{
    EntryId id;
    do
        Random::fill(id.m_bytes);
    while (id.isNull());
    return id;
}

std::optional<EntryId> EntryId::parse(std::string_view text)
{
    if (text.size() != 2 * size && text.size() != 2 * size + 4)
        return std::nullopt;
    EntryId id;
    std::size_t nibble = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '-' && (i == 8 || i == 13 || i == 18 || i == 23) && text.size() == 36)
            continue;
        int value = -1;
        if (c >= '0' && c <= '9')
            value = c - '0';
        else if (c >= 'a' && c <= 'f')
            value = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            value = c - 'A' + 10;
        if (value < 0 || nibble >= 2 * size)
            return std::nullopt;
        id.m_bytes[nibble / 2] |= static_cast<std::uint8_t>(nibble % 2 == 0 ? value << 4 : value);
        ++nibble;
    }
    if (nibble != 2 * size)
        return std::nullopt;
    return id;
}

bool EntryId::isNull() const
{
    for (std::uint8_t byte : m_bytes)
        if (byte != 0)
            return false;
    return true;
}

std::string EntryId::toString() const
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < size; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text.push_back('-');
        text.push_back(digits[m_bytes[i] >> 4]);
        text.push_back(digits[m_bytes[i] & 0xF]);
    }
    return text;
}

} // namespace arcanum
