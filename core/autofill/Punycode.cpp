#include "autofill/Punycode.h"

#include <cstdint>

namespace arcanum::autofill {

namespace {

constexpr std::uint32_t base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
constexpr std::uint32_t initialBias = 72, initialN = 128;
constexpr std::uint32_t maxValue = 0xFFFFFFFFu;

std::uint32_t digitValue(std::uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0' + 26;
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    return base; // not a digit
}

std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first)
{
    delta = first ? delta / damp : delta / 2;
    delta += delta / points;
    std::uint32_t k = 0;
    while (delta > ((base - tMin) * tMax) / 2) {
        delta /= base - tMin;
        k += base;
    }
    return k + (base - tMin + 1) * delta / (delta + skew);
}

} // namespace

std::optional<std::size_t> Punycode::decode(std::span<const std::uint8_t> encoded,
                                            std::span<char32_t> out)
{
    // Basic code points: everything before the last delimiter.
    std::size_t basic = 0;
    for (std::size_t i = 0; i < encoded.size(); ++i)
        if (encoded[i] == '-')
            basic = i;
    std::size_t length = 0;
    for (std::size_t i = 0; i < basic; ++i) {
        if (encoded[i] >= 0x80 || length == out.size())
            return std::nullopt;
        out[length++] = encoded[i];
    }
    std::size_t in = basic > 0 ? basic + 1 : 0;
    if (in >= encoded.size())
        return std::nullopt; // nothing encoded: not an IDNA label
    std::uint32_t n = initialN, i = 0, bias = initialBias;
    while (in < encoded.size()) {
        const std::uint32_t oldI = i;
        std::uint32_t w = 1;
        for (std::uint32_t k = base;; k += base) {
            if (in >= encoded.size())
                return std::nullopt;
            const std::uint32_t digit = digitValue(encoded[in++]);
            if (digit >= base || digit > (maxValue - i) / w)
                return std::nullopt;
            i += digit * w;
            const std::uint32_t t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
            if (digit < t)
                break;
            if (w > maxValue / (base - t))
                return std::nullopt;
            w *= base - t;
        }
        const auto points = static_cast<std::uint32_t>(length + 1);
        bias = adapt(i - oldI, points, oldI == 0);
        if (i / points > maxValue - n)
            return std::nullopt;
        n += i / points;
        i %= points;
        if (n < 0x80 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) || length == out.size())
            return std::nullopt;
        for (std::size_t j = length; j > i; --j)
            out[j] = out[j - 1];
        out[i++] = n;
        ++length;
    }
    return length;
}

} // namespace arcanum::autofill
