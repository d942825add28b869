// UrlHost: finds the host name inside a URL, as a sub-span of it (nothing is copied).
//
// Used for an entry title when the export has none: "https://bob@mail.example.com:8443/inbox"
// gives "mail.example.com". Not a validating URL parser: it only cuts away the scheme, the user
// information, the port and the path, so any input yields some sub-span (maybe empty).
#pragma once

#include "secret/SecretSpan.h"

namespace arcanum {

class UrlHost
{
public:
    [[nodiscard]] static SecretSpan of(SecretSpan url);
};

} // namespace arcanum
