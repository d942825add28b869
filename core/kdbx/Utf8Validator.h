// Utf8Validator: checks that a document arriving in chunks is well-formed UTF-8 (no overlong
// forms, surrogates or code points past U+10FFFF), with sequences allowed to straddle chunks.
// It reads the bytes in place and keeps only a few bytes of state, none of them content.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace arcanum {

class Utf8Validator
{
public:
    // False at the first invalid byte (then errorOffset() says where, counted from the start).
    [[nodiscard]] bool feed(std::span<const std::uint8_t> bytes);
    // False when the document ended inside a sequence.
    [[nodiscard]] bool finish() const { return m_remaining == 0; }
    [[nodiscard]] std::size_t errorOffset() const { return m_errorOffset; }

private:
    std::size_t m_offset = 0;
    std::size_t m_errorOffset = 0;
    std::uint8_t m_remaining = 0; // continuation bytes still expected
    std::uint8_t m_low = 0x80;    // bounds of the next continuation byte
    std::uint8_t m_high = 0xBF;
};

} // namespace arcanum
