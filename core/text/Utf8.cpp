#include "text/Utf8.h"

#include <cstring>

namespace arcanum {

char32_t Utf8::decode(SecretSpan text, std::size_t& offset)
{
    const std::size_t size = text.size();
    const std::uint8_t lead = text[offset];
    if (lead < 0x80) {
        ++offset;
        return lead;
    }
    std::size_t length = 0;
    char32_t codePoint = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        codePoint = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        codePoint = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        codePoint = lead & 0x07;
        minimum = 0x10000;
    } else {
        ++offset;
        return replacement;
    }
    if (offset + length > size) {
        ++offset;
        return replacement;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const std::uint8_t next = text[offset + i];
        if ((next & 0xC0) != 0x80) {
            ++offset;
            return replacement;
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF ||
        (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
        ++offset;
        return replacement;
    }
    offset += length;
    return codePoint;
}

std::size_t Utf8::encode(char32_t codePoint, std::uint8_t out[4])
{
    if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        codePoint = replacement;
    if (codePoint < 0x80) {
        out[0] = static_cast<std::uint8_t>(codePoint);
        return 1;
    }
    if (codePoint < 0x800) {
        out[0] = static_cast<std::uint8_t>(0xC0 | (codePoint >> 6));
        out[1] = static_cast<std::uint8_t>(0x80 | (codePoint & 0x3F));
        return 2;
    }
    if (codePoint < 0x10000) {
        out[0] = static_cast<std::uint8_t>(0xE0 | (codePoint >> 12));
        out[1] = static_cast<std::uint8_t>(0x80 | ((codePoint >> 6) & 0x3F));
        out[2] = static_cast<std::uint8_t>(0x80 | (codePoint & 0x3F));
        return 3;
    }
    out[0] = static_cast<std::uint8_t>(0xF0 | (codePoint >> 18));
    out[1] = static_cast<std::uint8_t>(0x80 | ((codePoint >> 12) & 0x3F));
    out[2] = static_cast<std::uint8_t>(0x80 | ((codePoint >> 6) & 0x3F));
    out[3] = static_cast<std::uint8_t>(0x80 | (codePoint & 0x3F));
    return 4;
}

std::size_t Utf8::utf16Length(SecretSpan text)
{
    std::size_t units = 0;
    for (std::size_t offset = 0; offset < text.size();)
        units += decode(text, offset) >= 0x10000 ? 2 : 1;
    return units;
}

std::size_t Utf8::toUtf16(SecretSpan text, std::span<char16_t> out)
{
    std::size_t units = 0;
    for (std::size_t offset = 0; offset < text.size() && units < out.size();) {
        const char32_t codePoint = decode(text, offset);
        if (codePoint >= 0x10000) {
            if (units + 2 > out.size())
                break;
            const char32_t value = codePoint - 0x10000;
            out[units++] = static_cast<char16_t>(0xD800 + (value >> 10));
            out[units++] = static_cast<char16_t>(0xDC00 + (value & 0x3FF));
        } else {
            out[units++] = static_cast<char16_t>(codePoint);
        }
    }
    return units;
}

std::size_t Utf8::codePointCount(SecretSpan text)
{
    std::size_t count = 0;
    for (std::size_t offset = 0; offset < text.size(); ++count)
        (void)decode(text, offset);
    return count;
}

bool Utf8::isAscii(SecretSpan text)
{
    std::uint64_t seen = 0;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        seen |= word;
    }
    for (; i < text.size(); ++i)
        seen |= text[i];
    return (seen & 0x8080808080808080ull) == 0;
}

bool Utf8::isValid(SecretSpan text)
{
    for (std::size_t offset = 0; offset < text.size();) {
        const std::size_t before = offset;
        if (decode(text, offset) == replacement) {
            // U+FFFD itself (EF BF BD) is valid; a one-byte advance is not.
            if (offset - before != 3)
                return false;
        }
    }
    return true;
}

} // namespace arcanum
