#include "text/SearchQuery.h"

#include "text/CaseFold.h"
#include "text/Utf8.h"

namespace arcanum {

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
    if (text.size() < m_length)
        return false;
    const std::uint8_t* needle = m_folded.data();
    const std::uint8_t first = needle[0];
    const std::size_t last = text.size() - m_length;
    for (std::size_t i = 0; i <= last; ++i) {
        if (CaseFold::foldAscii(text[i]) != first)
            continue;
        std::size_t k = 1;
        while (k < m_length && CaseFold::foldAscii(text[i + k]) == needle[k])
            ++k;
        if (k == m_length)
            return true;
    }
    return false;
}

bool SearchQuery::matchesUnicode(SecretSpan text) const
{
    const auto* needle = reinterpret_cast<const char32_t*>(m_folded.data());
    for (std::size_t start = 0; start < text.size();) {
        std::size_t offset = start;
        std::size_t k = 0;
        while (k < m_length && offset < text.size() &&
               CaseFold::fold(Utf8::decode(text, offset)) == needle[k])
            ++k;
        if (k == m_length)
            return true;
        (void)Utf8::decode(text, start); // advance one code point
    }
    return false;
}

} // namespace arcanum
