// HostName: the canonical form of a URL's host, written into arena memory, for comparing the
// host of a site with the host of an entry's URL.
//
// Rules (docs/AUTOFILL.md, "Matching"):
// - One trailing dot is dropped ("example.com." is the same DNS name); an empty label, a label
//   over 63 bytes or a name over 253 bytes makes the host invalid.
// - IPv4 as browsers read it (WHATWG URL standard): when the last label is a number, the host is
//   an IPv4 address in one to four parts, each decimal, octal (leading 0) or hex (0x), so
//   "0x7f.1" is 127.0.0.1; canonical form: the 4 address bytes. IPv6 in brackets: the 16 bytes.
// - Domain names: ASCII letters are lower-cased; allowed are letters, digits, '-' and '_'.
//   Labels starting with "xn--" are Punycode-decoded to Unicode. A site's host (what the browser
//   sends) must be ASCII, and a decoded label must be in lower case already (browsers refuse
//   anything else). An entry's host (what the user typed) may be Unicode: it is case-folded
//   (CaseFold). Canonical form: the Unicode labels in UTF-8, joined by '.'.
// - Anything else (spaces, '%', '@', ':', a control character, invalid UTF-8) is invalid.
// So two hosts are equal when their canonical forms are equal bytes; no step maps two different
// hosts to one form, so a site cannot pass for another.
#pragma once

#include "secret/SecretSpan.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace arcanum::autofill {

class HostName
{
public:
    enum class Kind
    {
        Invalid,
        Domain,
        Ipv4,
        Ipv6
    };
    enum class Source
    {
        Site,  // from the browser: ASCII only
        Entry, // typed by a user: Unicode allowed, case-folded
    };
    struct Canonical
    {
        Kind kind = Kind::Invalid;
        std::size_t length = 0; // bytes written to `out`
        std::size_t labels = 0; // Domain: number of labels
    };

    static constexpr std::size_t maxInputBytes = 1024;
    // `out` must hold this much; `scratch` at least scratchCodePoints.
    static constexpr std::size_t maxCanonicalBytes = 1024;
    static constexpr std::size_t scratchCodePoints = 64;

    [[nodiscard]] static Canonical canonicalize(SecretSpan host, Source source,
                                                std::span<std::uint8_t> out,
                                                std::span<char32_t> scratch);

    // Writes an IPv4 address (4 canonical bytes) as dotted decimal into `out` (>= 15 bytes);
    // returns the length.
    static std::size_t formatIpv4(std::span<const std::uint8_t> address,
                                  std::span<std::uint8_t> out);
};

} // namespace arcanum::autofill
