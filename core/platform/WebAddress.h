// WebAddress: decides whether an entry's URL may be handed to a browser, and builds the exact
// bytes to hand over, in the arena (the URL is vault content: it never becomes a string).
//
// Only web addresses are opened: `http://` and `https://` (any case). A URL without a scheme
// ("example.org/login", "example.org:8443") is taken as `https://` + it, as browsers do with
// what is typed into their address bar. Any other scheme (mailto:, file:, javascript:, ftp://,
// an application's own) is refused, and so is text with spaces or control characters in it: the
// caller says so and offers to copy the URL instead.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

namespace arcanum {

class WebAddress
{
public:
    enum class Kind
    {
        Web,         // http:// or https://, handed over as it is
        NoScheme,    // handed over as https:// + the text
        OtherScheme, // not opened
        NotAnAddress // empty, or holds spaces or control characters
    };

    [[nodiscard]] static Kind classify(SecretSpan url);

    // The address to hand over for a Web or NoScheme URL, NUL-terminated (argv and D-Bus both
    // want that; size() does not count the NUL), in `arena`. InvalidArgument for the others.
    [[nodiscard]] static Result<SecretBuffer> toOpen(SecretSpan url, SecretArena& arena);
};

} // namespace arcanum
