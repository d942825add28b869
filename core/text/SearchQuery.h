// SearchQuery: a case-insensitive substring matcher whose query lives in the arena.
//
// The folded query is kept in an arena buffer (as bytes when it is all ASCII, the fast path,
// else as folded code points). matches() runs over arena text in place and allocates nothing.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

namespace arcanum {

class SearchQuery
{
public:
    // An empty query matches everything.
    [[nodiscard]] static Result<SearchQuery> create(SecretSpan query, SecretArena& arena);

    [[nodiscard]] bool isEmpty() const { return m_length == 0; }
    [[nodiscard]] bool matches(SecretSpan text) const;

private:
    SearchQuery() = default;
    [[nodiscard]] bool matchesAscii(SecretSpan text) const;
    [[nodiscard]] bool matchesUnicode(SecretSpan text) const;

    SecretBuffer m_folded; // ASCII: folded bytes; else: folded char32_t code points
    std::size_t m_length = 0;
    bool m_ascii = true;
};

} // namespace arcanum
