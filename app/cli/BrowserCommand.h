// BrowserCommand: `arcanum-cli browser register|unregister|status [--browser NAME]
// [--replace]` — the browsers' native-messaging manifests for arcanum-browser-host
// (core/autofill/HostRegistration; the same code as Settings → Browser integration). Needs no
// vault; prints nothing secret.
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
