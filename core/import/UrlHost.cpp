#include "import/UrlHost.h"

#include "import/AsciiText.h"

namespace arcanum {

namespace {

bool isSchemeByte(std::uint8_t byte)
{
    return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
           (byte >= '0' && byte <= '9') || byte == '+' || byte == '-' || byte == '.';
}

// Offset just past "scheme://", or 0 when the text does not start with one.
std::size_t authorityStart(SecretSpan url)
{
    std::size_t i = 0;
    while (i < url.size() && isSchemeByte(url[i]))
        ++i;
    if (i > 0 && i + 2 < url.size() && url[i] == ':' && url[i + 1] == '/' && url[i + 2] == '/')
        return i + 3;
    return 0;
}

} // namespace

SecretSpan UrlHost::of(SecretSpan url)
{
    const SecretSpan text = AsciiText::trimmed(url);
    std::size_t begin = authorityStart(text);
    std::size_t end = begin;
    while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#')
        ++end;
    for (std::size_t i = begin; i < end; ++i) // user information ends at the last '@'
        if (text[i] == '@')
            begin = i + 1;
    if (begin < end && text[begin] == '[') { // an IPv6 literal: the host is what the brackets hold
        std::size_t close = begin + 1;
        while (close < end && text[close] != ']')
            ++close;
        return text.sub(begin + 1, close - begin - 1);
    }
    std::size_t hostEnd = begin;
    while (hostEnd < end && text[hostEnd] != ':')
        ++hostEnd;
    return text.sub(begin, hostEnd - begin);
}

} // namespace arcanum
