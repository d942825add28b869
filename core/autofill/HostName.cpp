#include "autofill/HostName.h"

#include "autofill/Punycode.h"
#include "text/CaseFold.h"
#include "text/Utf8.h"

namespace arcanum::autofill {

namespace {

using Canonical = HostName::Canonical;
using Kind = HostName::Kind;

bool isDigit(std::uint8_t c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(std::uint8_t c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::uint32_t hexValue(std::uint8_t c)
{
    return isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

bool isLabelByte(std::uint8_t c)
{
    return (c >= 'a' && c <= 'z') || isDigit(c) || c == '-' || c == '_';
}

std::uint8_t lower(std::uint8_t c)
{
    return CaseFold::foldAscii(c);
}

// WHATWG "ends in a number": the last label is all digits, or "0x" followed by hex digits.
bool endsInNumber(SecretSpan host)
{
    std::size_t start = host.size();
    while (start > 0 && host[start - 1] != '.')
        --start;
    const SecretSpan last = host.sub(start);
    if (last.empty())
        return false;
    bool digits = true;
    for (std::uint8_t c : last)
        digits = digits && isDigit(c);
    if (digits)
        return true;
    if (last.size() < 2 || last[0] != '0' || (last[1] | 0x20) != 'x')
        return false;
    for (std::uint8_t c : last.sub(2))
        if (!isHexDigit(c))
            return false;
    return true;
}

// WHATWG IPv4 parser. Writes the 4 address bytes to `out`. Every part but the last is one byte;
// the last fills the remaining bytes, so a part is only placed once the next one is seen.
Canonical parseIpv4(SecretSpan host, std::span<std::uint8_t> out)
{
    Canonical invalid;
    std::uint64_t address = 0;
    std::uint64_t pending = 0; // the part read last, not placed yet
    std::size_t count = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= host.size(); ++i) {
        if (i < host.size() && host[i] != '.')
            continue;
        SecretSpan part = host.sub(start, i - start);
        start = i + 1;
        if (part.empty() || count == 4)
            return invalid;
        if (count > 0) { // the previous part was not the last one
            if (pending > 255)
                return invalid;
            address |= pending << (8 * (4 - count));
        }
        std::uint32_t radix = 10;
        if (part.size() >= 2 && part[0] == '0' && (part[1] | 0x20) == 'x') {
            radix = 16;
            part = part.sub(2);
        } else if (part.size() >= 2 && part[0] == '0') {
            radix = 8;
            part = part.sub(1);
        }
        pending = 0;
        for (std::uint8_t c : part) {
            const bool ok = radix == 16 ? isHexDigit(c) : isDigit(c) && (radix == 10 || c <= '7');
            if (!ok)
                return invalid;
            pending = pending * radix + (radix == 16 ? hexValue(c) : std::uint32_t(c - '0'));
            if (pending > 0xFFFFFFFFull)
                return invalid;
        }
        ++count;
    }
    if (pending >= (1ull << (8 * (5 - count))))
        return invalid;
    address |= pending;
    for (std::size_t i = 0; i < 4; ++i)
        out[i] = std::uint8_t(address >> (8 * (3 - i)));
    Canonical result;
    result.kind = Kind::Ipv4;
    result.length = 4;
    return result;
}

// WHATWG IPv6 parser for the text between the brackets. Writes 16 bytes to `out`.
Canonical parseIpv6(SecretSpan text, std::span<std::uint8_t> out)
{
    Canonical invalid;
    for (std::size_t i = 0; i < 16; ++i)
        out[i] = 0;
    std::size_t piece = 0, p = 0;
    std::ptrdiff_t compress = -1;
    auto at = [&](std::size_t i) {
        return i < text.size() ? text[i] : std::uint8_t(0);
    };
    auto setPiece = [&](std::size_t index, std::uint32_t value) {
        out[2 * index] = std::uint8_t(value >> 8);
        out[2 * index + 1] = std::uint8_t(value);
    };
    if (at(p) == ':') {
        if (at(p + 1) != ':')
            return invalid;
        p += 2;
        compress = std::ptrdiff_t(++piece);
    }
    while (p < text.size()) {
        if (piece == 8)
            return invalid;
        if (at(p) == ':') {
            if (compress >= 0)
                return invalid;
            ++p;
            compress = std::ptrdiff_t(++piece);
            continue;
        }
        std::uint32_t value = 0;
        std::size_t length = 0;
        while (length < 4 && p < text.size() && isHexDigit(at(p))) {
            value = value * 16 + hexValue(at(p));
            ++p;
            ++length;
        }
        if (at(p) == '.') { // an embedded IPv4 address ends the text
            if (length == 0 || piece > 6)
                return invalid;
            p -= length;
            std::size_t numbers = 0;
            while (p < text.size()) {
                std::int32_t ipv4Piece = -1;
                if (numbers > 0) {
                    if (at(p) == '.' && numbers < 4)
                        ++p;
                    else
                        return invalid;
                }
                if (!isDigit(at(p)))
                    return invalid;
                while (isDigit(at(p))) {
                    const std::int32_t number = at(p) - '0';
                    if (ipv4Piece == -1)
                        ipv4Piece = number;
                    else if (ipv4Piece == 0)
                        return invalid;
                    else
                        ipv4Piece = ipv4Piece * 10 + number;
                    if (ipv4Piece > 255)
                        return invalid;
                    ++p;
                }
                out[2 * piece + (numbers % 2)] = std::uint8_t(ipv4Piece);
                ++numbers;
                if (numbers == 2 || numbers == 4)
                    ++piece;
            }
            if (numbers != 4)
                return invalid;
            break;
        }
        if (at(p) == ':') {
            ++p;
            if (p >= text.size())
                return invalid;
        } else if (p < text.size()) {
            return invalid;
        }
        setPiece(piece++, value);
    }
    if (compress >= 0) {
        std::size_t swaps = piece - std::size_t(compress);
        piece = 7;
        while (piece != 0 && swaps > 0) {
            const std::size_t other = std::size_t(compress) + swaps - 1;
            for (std::size_t b = 0; b < 2; ++b) {
                const std::uint8_t tmp = out[2 * piece + b];
                out[2 * piece + b] = out[2 * other + b];
                out[2 * other + b] = tmp;
            }
            --piece;
            --swaps;
        }
    } else if (piece != 8) {
        return invalid;
    }
    Canonical result;
    result.kind = Kind::Ipv6;
    result.length = 16;
    return result;
}

// Appends the code points of a decoded "xn--" label as UTF-8. They must be a lower-case,
// non-ASCII-only label with ASCII limited to label bytes.
bool appendDecoded(std::span<const char32_t> points, std::span<std::uint8_t> out,
                   std::size_t& length)
{
    for (char32_t c : points) {
        if (c < 0x80 ? !isLabelByte(std::uint8_t(c)) : CaseFold::fold(c) != c)
            return false;
        if (length + 4 > out.size())
            return false;
        length += Utf8::encode(c, out.data() + length);
    }
    return true;
}

} // namespace

std::size_t HostName::formatIpv4(std::span<const std::uint8_t> address, std::span<std::uint8_t> out)
{
    std::size_t length = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (i > 0)
            out[length++] = '.';
        const unsigned byte = address[i];
        if (byte >= 100)
            out[length++] = std::uint8_t('0' + byte / 100);
        if (byte >= 10)
            out[length++] = std::uint8_t('0' + byte / 10 % 10);
        out[length++] = std::uint8_t('0' + byte % 10);
    }
    return length;
}

HostName::Canonical HostName::canonicalize(SecretSpan host, Source source,
                                           std::span<std::uint8_t> out, std::span<char32_t> scratch)
{
    Canonical invalid;
    if (host.empty() || host.size() > maxInputBytes || out.size() < maxCanonicalBytes ||
        scratch.size() < scratchCodePoints)
        return invalid;
    if (host[0] == '[') {
        if (host.size() < 3 || host[host.size() - 1] != ']')
            return invalid;
        return parseIpv6(host.sub(1, host.size() - 2), out);
    }
    if (host[host.size() - 1] == '.')
        host = host.sub(0, host.size() - 1);
    if (host.empty())
        return invalid;
    if (endsInNumber(host))
        return parseIpv4(host, out);

    Canonical result;
    result.kind = Kind::Domain;
    std::size_t length = 0;
    std::size_t asciiLength = 0; // the name as it travels in DNS, for the 253-byte limit
    std::size_t start = 0;
    for (std::size_t i = 0; i <= host.size(); ++i) {
        if (i < host.size() && host[i] != '.')
            continue;
        const SecretSpan label = host.sub(start, i - start);
        start = i + 1;
        if (label.empty() || label.size() > 63 * 4)
            return invalid;
        if (length + 1 >= out.size())
            return invalid;
        if (result.labels++ > 0)
            out[length++] = '.';
        bool ascii = true;
        for (std::uint8_t c : label)
            ascii = ascii && c < 0x80;
        if (ascii) {
            if (label.size() > 63)
                return invalid;
            asciiLength += label.size() + 1;
            const bool encoded = label.size() > 4 && lower(label[0]) == 'x' &&
                                 lower(label[1]) == 'n' && label[2] == '-' && label[3] == '-';
            if (length + label.size() > out.size())
                return invalid;
            if (encoded) {
                // DNS ignores ASCII case, so the label is lower-cased first (into the free
                // part of `out`, which the decoded text then overwrites).
                std::uint8_t* lowered = out.data() + length;
                for (std::size_t k = 4; k < label.size(); ++k)
                    lowered[k - 4] = lower(label[k]);
                const auto decoded = Punycode::decode({lowered, label.size() - 4}, scratch);
                if (!decoded || !appendDecoded(scratch.first(*decoded), out, length))
                    return invalid;
                for (char32_t& c : scratch.first(*decoded))
                    c = 0;
                continue;
            }
            for (std::uint8_t c : label) {
                const std::uint8_t l = lower(c);
                if (!isLabelByte(l))
                    return invalid;
                out[length++] = l;
            }
            continue;
        }
        if (source == Source::Site)
            return invalid;                  // browsers send ASCII (Punycode) hosts
        asciiLength += 4 + label.size() + 1; // at least: "xn--" and one byte per code point
        std::size_t offset = 0;
        while (offset < label.size()) {
            const char32_t c = Utf8::decode(label, offset);
            if (c == Utf8::replacement || (c < 0x80 && !isLabelByte(lower(std::uint8_t(c)))))
                return invalid;
            if (length + 4 > out.size())
                return invalid;
            length += Utf8::encode(c < 0x80 ? lower(std::uint8_t(c)) : CaseFold::fold(c),
                                   out.data() + length);
        }
    }
    if (asciiLength - 1 > 253)
        return invalid;
    result.length = length;
    return result;
}

} // namespace arcanum::autofill
