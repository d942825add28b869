#include "platform/WebAddress.h"

#include <cstring>
#include <string_view>

namespace arcanum {

namespace {

constexpr std::string_view httpsPrefix = "https://";

bool startsWithIgnoringCase(SecretSpan text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        std::uint8_t c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<std::uint8_t>(c - 'A' + 'a');
        if (c != static_cast<std::uint8_t>(prefix[i]))
            return false;
    }
    return true;
}

bool isAsciiLetter(std::uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDigit(std::uint8_t c)
{
    return c >= '0' && c <= '9';
}

// RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), followed by ':'. A host with
// a port ("example.org:8443") has the same shape, so digits right after the ':' (up to the end,
// '/', '?' or '#') make it a port, not a scheme.
bool hasScheme(SecretSpan url)
{
    if (url.empty() || !isAsciiLetter(url[0]))
        return false;
    std::size_t colon = 1;
    while (colon < url.size() && (isAsciiLetter(url[colon]) || isDigit(url[colon]) ||
                                  url[colon] == '+' || url[colon] == '-' || url[colon] == '.'))
        ++colon;
    if (colon == url.size() || url[colon] != ':')
        return false;
    std::size_t end = colon + 1;
    while (end < url.size() && isDigit(url[end]))
        ++end;
    const bool port = end > colon + 1 &&
                      (end == url.size() || url[end] == '/' || url[end] == '?' || url[end] == '#');
    return !port;
}

} // namespace

WebAddress::Kind WebAddress::classify(SecretSpan url)
{
    if (url.empty())
        return Kind::NotAnAddress;
    for (std::uint8_t c : url)
        if (c <= 0x20 || c == 0x7F) // spaces and control characters: not one address
            return Kind::NotAnAddress;
    for (std::string_view web : {std::string_view("http://"), httpsPrefix})
        if (startsWithIgnoringCase(url, web))
            return url.size() > web.size() ? Kind::Web : Kind::NotAnAddress;
    // A path, or a word a program could take for an option: no host to go to.
    if (url[0] == '/' || url[0] == '-' || url[0] == ':')
        return Kind::NotAnAddress;
    return hasScheme(url) ? Kind::OtherScheme : Kind::NoScheme;
}

Result<SecretBuffer> WebAddress::toOpen(SecretSpan url, SecretArena& arena)
{
    const Kind kind = classify(url);
    if (kind != Kind::Web && kind != Kind::NoScheme)
        return Error{ErrorCode::InvalidArgument, "Only web addresses (http and https) are opened."};
    const std::size_t prefix = kind == Kind::NoScheme ? httpsPrefix.size() : 0;
    auto buffer = arena.allocate(prefix + url.size() + 1);
    if (!buffer)
        return buffer.error();
    std::memcpy(buffer->data(), httpsPrefix.data(), prefix);
    std::memcpy(buffer->data() + prefix, url.data(), url.size());
    buffer->data()[prefix + url.size()] = '\0';
    // The NUL stays in the buffer's capacity, after its logical end.
    if (auto shrunk = buffer->resize(prefix + url.size()); !shrunk)
        return shrunk.error();
    return buffer;
}

} // namespace arcanum
