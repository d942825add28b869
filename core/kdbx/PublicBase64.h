// PublicBase64: a table-driven decoder for the canonical Base64 (standard alphabet, "="
// padding, no line breaks) of values that are not secret: KDBX 4 time stamps, UUIDs, the header
// hash. libsodium's decoder runs in constant time, which secret values need and these do not, at
// about twenty times the cost (a 20,000-entry file holds 160,000 such values).
//
// It only decodes what it can decode exactly as libsodium would; for anything else (line
// breaks inside, missing or misplaced padding, stray bits, other characters) it returns
// nullopt and the caller asks libsodium, whose verdict stands.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace arcanum {

class PublicBase64
{
public:
    // Decodes `text` (surrounding spaces, tabs and line breaks ignored) into `out`; the number
    // of bytes written, or nullopt (not canonical, or `out` too small).
    [[nodiscard]] static std::optional<std::size_t> decode(std::span<const std::uint8_t> text,
                                                           std::span<std::uint8_t> out);
};

} // namespace arcanum
