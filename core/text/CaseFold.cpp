#include "text/CaseFold.h"

#include "text/Utf8.h"

#include <cstring>

namespace arcanum {

char32_t CaseFold::fold(char32_t c)
{
    if (c < 0x80)
        return foldAscii(static_cast<std::uint8_t>(c));
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) // Latin-1 capitals, not the multiplication sign
        return c + 0x20;
    if (c >= 0x100 && c <= 0x17F) { // Latin Extended-A: mostly upper/lower pairs
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
            return c; // dotted/dotless i, kra, 'n, long s: no simple pair
        if (c == 0x178)
            return 0xFF; // Ÿ -> ÿ
        const bool oddUpper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (oddUpper)
            return (c % 2 == 1) ? c + 1 : c;
        return (c % 2 == 0) ? c + 1 : c;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) // Greek capitals
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F) // Cyrillic А-Я
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) // Cyrillic Ѐ-Џ
        return c + 0x50;
    return c;
}

int CaseFold::compare(SecretSpan a, SecretSpan b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        char32_t x, y;
        if (a[i] < 0x80 && b[j] < 0x80) {
            x = foldAscii(a[i++]);
            y = foldAscii(b[j++]);
        } else {
            x = fold(Utf8::decode(a, i));
            y = fold(Utf8::decode(b, j));
        }
        if (x != y)
            return x < y ? -1 : 1;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    return 0;
}

int CaseFold::compareBytes(SecretSpan a, SecretSpan b)
{
    const std::size_t common = a.size() < b.size() ? a.size() : b.size();
    const int raw = common == 0 ? 0 : std::memcmp(a.data(), b.data(), common);
    return raw != 0 ? raw : (a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0);
}

} // namespace arcanum
