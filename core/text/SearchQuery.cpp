#include "text/SearchQuery.h"

#include "text/CaseFold.h"
#include "text/Utf8.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace arcanum {

namespace {

// The code point at `offset`, folded, and `offset` moved past it. ASCII bytes, most of any
// text, skip the decoder.
char32_t foldedAt(SecretSpan text, std::size_t& offset)
{
    const std::uint8_t byte = text[offset];
    if (byte < 0x80) {
        ++offset;
        return CaseFold::foldAscii(byte);
    }
    return CaseFold::fold(Utf8::decode(text, offset));
}

constexpr std::uint64_t everyByte(std::uint8_t value)
{
    return 0x0101010101010101ull * value;
}

// The offset within an 8-byte word of the byte whose top bit is `bit`.
std::size_t byteOfBit(int bit)
{
    return std::endian::native == std::endian::little ? std::size_t(bit / 8)
                                                      : std::size_t(7 - bit / 8);
}

} // namespace

Result<SearchQuery> SearchQuery::create(SecretSpan query, SecretArena& arena)
{
    SearchQuery result;
    for (std::uint8_t byte : query)
        result.m_ascii = result.m_ascii && byte < 0x80;
    if (result.m_ascii) {
        auto folded = arena.allocate(query.size());
        if (!folded)
            return folded.error();
        for (std::size_t i = 0; i < query.size(); ++i)
            folded->data()[i] = CaseFold::foldAscii(query[i]);
        result.m_folded = std::move(folded.value());
        result.m_length = query.size();
        return result;
    }
    const std::size_t count = Utf8::codePointCount(query);
    auto folded = arena.allocate(count * sizeof(char32_t));
    if (!folded)
        return folded.error();
    auto* codePoints = reinterpret_cast<char32_t*>(folded->data());
    std::size_t n = 0;
    for (std::size_t offset = 0; offset < query.size();)
        codePoints[n++] = CaseFold::fold(Utf8::decode(query, offset));
    result.m_folded = std::move(folded.value());
    result.m_length = n;
    result.m_ascii = false;
    return result;
}

bool SearchQuery::matches(SecretSpan text) const
{
    if (m_length == 0)
        return true;
    return m_ascii ? matchesAscii(text) : matchesUnicode(text);
}

// An ASCII query can only match ASCII bytes (every byte of a multi-byte UTF-8 sequence is
// >= 0x80, and no fold maps a non-ASCII letter to ASCII), so bytes compare directly.
bool SearchQuery::matchesAscii(SecretSpan text) const
{
    const std::size_t m = m_length;
    if (text.size() < m)
        return false;
    const std::uint8_t* needle = m_folded.data();
    auto matchesAt = [&](std::size_t at) {
        std::size_t k = 0;
        while (k < m && CaseFold::foldAscii(text[at + k]) == needle[k])
            ++k;
        return k == m;
    };
    const std::size_t positions = text.size() - m + 1; // where a match may start
    if (positions < 8) {
        for (std::size_t at = 0; at < positions; ++at)
            if (matchesAt(at))
                return true;
        return false;
    }
    // Eight start positions at a time (SWAR): a match can only start where the byte there and
    // the byte m - 1 further on equal the query's first and last bytes, once bit 5 (the ASCII
    // case bit) is set in all four. Zero bytes of `x` mark those places (the usual zero-byte
    // test may also mark a byte above a real one; every mark is checked in full anyway). The
    // last word overlaps the one before it rather than running past the text.
    const std::uint64_t caseBit = everyByte(0x20);
    const std::uint64_t first = everyByte(needle[0] | 0x20), last = everyByte(needle[m - 1] | 0x20);
    for (std::size_t at = 0;; at = std::min(at + 8, positions - 8)) {
        std::uint64_t starts, ends;
        std::memcpy(&starts, text.data() + at, 8);
        std::memcpy(&ends, text.data() + at + m - 1, 8);
        const std::uint64_t x = ((starts | caseBit) ^ first) | ((ends | caseBit) ^ last);
        for (std::uint64_t marks = (x - everyByte(1)) & ~x & everyByte(0x80); marks != 0;
             marks &= marks - 1)
            if (matchesAt(at + byteOfBit(std::countr_zero(marks))))
                return true;
        if (at + 8 == positions)
            return false;
    }
}

bool SearchQuery::matchesUnicode(SecretSpan text) const
{
    // The query holds a non-ASCII code point (it has a byte >= 0x80: a real one, or U+FFFD for
    // a stray byte), and folding never maps between ASCII and the rest: text that is all ASCII,
    // as most fields are, cannot hold it. Checking that is much cheaper than decoding.
    if (Utf8::isAscii(text))
        return false;
    const auto* needle = reinterpret_cast<const char32_t*>(m_folded.data());
    for (std::size_t start = 0; start < text.size();) {
        std::size_t offset = start;
        std::size_t k = 0;
        while (k < m_length && offset < text.size() && foldedAt(text, offset) == needle[k])
            ++k;
        if (k == m_length)
            return true;
        (void)foldedAt(text, start); // advance one code point
    }
    return false;
}

} // namespace arcanum
