#include "platform/DocumentPortal.h"

#include <cstdlib>
#include <sys/stat.h>

namespace arcanum {

namespace {

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

// The first path component after `prefix` and the rest: DOC_ID and NAME.
bool splitDocument(const std::string& path, const std::string& mountPoint, std::string& docId,
                   std::string& name)
{
    if (mountPoint.empty() || path.size() <= mountPoint.size() + 1 ||
        path.compare(0, mountPoint.size(), mountPoint) != 0 || path[mountPoint.size()] != '/')
        return false;
    const std::string rest = path.substr(mountPoint.size() + 1);
    const auto slash = rest.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size())
        return false;
    docId = rest.substr(0, slash);
    const auto last = rest.rfind('/');
    name = rest.substr(last + 1);
    return !name.empty();
}

} // namespace

std::string DocumentPortal::mountPoint()
{
    const std::string runtimeDir = environment("XDG_RUNTIME_DIR");
    return runtimeDir.empty() ? std::string() : runtimeDir + "/doc";
}

bool DocumentPortal::contains(const std::string& path, const std::string& mountPoint)
{
    std::string docId;
    std::string name;
    return splitDocument(path, mountPoint, docId, name);
}

std::string DocumentPortal::backupPath(const std::string& path, const std::string& mountPoint,
                                       const std::string& dataHome)
{
    std::string docId;
    std::string name;
    if (dataHome.empty() || !splitDocument(path, mountPoint, docId, name))
        return path + ".bak";
    return dataHome + "/arcanum/backups/" + docId + "-" + name + ".bak";
}

std::string DocumentPortal::backupPath(const std::string& path)
{
    std::string dataHome = environment("XDG_DATA_HOME");
    if (dataHome.empty() && !environment("HOME").empty())
        dataHome = environment("HOME") + "/.local/share";
    const std::string backup = backupPath(path, mountPoint(), dataHome);
    if (backup != path + ".bak") {
        // Missing folders are made here; an existing one is left as it is.
        for (const std::string& dir :
             {dataHome, dataHome + "/arcanum", dataHome + "/arcanum/backups"})
            (void)::mkdir(dir.c_str(), 0700);
    }
    return backup;
}

} // namespace arcanum
