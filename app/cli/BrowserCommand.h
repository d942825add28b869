// BrowserCommand: `arcanum-cli browser register|unregister|status [--browser NAME]
// [--replace] [--print-script]` — the browsers' native-messaging manifests for
// arcanum-browser-host (core/autofill/HostRegistration; the same code as Settings → Browser
// integration). --print-script prints the sh script that does it instead
// (RegistrationScript): the way in Flatpak, where the sandbox cannot write those folders and
// register/unregister without it refuse with the command to run. Needs no vault; prints nothing
// secret.
#pragma once

#include "cli/ArgumentList.h"
#include "cli/Console.h"

namespace arcanum::cli {

class BrowserCommand
{
public:
    [[nodiscard]] static int run(ArgumentList& args, const Console& console);
};

} // namespace arcanum::cli
