// CaseFold: simple case folding for search and sorting, run in place on arena memory.
//
// Folds ASCII, Latin-1, Latin Extended-A, basic Greek and basic Cyrillic letters to lower case:
// enough for the titles, user names and URLs people keep in a vault, without a Unicode
// database. Everything else compares as itself.
#pragma once

#include "secret/SecretSpan.h"

namespace arcanum {

class CaseFold
{
public:
    [[nodiscard]] static char32_t fold(char32_t codePoint);
    [[nodiscard]] static std::uint8_t foldAscii(std::uint8_t byte)
    {
        return byte >= 'A' && byte <= 'Z' ? static_cast<std::uint8_t>(byte + 32) : byte;
    }

    // <0, 0, >0 like strcmp, comparing folded code points: "Apple" and "apple" compare equal.
    [[nodiscard]] static int compare(SecretSpan a, SecretSpan b);
    // Plain byte order, to break ties between texts that fold alike.
    [[nodiscard]] static int compareBytes(SecretSpan a, SecretSpan b);
};

} // namespace arcanum
