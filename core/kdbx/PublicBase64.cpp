#include "kdbx/PublicBase64.h"

#include <array>

namespace arcanum {

namespace {

constexpr std::array<std::int8_t, 256> alphabetValues = [] {
    std::array<std::int8_t, 256> table{};
    table.fill(-1);
    const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        table[static_cast<std::uint8_t>(alphabet[i])] = static_cast<std::int8_t>(i);
    return table;
}();

bool isSpace(std::uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

std::optional<std::size_t> PublicBase64::decode(std::span<const std::uint8_t> text,
                                                std::span<std::uint8_t> out)
{
    std::size_t begin = 0, end = text.size();
    while (begin < end && isSpace(text[begin]))
        ++begin;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    const std::size_t n = end - begin;
    if (n == 0 || n % 4 != 0)
        return std::nullopt;
    const std::uint8_t* p = text.data() + begin;
    const std::size_t padding = p[n - 1] != '=' ? 0 : p[n - 2] != '=' ? 1 : 2;
    const std::size_t symbols = n - padding;
    const std::size_t length = symbols * 6 / 8;
    if (length > out.size())
        return std::nullopt;
    std::uint32_t accumulator = 0;
    unsigned bits = 0;
    std::size_t written = 0;
    for (std::size_t i = 0; i < symbols; ++i) {
        const std::int8_t value = alphabetValues[p[i]];
        if (value < 0)
            return std::nullopt;
        accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[written++] = static_cast<std::uint8_t>(accumulator >> bits);
            accumulator &= (1u << bits) - 1;
        }
    }
    if (accumulator != 0) // bits past the last byte must be zero
        return std::nullopt;
    return written;
}

} // namespace arcanum
