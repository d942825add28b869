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
    if (auto made = ensureFolder(app, false); !made)
        return made.error();
    const std::string folder = app + "/" + appId;
    if (auto made = ensureFolder(folder, true); !made)
        return made.error();
    return folder;
}

} // namespace arcanum::autofill
