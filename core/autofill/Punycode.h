// Punycode: RFC 3492 decoding of one IDNA label ("xn--" already removed), in place on arena
// memory.
//
// Used to compare a site's ASCII host (browsers send "xn--mnchen-3ya.example") with the host a
// user typed into an entry ("münchen.example"): Arcanum compares hosts in their Unicode form
// (HostName), because libidn2's ToASCII would copy an entry's host into heap memory it frees
// without wiping. Decoding is deterministic and one-to-one, so it cannot make two different
// hosts equal.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace arcanum::autofill {

class Punycode
{
public:
    // Decodes `encoded` (ASCII) into code points in `out`; returns how many, or nullopt when the
    // input is not valid Punycode, decodes to a code point that is not a Unicode scalar value
    // or to basic (ASCII) code points only, or does not fit in `out`.
    [[nodiscard]] static std::optional<std::size_t> decode(std::span<const std::uint8_t> encoded,
                                                           std::span<char32_t> out);
};

} // namespace arcanum::autofill
