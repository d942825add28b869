// Utf8: decoding and encoding that runs in place, on arena memory, with no owning strings.
//
// Invalid or truncated sequences, overlong forms and surrogates decode as U+FFFD and consume one
// byte, so every input (including a damaged field) decodes to something drawable.
#pragma once

#include "secret/SecretSpan.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace arcanum {

class Utf8
{
public:
    static constexpr char32_t replacement = 0xFFFD;

    // Decodes the code point at `offset` and advances `offset` past it.
    [[nodiscard]] static char32_t decode(SecretSpan text, std::size_t& offset);
    // Appends the UTF-8 form of `codePoint` to `out` (up to 4 bytes); returns the byte count.
    static std::size_t encode(char32_t codePoint, std::uint8_t out[4]);

    // UTF-16 code units needed for `text`.
    [[nodiscard]] static std::size_t utf16Length(SecretSpan text);
    // Writes `text` as UTF-16 into `out` (at least utf16Length units); returns units written.
    static std::size_t toUtf16(SecretSpan text, std::span<char16_t> out);
    // Number of code points.
    [[nodiscard]] static std::size_t codePointCount(SecretSpan text);
    // True when every byte of `text` is below 0x80 (checked a word at a time).
    [[nodiscard]] static bool isAscii(SecretSpan text);
    // True when `text` is well-formed UTF-8.
    [[nodiscard]] static bool isValid(SecretSpan text);
};

} // namespace arcanum
