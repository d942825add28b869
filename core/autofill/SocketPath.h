// SocketPath: where the app listens for arcanum-browser-host, and the folder that holds it.
//
// $XDG_RUNTIME_DIR/app/org.arcanum.Arcanum/autofill.socket. Flatpak shares
// $XDG_RUNTIME_DIR/app/<app-id> between the sandbox and the host, so the same path works for an
// app inside Flatpak and a host started by a browser outside it (KeePassXC does the same).
// Without XDG_RUNTIME_DIR: /run/user/<uid>, when it exists.
#pragma once

#include "common/Result.h"

#include <string>

namespace arcanum::autofill {

class SocketPath
{
public:
    static constexpr const char* appId = "org.arcanum.Arcanum";
    static constexpr const char* socketName = "autofill.socket";
    static constexpr const char* lockName = "autofill.lock";

    // The folder (not created). NotFound when there is no runtime folder.
    [[nodiscard]] static Result<std::string> directory();
    [[nodiscard]] static Result<std::string> socket();
    // Creates the folder (and $XDG_RUNTIME_DIR/app) where missing, mode 0700. `app` may be a
    // link (as Flatpak makes it inside the sandbox) only inside a runtime folder closed to
    // everyone else, and only to a folder of this user that no one else may write to.
    [[nodiscard]] static Result<std::string> ensureDirectory();
    // Creates `path` (0700) when missing; PermissionDenied unless it is a folder of this user
    // that no one else may write to (`privateOnly`: nor open at all).
    [[nodiscard]] static Result<void> ensureFolder(const std::string& path, bool privateOnly);
};

} // namespace arcanum::autofill
