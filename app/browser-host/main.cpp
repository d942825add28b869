// arcanum-browser-host: the native-messaging host a browser starts for the KeePassXC-Browser
// extension (manifest name org.keepassxc.keepassxc_browser). It relays messages between the
// browser and the running Arcanum app (HostRelay); it holds no key and sees no plaintext.
//
// Arguments are the browser's (Chromium: the extension's origin; Firefox: the manifest path and
// the extension id) and are not used. The socket is SocketPath::socket() (XDG_RUNTIME_DIR).
#include "HostRelay.h"
#include "autofill/SocketPath.h"
#include "hardening/ProcessHardening.h"

#include <csignal>

int main()
{
    using namespace arcanum;
    ProcessHardening::apply();
    std::signal(SIGPIPE, SIG_IGN); // a closed pipe is an error return, not a death

    host::HostRelay::Options options;
    if (auto path = autofill::SocketPath::socket(); path)
        options.socketPath = *path; // else every request is answered "not running"
    host::HostRelay relay(options);
    return relay.run();
}
