#include "autofill/SocketPath.h"

#include <cerrno>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace arcanum::autofill {

namespace {

Result<std::string> runtimeDirectory()
{
    const char* value = std::getenv("XDG_RUNTIME_DIR");
    if (value != nullptr && value[0] == '/')
        return std::string(value);
    const std::string fallback = "/run/user/" + std::to_string(geteuid());
    struct stat info
    {};
    if (stat(fallback.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == geteuid())
        return fallback;
    return makeError(ErrorCode::NotFound,
                     "There is no runtime folder for the browser connection: XDG_RUNTIME_DIR is "
                     "not set and " +
                         fallback + " does not exist.");
}

} // namespace

Result<void> SocketPath::ensureFolder(const std::string& path, bool privateOnly)
{
    if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
        return errnoError("Cannot create " + path, errno);
    struct stat info
    {};
    if (lstat(path.c_str(), &info) != 0)
        return errnoError("Cannot check " + path, errno);
    const mode_t forbidden = privateOnly ? 077 : 022;
    if (!S_ISDIR(info.st_mode) || info.st_uid != geteuid() || (info.st_mode & forbidden) != 0)
        return makeError(ErrorCode::PermissionDenied,
                         path + (privateOnly ? " must be a folder only this user can open (0700)."
                                             : " must be a folder only this user can change."));
    return {};
}

Result<std::string> SocketPath::directory()
{
    auto runtime = runtimeDirectory();
    if (!runtime)
        return runtime.error();
    return *runtime + "/app/" + appId;
}

Result<std::string> SocketPath::socket()
{
    auto folder = directory();
    if (!folder)
        return folder.error();
    return *folder + "/" + socketName;
}

Result<std::string> SocketPath::ensureDirectory()
{
    auto runtime = runtimeDirectory();
    if (!runtime)
        return runtime.error();
    const std::string app = *runtime + "/app";
    if (auto made = ensureFolder(app, false); !made) {
        // Inside Flatpak, $XDG_RUNTIME_DIR/app is a link Flatpak makes to ../../flatpak/app, a
        // folder of this user (measured: packaging/flatpak/test-sandbox.sh autofill-host-*).
        // A link is accepted only inside a runtime folder of this user closed to everyone else
        // (no one else can have put it there), and only to a folder that passes the same check.
        struct stat parent
        {}, link{}, target{};
        if (lstat(runtime->c_str(), &parent) != 0 || !S_ISDIR(parent.st_mode) ||
            parent.st_uid != geteuid() || (parent.st_mode & 077) != 0 ||
            lstat(app.c_str(), &link) != 0 || !S_ISLNK(link.st_mode) ||
            stat(app.c_str(), &target) != 0 || !S_ISDIR(target.st_mode) ||
            target.st_uid != geteuid() || (target.st_mode & 022) != 0)
            return made.error();
    }
    const std::string folder = app + "/" + appId;
    if (auto made = ensureFolder(folder, true); !made)
        return made.error();
    return folder;
}

} // namespace arcanum::autofill
