// AsciiText: ASCII-only comparisons run in place on arena bytes (header names, item types).
//
// Owns nothing. Used where a cell must be matched against a known literal without ever building
// an owning string from the cell: the literal is ordinary memory, the cell stays where it is.
#pragma once

#include "secret/SecretSpan.h"

#include <string_view>

namespace arcanum {

class AsciiText
{
public:
    // True when `text` equals `literal` with ASCII letters compared case-insensitively; every
    // other byte must match exactly.
    [[nodiscard]] static bool equalsIgnoringCase(SecretSpan text, std::string_view literal);
    // `text` without leading and trailing spaces and tabs: a sub-span, nothing is copied.
    [[nodiscard]] static SecretSpan trimmed(SecretSpan text);
};

} // namespace arcanum
