#include "autofill/UrlParts.h"

#include "text/CaseFold.h"

namespace arcanum::autofill {

namespace {

bool isSchemeByte(std::uint8_t c, bool first)
{
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return letter || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
}

bool equalsIgnoringCase(SecretSpan text, const char* word)
{
    std::size_t i = 0;
    for (; word[i] != 0; ++i)
        if (i >= text.size() || CaseFold::foldAscii(text[i]) != std::uint8_t(word[i]))
            return false;
    return i == text.size();
}

} // namespace

bool UrlParts::isHttps(SecretSpan scheme)
{
    return equalsIgnoringCase(scheme, "https");
}

bool UrlParts::isHttp(SecretSpan scheme)
{
    return equalsIgnoringCase(scheme, "http");
}

int UrlParts::defaultPort(SecretSpan scheme)
{
    return isHttps(scheme) ? 443 : isHttp(scheme) ? 80 : -1;
}

UrlParts UrlParts::split(SecretSpan url)
{
    UrlParts parts;
    std::size_t begin = 0, end = url.size();
    while (begin < end && url[begin] <= 0x20)
        ++begin;
    while (end > begin && url[end - 1] <= 0x20)
        --end;
    const SecretSpan text = url.sub(begin, end - begin);
    for (std::uint8_t c : text)
        if (c < 0x20 || c == 0x7f)
            return parts;

    std::size_t authority = 0;
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        if (text[i] == ':' && text[i + 1] == '/' && text[i + 2] == '/') {
            for (std::size_t j = 0; j < i; ++j)
                if (!isSchemeByte(text[j], j == 0))
                    return parts;
            if (i == 0)
                return parts;
            parts.scheme = text.sub(0, i);
            authority = i + 3;
            break;
        }
        if (text[i] == '/' || text[i] == '\\' || text[i] == '?' || text[i] == '#')
            break; // a path came first: no scheme
    }
    std::size_t authorityEnd = authority;
    while (authorityEnd < text.size() && text[authorityEnd] != '/' && text[authorityEnd] != '\\' &&
           text[authorityEnd] != '?' && text[authorityEnd] != '#')
        ++authorityEnd;
    std::size_t hostBegin = authority;
    for (std::size_t i = authority; i < authorityEnd; ++i)
        if (text[i] == '@')
            hostBegin = i + 1;

    std::size_t hostEnd = hostBegin;
    if (hostBegin < authorityEnd && text[hostBegin] == '[') {
        while (hostEnd < authorityEnd && text[hostEnd] != ']')
            ++hostEnd;
        if (hostEnd == authorityEnd)
            return parts; // unclosed bracket
        ++hostEnd;
    } else {
        while (hostEnd < authorityEnd && text[hostEnd] != ':')
            ++hostEnd;
    }
    parts.host = text.sub(hostBegin, hostEnd - hostBegin);
    if (hostEnd < authorityEnd) {
        if (text[hostEnd] != ':')
            return parts; // text after an IPv6 literal
        const SecretSpan port = text.sub(hostEnd + 1, authorityEnd - hostEnd - 1);
        if (!port.empty()) {
            long value = 0;
            for (std::uint8_t c : port) {
                if (c < '0' || c > '9')
                    return parts;
                value = value * 10 + (c - '0');
                if (value > 65535)
                    return parts;
            }
            parts.port = int(value);
        }
    }
    std::size_t pathEnd = authorityEnd;
    while (pathEnd < text.size() && text[pathEnd] != '?' && text[pathEnd] != '#')
        ++pathEnd;
    parts.path = text.sub(authorityEnd, pathEnd - authorityEnd);
    parts.valid = !parts.host.empty();
    return parts;
}

} // namespace arcanum::autofill
