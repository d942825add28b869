#include "autofill/BrowserHostConfig.h"

#include "format/AtomicFile.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <sys/stat.h>

namespace arcanum::autofill {

namespace {
constexpr std::string_view onLine = "start-app=true";
constexpr std::string_view offLine = "start-app=false";
} // namespace

std::string BrowserHostConfig::defaultPath()
{
    std::string base;
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config == '/')
        base = config;
    else if (const char* home = std::getenv("HOME"); home && *home == '/')
        base = std::string(home) + "/.config";
    else
        return {};
    return base + "/arcanum/browser-host.conf";
}

bool BrowserHostConfig::startApp(const std::string& path)
{
    if (path.empty())
        return false;
    auto bytes = AtomicFile::readAll(path, 4096);
    if (!bytes)
        return false;
    std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line == onLine)
            return true;
        if (line == offLine)
            return false;
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return false;
}

Result<void> BrowserHostConfig::setStartApp(const std::string& path, bool on)
{
    if (path.empty())
        return Error{ErrorCode::NotFound, "HOME is not set: no place for the browser host's "
                                          "settings."};
    const std::string folder = AtomicFile::directoryOf(path);
    for (std::size_t slash = 1; slash != std::string::npos;) {
        slash = folder.find('/', slash + 1);
        const std::string prefix = folder.substr(0, slash);
        if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST)
            return Error{ErrorCode::IoError, "Could not create the folder " + prefix + ": " +
                                                 std::strerror(errno) + "."};
    }
    const std::string text = std::string(on ? onLine : offLine) + "\n";
    return AtomicFile::replace(path,
                               {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

} // namespace arcanum::autofill
