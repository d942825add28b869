// BrowserHostConfig: the one setting arcanum-browser-host reads — whether to start Arcanum when
// the browser asks and the app is not running. The host has no Qt and no access to the app's
// QSettings, so the setting is a small file both read: $XDG_CONFIG_HOME/arcanum/browser-host.conf
// (~/.config/...; inside Flatpak the sandbox's config folder, which the host, run inside the
// sandbox through the wrapper, sees too), one line "start-app=true" or "start-app=false".
// Missing or unreadable: false. Nothing secret.
#pragma once

#include "common/Result.h"

#include <string>

namespace arcanum::autofill {

class BrowserHostConfig
{
public:
    // The file for this process's environment ("" without HOME and XDG_CONFIG_HOME).
    [[nodiscard]] static std::string defaultPath();

    [[nodiscard]] static bool startApp(const std::string& path);
    [[nodiscard]] static Result<void> setStartApp(const std::string& path, bool on);
};

} // namespace arcanum::autofill
