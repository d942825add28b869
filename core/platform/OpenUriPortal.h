// OpenUriPortal: asks the desktop's OpenURI portal (org.freedesktop.portal.Desktop,
// org.freedesktop.portal.OpenURI.OpenURI) to open a web address in the user's browser. This is
// the way out of a Flatpak sandbox, and works for unsandboxed programs too.
//
// The call is built in the caller's arena (DBusMessage) and sent from there over our own
// SessionBus connection; nothing of the address is copied anywhere else in this process, and
// nothing is printed. Blocking (up to the timeout): call it from a worker thread.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <chrono>
#include <string>

namespace arcanum {

class OpenUriPortal
{
public:
    // Opens `uri` (a checked web address, see WebAddress). Ok once the portal accepted the
    // request (it may still ask the user which browser to use). NotFound when there is no
    // session bus or no portal with OpenURI on it: try xdg-open. Cancelled when the portal did
    // not answer in time (it may still open the address: do not try another way).
    [[nodiscard]] static Result<void> open(SecretSpan uri, SecretArena& arena,
                                           const std::string& busAddress,
                                           std::chrono::milliseconds timeout);
};

} // namespace arcanum
