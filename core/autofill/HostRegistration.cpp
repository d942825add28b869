#include "autofill/HostRegistration.h"

#include "format/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sys/stat.h>
#include <unistd.h>

namespace arcanum::autofill {

namespace {

constexpr std::size_t maxManifestBytes = 64 * 1024;

std::string environmentOr(const char* name, const std::string& fallback)
{
    const char* value = std::getenv(name);
    return value && *value == '/' ? std::string(value) : fallback;
}

Error systemError(const std::string& what, const std::string& path, int error)
{
    ErrorCode code = ErrorCode::IoError;
    if (error == EACCES || error == EPERM)
        code = ErrorCode::PermissionDenied;
    else if (error == EROFS)
        code = ErrorCode::ReadOnlyFilesystem;
    else if (error == ENOSPC || error == EDQUOT)
        code = ErrorCode::DiskFull;
    else if (error == ENOENT)
        code = ErrorCode::NotFound;
    return Error{code, "Could not " + what + " " + path + ": " + std::strerror(error) + "."};
}

// mkdir -p, each new folder 0700 (browsers' own folders, if missing, are the user's alone).
Result<void> makeFolders(const std::string& path)
{
    for (std::size_t slash = 1; slash != std::string::npos;) {
        slash = path.find('/', slash + 1);
        const std::string prefix = path.substr(0, slash);
        if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST)
            return systemError("create the folder", prefix, errno);
    }
    return {};
}

bool exists(const std::string& path)
{
    struct stat info
    {};
    return ::lstat(path.c_str(), &info) == 0;
}

bool validFlatpakId(const std::string& id)
{
    if (id.empty() || id.size() > 255)
        return false;
    for (const char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

std::span<const std::uint8_t> bytesOf(const std::string& text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

} // namespace

std::string_view HostRegistration::key(Browser browser)
{
    switch (browser) {
    case Browser::Firefox:
        return "firefox";
    case Browser::Chromium:
        return "chromium";
    case Browser::GoogleChrome:
        return "chrome";
    case Browser::MicrosoftEdge:
        return "edge";
    case Browser::Brave:
        return "brave";
    case Browser::Vivaldi:
        return "vivaldi";
    }
    return {};
}

std::string_view HostRegistration::displayName(Browser browser)
{
    switch (browser) {
    case Browser::Firefox:
        return "Firefox";
    case Browser::Chromium:
        return "Chromium";
    case Browser::GoogleChrome:
        return "Google Chrome";
    case Browser::MicrosoftEdge:
        return "Microsoft Edge";
    case Browser::Brave:
        return "Brave";
    case Browser::Vivaldi:
        return "Vivaldi";
    }
    return {};
}

std::optional<Browser> HostRegistration::fromKey(std::string_view name)
{
    for (const Browser browser : browsers)
        if (key(browser) == name)
            return browser;
    return std::nullopt;
}

std::string_view stateName(HostRegistration::State state)
{
    switch (state) {
    case HostRegistration::State::NotRegistered:
        return "not registered";
    case HostRegistration::State::Registered:
        return "registered";
    case HostRegistration::State::Outdated:
        return "registered, pointing elsewhere";
    case HostRegistration::State::Foreign:
        return "another program's host (KeePassXC?)";
    case HostRegistration::State::Unreadable:
        return "unreadable manifest";
    case HostRegistration::State::Unknown:
        return "cannot check from inside the sandbox";
    }
    return {};
}

Result<HostRegistration::Environment> HostRegistration::fromProcess()
{
    Environment env;
    env.home = environmentOr("HOME", {});
    if (env.home.empty())
        return Error{ErrorCode::NotFound, "HOME is not set, so the browsers' folders are unknown."};
    env.configHome = environmentOr("XDG_CONFIG_HOME", env.home + "/.config");
    env.dataHome = environmentOr("XDG_DATA_HOME", env.home + "/.local/share");
    if (const char* id = std::getenv("FLATPAK_ID"); id && *id) {
        env.flatpakId = id;
        env.configHome = environmentOr("HOST_XDG_CONFIG_HOME", env.home + "/.config");
        if (!validFlatpakId(env.flatpakId))
            return Error{ErrorCode::InvalidArgument, "FLATPAK_ID is not an application id."};
        env.hostPath = env.dataHome + "/arcanum/arcanum-browser-host-flatpak";
        return env;
    }
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return systemError("find", "this program (/proc/self/exe)", errno);
    std::string exe(self, std::size_t(n));
    env.hostPath = exe.substr(0, exe.rfind('/')) + "/arcanum-browser-host";
    return env;
}

std::string HostRegistration::manifestFolder(Browser browser) const
{
    switch (browser) {
    case Browser::Firefox:
        return m_env.home + "/.mozilla/native-messaging-hosts";
    case Browser::Chromium:
        return m_env.configHome + "/chromium/NativeMessagingHosts";
    case Browser::GoogleChrome:
        return m_env.configHome + "/google-chrome/NativeMessagingHosts";
    case Browser::MicrosoftEdge:
        return m_env.configHome + "/microsoft-edge/NativeMessagingHosts";
    case Browser::Brave:
        return m_env.configHome + "/BraveSoftware/Brave-Browser/NativeMessagingHosts";
    case Browser::Vivaldi:
        return m_env.configHome + "/vivaldi/NativeMessagingHosts";
    }
    return {};
}

std::string HostRegistration::manifestPath(Browser browser) const
{
    return manifestFolder(browser) + "/" + std::string(hostName) + ".json";
}

std::string HostRegistration::backupPath(Browser browser) const
{
    return manifestPath(browser) + std::string(backupSuffix);
}

std::string HostRegistration::manifest(Browser browser) const
{
    rapidjson::StringBuffer text;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> json(text);
    json.SetIndent(' ', 2);
    const auto string = [&](std::string_view value) {
        json.String(value.data(), rapidjson::SizeType(value.size()));
    };
    json.StartObject();
    string("name");
    string(hostName);
    string("description");
    string(description);
    string("path");
    string(m_env.hostPath);
    string("type");
    string("stdio");
    if (browser == Browser::Firefox) {
        string("allowed_extensions");
        json.StartArray();
        string(firefoxExtensionId);
        json.EndArray();
    } else {
        string("allowed_origins");
        json.StartArray();
        for (const std::string_view origin : chromiumOrigins)
            string(origin);
        json.EndArray();
    }
    json.EndObject();
    return std::string(text.GetString(), text.GetSize()) + "\n";
}

HostRegistration::Status HostRegistration::status(Browser browser) const
{
    Status status;
    status.manifestPath = manifestPath(browser);
    status.backupKept = exists(backupPath(browser));
    if (!exists(status.manifestPath)) {
        if (sandboxed())
            status.state = State::Unknown;
        return status;
    }
    status.state = State::Unreadable;
    auto bytes = AtomicFile::readAll(status.manifestPath, maxManifestBytes);
    if (!bytes)
        return status;
    rapidjson::Document document;
    document.Parse(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    if (document.HasParseError() || !document.IsObject())
        return status;
    const auto text = [&](const char* name) -> std::string {
        const auto it = document.FindMember(name);
        if (it == document.MemberEnd() || !it->value.IsString())
            return {};
        return std::string(it->value.GetString(), it->value.GetStringLength());
    };
    status.pointsAt = text("path");
    if (text("description") != description)
        status.state = State::Foreign;
    else
        status.state = status.pointsAt == m_env.hostPath ? State::Registered : State::Outdated;
    return status;
}

std::string HostRegistration::flatpakWrapper() const
{
    return "#!/bin/sh\n"
           "# Written by Arcanum: runs its browser host inside the Flatpak sandbox.\n"
           "exec flatpak run --command=arcanum-browser-host " +
           m_env.flatpakId + " \"$@\"\n";
}

Result<void> HostRegistration::writeWrapper() const
{
    const std::string folder = AtomicFile::directoryOf(m_env.hostPath);
    if (auto made = makeFolders(folder); !made)
        return made;
    if (auto written = AtomicFile::replace(m_env.hostPath, bytesOf(flatpakWrapper())); !written)
        return written;
    if (::chmod(m_env.hostPath.c_str(), wrapperMode) != 0)
        return systemError("make executable", m_env.hostPath, errno);
    return {};
}

Result<HostRegistration::Outcome> HostRegistration::registerHost(Browser browser,
                                                                 bool replaceForeign) const
{
    const Status now = status(browser);
    Outcome outcome;
    const std::string name(displayName(browser));
    if (now.state == State::Foreign || now.state == State::Unreadable) {
        if (!replaceForeign)
            return Error{ErrorCode::AlreadyExists,
                         name + " already has a browser host of that name (KeePassXC's?) in " +
                             now.manifestPath +
                             ". Replace it to use Arcanum; it is kept as a backup and put back "
                             "when you unregister."};
        if (now.backupKept)
            return Error{ErrorCode::AlreadyExists,
                         "A backup of another host's manifest is in the way: " +
                             backupPath(browser) + ". Move it away first."};
        if (std::rename(now.manifestPath.c_str(), backupPath(browser).c_str()) != 0)
            return systemError("back up", now.manifestPath, errno);
        outcome.backedUp = true;
    }
    if (!m_env.flatpakId.empty()) {
        if (auto wrapper = writeWrapper(); !wrapper)
            return wrapper.error();
    }
    if (now.state == State::Registered && !outcome.backedUp) {
        outcome.message = name + ": Arcanum is registered already (" + now.manifestPath + ").";
        return outcome;
    }
    if (auto made = makeFolders(manifestFolder(browser)); !made)
        return made.error();
    if (auto written = AtomicFile::replace(now.manifestPath, bytesOf(manifest(browser)));
        !written) {
        if (outcome.backedUp) // put the other host back rather than leave nothing
            (void)std::rename(backupPath(browser).c_str(), now.manifestPath.c_str());
        return written.error();
    }
    outcome.wrote = true;
    outcome.message = name + ": registered (" + now.manifestPath + ").";
    if (outcome.backedUp)
        outcome.message += " The other host's manifest is kept as " + backupPath(browser) +
                           " and comes back when you unregister.";
    return outcome;
}

Result<HostRegistration::Outcome> HostRegistration::unregisterHost(Browser browser) const
{
    const Status now = status(browser);
    Outcome outcome;
    const std::string name(displayName(browser));
    if (now.state == State::Foreign || now.state == State::Unreadable)
        return Error{ErrorCode::AlreadyExists, name + ": the host registered in " +
                                                   now.manifestPath +
                                                   " is not Arcanum's; it is left alone."};
    if (now.state != State::NotRegistered && now.state != State::Unknown) {
        if (::unlink(now.manifestPath.c_str()) != 0)
            return systemError("remove", now.manifestPath, errno);
        outcome.wrote = true;
    }
    if (now.backupKept) {
        if (std::rename(backupPath(browser).c_str(), now.manifestPath.c_str()) != 0)
            return systemError("restore", backupPath(browser), errno);
        outcome.restored = true;
    }
    if (outcome.restored)
        outcome.message = name + ": unregistered; the previous host's manifest is back (" +
                          now.manifestPath + ").";
    else if (outcome.wrote)
        outcome.message = name + ": unregistered.";
    else
        outcome.message = name + ": Arcanum was not registered.";
    return outcome;
}

} // namespace arcanum::autofill
