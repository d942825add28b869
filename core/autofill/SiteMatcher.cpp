#include "autofill/SiteMatcher.h"

#include "autofill/UrlParts.h"
#include "text/CaseFold.h"

#include <cstdio>
#include <cstring>

namespace arcanum::autofill {

namespace {

constexpr std::size_t hostBytes = HostName::maxCanonicalBytes;
constexpr std::size_t scratchBytes = HostName::scratchCodePoints * sizeof(char32_t);
constexpr std::size_t siteOffset = 0;
constexpr std::size_t entryOffset = siteOffset + hostBytes;
constexpr std::size_t scratchOffset = entryOffset + hostBytes;
constexpr std::size_t originOffset = scratchOffset + scratchBytes;
constexpr std::size_t originBytes = 16 + HostName::maxInputBytes + 8;
constexpr std::size_t bufferBytes = originOffset + originBytes;

std::span<char32_t> scratchOf(SecretBuffer& buffer)
{
    static_assert(scratchOffset % alignof(char32_t) == 0);
    return {reinterpret_cast<char32_t*>(buffer.data() + scratchOffset),
            HostName::scratchCodePoints};
}

bool startsWith(SecretSpan text, SecretSpan prefix)
{
    return prefix.size() <= text.size() &&
           (prefix.empty() || std::memcmp(text.data(), prefix.data(), prefix.size()) == 0);
}

} // namespace

Result<SiteMatcher> SiteMatcher::create(SecretSpan siteUrl, SecretArena& arena)
{
    const UrlParts parts = UrlParts::split(siteUrl);
    if (!parts.valid || (!UrlParts::isHttps(parts.scheme) && !UrlParts::isHttp(parts.scheme)))
        return makeError(ErrorCode::InvalidArgument, "The page is not an http or https page.");
    auto buffer = arena.allocate(bufferBytes);
    if (!buffer)
        return buffer.error();
    SiteMatcher matcher;
    matcher.m_buffer = std::move(buffer.value());
    std::uint8_t* base = matcher.m_buffer.data();
    matcher.m_site =
        HostName::canonicalize(parts.host, HostName::Source::Site, {base + siteOffset, hostBytes},
                               scratchOf(matcher.m_buffer));
    if (matcher.m_site.kind == HostName::Kind::Invalid)
        return makeError(ErrorCode::InvalidArgument, "The page's host name is not valid.");
    if (matcher.m_site.kind == HostName::Kind::Domain) {
        const SecretSpan host(base + siteOffset, matcher.m_site.length);
        bool ascii = true;
        for (std::uint8_t c : host)
            ascii = ascii && c < 0x80;
        std::size_t start = host.size(), dots = 0;
        while (start > 0 && !(host[start - 1] == '.' && ++dots == 2))
            --start;
        if (ascii) {
            matcher.m_tailOffset = siteOffset + start;
            matcher.m_tailLength = host.size() - start;
        }
    }
    matcher.m_https = UrlParts::isHttps(parts.scheme);
    matcher.m_port = parts.port >= 0 ? parts.port : UrlParts::defaultPort(parts.scheme);
    matcher.m_path = parts.path;

    // The origin: lower-case scheme, ASCII host, non-default port.
    std::uint8_t* origin = base + originOffset;
    std::size_t length = 0;
    auto append = [&](const std::uint8_t* bytes, std::size_t n) {
        std::memcpy(origin + length, bytes, n);
        length += n;
    };
    const char* scheme = matcher.m_https ? "https://" : "http://";
    append(reinterpret_cast<const std::uint8_t*>(scheme), std::strlen(scheme));
    if (matcher.m_site.kind == HostName::Kind::Ipv4) {
        length += HostName::formatIpv4({base + siteOffset, 4}, {origin + length, 16});
    } else {
        SecretSpan host = parts.host;
        if (host[host.size() - 1] == '.')
            host = host.sub(0, host.size() - 1);
        for (std::uint8_t c : host)
            origin[length++] = CaseFold::foldAscii(c);
    }
    if (matcher.m_port != UrlParts::defaultPort(parts.scheme)) {
        origin[length++] = ':';
        char digits[6];
        const int n = std::snprintf(digits, sizeof digits, "%d", matcher.m_port); // not secret
        append(reinterpret_cast<const std::uint8_t*>(digits), std::size_t(n));
    }
    matcher.m_originLength = length;
    return matcher;
}

SecretSpan SiteMatcher::origin() const
{
    return {m_buffer.data() + originOffset, m_originLength};
}

SecretSpan SiteMatcher::host() const
{
    return {m_buffer.data() + siteOffset,
            m_site.kind == HostName::Kind::Domain ? m_site.length : 0};
}

// Most entries belong to other sites, and parsing each one's URL and canonicalizing its host was
// most of a get-logins on a big vault. The shortcut: for a site whose canonical host H is ASCII,
// an entry URL that is all ASCII and has no "xn--" has as canonical host its host lower-cased
// (HostName: one trailing dot dropped, ASCII labels lower-cased, nothing else changes). To
// match, that host must be H or a label suffix of H with at least two labels, so it ends with
// H's last two labels (or is H, when H has fewer): a URL that does not contain them in any case
// cannot match. Anything else (non-ASCII, Punycode) takes the full path.
bool SiteMatcher::clearlyElsewhere(SecretSpan entryUrl) const
{
    if (m_tailLength == 0 || entryUrl.empty())
        return false;
    const std::uint8_t* url = entryUrl.data();
    const std::size_t size = entryUrl.size();
    // Non-ASCII, or a "--" (every Punycode label has one): the full path decides.
    std::uint8_t high = 0;
    for (std::size_t i = 0; i < size; ++i)
        high |= url[i];
    if ((high & 0x80) != 0 || memmem(url, size, "--", 2) != nullptr)
        return false;
    // The tail, in any case: memchr finds candidates for its first byte (both cases).
    const std::uint8_t* tail = m_buffer.data() + m_tailOffset;
    const std::uint8_t first = tail[0]; // lower case, as all of the canonical host
    const std::uint8_t firstUpper = first >= 'a' && first <= 'z' ? first - 32 : first;
    for (const std::uint8_t candidate : {first, firstUpper}) {
        const std::uint8_t* at = url;
        const std::uint8_t* end = url + size;
        while (std::size_t(end - at) >= m_tailLength &&
               (at = static_cast<const std::uint8_t*>(std::memchr(at, candidate, end - at))) &&
               std::size_t(end - at) >= m_tailLength) {
            std::size_t k = 1;
            while (k < m_tailLength && CaseFold::foldAscii(at[k]) == tail[k])
                ++k;
            if (k == m_tailLength)
                return false;
            ++at;
        }
        if (firstUpper == first)
            break;
    }
    return true;
}

SiteMatcher::Score SiteMatcher::score(SecretSpan entryUrl, bool allowHttp)
{
    if (clearlyElsewhere(entryUrl))
        return NoMatch;
    const UrlParts entry = UrlParts::split(entryUrl);
    if (!entry.valid)
        return NoMatch;
    const bool entryHttps = entry.scheme.empty() || UrlParts::isHttps(entry.scheme);
    if (!entryHttps && !UrlParts::isHttp(entry.scheme))
        return NoMatch; // ftp://, android://, ...
    if (!m_https && entryHttps && !allowHttp)
        return NoMatch; // an https login is not given to an http page
    const int sitePort = m_port;
    const int siteDefault = m_https ? 443 : 80;
    if (entry.port >= 0 ? entry.port != sitePort : sitePort != siteDefault)
        return NoMatch;

    std::uint8_t* base = m_buffer.data();
    const HostName::Canonical host = HostName::canonicalize(
        entry.host, HostName::Source::Entry, {base + entryOffset, hostBytes}, scratchOf(m_buffer));
    if (host.kind != m_site.kind)
        return NoMatch;
    const SecretSpan siteHost(base + siteOffset, m_site.length);
    const SecretSpan entryHost(base + entryOffset, host.length);
    Score result = NoMatch;
    if (entryHost.size() == siteHost.size() &&
        std::memcmp(entryHost.data(), siteHost.data(), siteHost.size()) == 0) {
        const bool pathPrefix = entry.path.size() > 1 && startsWith(m_path, entry.path);
        result = pathPrefix ? SamePath : SameHost;
    } else if (host.kind == HostName::Kind::Domain && host.labels >= 2 &&
               siteHost.size() > entryHost.size() + 1 &&
               siteHost[siteHost.size() - entryHost.size() - 1] == '.' &&
               std::memcmp(siteHost.data() + siteHost.size() - entryHost.size(), entryHost.data(),
                           entryHost.size()) == 0) {
        result = Subdomain;
    }
    std::memset(base + entryOffset, 0, host.length);
    return result;
}

} // namespace arcanum::autofill
