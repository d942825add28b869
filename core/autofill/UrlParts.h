// UrlParts: a URL cut into scheme, host, port and path, as sub-spans of it (nothing is copied).
//
// Enough of the WHATWG URL standard for matching logins: the user information ends at the last
// '@' of the authority ("https://example.com@evil.net/" is evil.net), the authority ends at '/',
// '\' (browsers read it as '/' in http and https), '?' or '#', an IPv6 host keeps its brackets,
// and a port is decimal, at most 65535 ("host:" means the default port). Without "://" the text
// is read as host[:port][/path] with no scheme, the way people type entry URLs
// ("example.com/login"). Tabs, line breaks and other control characters inside make it invalid.
#pragma once

#include "secret/SecretSpan.h"

namespace arcanum::autofill {

struct UrlParts
{
    bool valid = false;
    SecretSpan scheme; // empty when the URL has none
    SecretSpan host;   // as written (brackets included for IPv6)
    int port = -1;     // -1: none given
    SecretSpan path;   // from the first '/' up to '?' or '#'; may be empty

    [[nodiscard]] static UrlParts split(SecretSpan url);
    // 443 for https, 80 for http, -1 for anything else (case-insensitive).
    [[nodiscard]] static int defaultPort(SecretSpan scheme);
    // "http" or "https" (case-insensitive)?
    [[nodiscard]] static bool isHttps(SecretSpan scheme);
    [[nodiscard]] static bool isHttp(SecretSpan scheme);
};

} // namespace arcanum::autofill
