// HostRegistration: the per-user native-messaging manifests that tell a browser where
// arcanum-browser-host is — written, checked and removed for Firefox, Chromium, Google Chrome,
// Microsoft Edge, Brave and Vivaldi. Shared by the app (Settings → Browser integration) and
// arcanum-cli (`browser register|unregister|status`). Qt-free; nothing secret.
//
// The extension (KeePassXC-Browser) only talks to the host named org.keepassxc.keepassxc_browser,
// so Arcanum's manifest has KeePassXC's name and file name. A manifest of that name that is not
// Arcanum's (KeePassXC's own) is never overwritten silently: register() refuses unless asked to
// replace it, and then keeps it as "<manifest>.arcanum-backup"; unregister() puts it back.
// Manifests are written atomically (AtomicFile); folders are created as needed.
//
// Where the manifests go (as KeePassXC writes them, src/browser/NativeMessageInstaller.cpp):
// Firefox ~/.mozilla/native-messaging-hosts/, the Chromium family under $XDG_CONFIG_HOME
// (~/.config): chromium/, google-chrome/, microsoft-edge/, BraveSoftware/Brave-Browser/,
// vivaldi/, each /NativeMessagingHosts/. Firefox names the extension (allowed_extensions), the
// others its store origins (allowed_origins).
#pragma once

#include "common/Result.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace arcanum::autofill {

enum class Browser
{
    Firefox,
    Chromium,
    GoogleChrome,
    MicrosoftEdge,
    Brave,
    Vivaldi,
};

class HostRegistration
{
public:
    static constexpr std::string_view hostName = "org.keepassxc.keepassxc_browser";
    static constexpr std::string_view firefoxExtensionId = "keepassxc-browser@keepassxc.org";
    // Chrome Web Store and Microsoft Edge Add-ons ids of KeePassXC-Browser.
    static constexpr std::array<std::string_view, 2> chromiumOrigins = {
        "chrome-extension://oboonakemofpalcgghocfoadofidjkkk/",
        "chrome-extension://pdffhmdngciaglkoonimfcmckehcpafo/"};
    static constexpr std::string_view description =
        "Arcanum password vault (KeePassXC-Browser protocol)";
    static constexpr std::string_view backupSuffix = ".arcanum-backup";
    static constexpr std::array<Browser, 6> browsers = {
        Browser::Firefox,       Browser::Chromium, Browser::GoogleChrome,
        Browser::MicrosoftEdge, Browser::Brave,    Browser::Vivaldi};

    // "firefox", "chromium", "chrome", "edge", "brave", "vivaldi" (the CLI's --browser names).
    [[nodiscard]] static std::string_view key(Browser browser);
    // "Firefox", "Chromium", "Google Chrome", ...
    [[nodiscard]] static std::string_view displayName(Browser browser);
    [[nodiscard]] static std::optional<Browser> fromKey(std::string_view key);

    struct Environment
    {
        std::string home;       // $HOME
        std::string configHome; // $XDG_CONFIG_HOME, or home + "/.config"
        std::string dataHome;   // $XDG_DATA_HOME, or home + "/.local/share"
        // What the manifest's "path" runs: the installed arcanum-browser-host, or (Flatpak) a
        // wrapper script that runs it inside the sandbox.
        std::string hostPath;
        std::string flatpakId; // FLATPAK_ID when running inside Flatpak, else empty
    };
    // From this process: $HOME etc., the host next to this executable (/proc/self/exe), or in
    // Flatpak the wrapper script <dataHome>/arcanum/arcanum-browser-host-flatpak (the sandbox's
    // $XDG_DATA_HOME, ~/.var/app/<id>/data, a real path outside too). Inside Flatpak,
    // $XDG_CONFIG_HOME is the sandbox's own (~/.var/app/<id>/config), so configHome is the host's:
    // $HOST_XDG_CONFIG_HOME (which Flatpak sets when the host has XDG_CONFIG_HOME), else
    // home + "/.config".
    [[nodiscard]] static Result<Environment> fromProcess();

    explicit HostRegistration(Environment environment) : m_env(std::move(environment)) {}
    [[nodiscard]] const Environment& environment() const { return m_env; }

    [[nodiscard]] std::string manifestFolder(Browser browser) const;
    [[nodiscard]] std::string manifestPath(Browser browser) const;
    [[nodiscard]] std::string backupPath(Browser browser) const;
    // The manifest Arcanum writes for `browser` (JSON text).
    [[nodiscard]] std::string manifest(Browser browser) const;

    enum class State
    {
        NotRegistered, // no manifest of that name
        Registered,    // Arcanum's manifest, pointing at this hostPath
        Outdated,      // Arcanum's manifest, pointing elsewhere (moved or another install)
        Foreign,       // someone else's manifest of that name (KeePassXC's)
        Unreadable,    // a file we cannot read or parse as a manifest
        Unknown,       // Flatpak: no manifest visible, but the sandbox cannot see the browsers'
                       // folders (no file-system permission), so it cannot check
    };
    struct Status
    {
        State state = State::NotRegistered;
        std::string manifestPath;
        std::string pointsAt;    // the manifest's "path", when there is one
        bool backupKept = false; // a foreign manifest waits in backupPath()
    };
    [[nodiscard]] Status status(Browser browser) const;

    struct Outcome
    {
        bool wrote = false;    // false: it was registered already, exactly so
        bool backedUp = false; // a foreign manifest was moved to backupPath()
        bool restored = false; // unregister: the backup is the manifest again
        std::string message;   // one sentence for the user
    };
    // Writes Arcanum's manifest (and, in Flatpak, the wrapper script). A foreign manifest:
    // AlreadyExists naming it, unless `replaceForeign`, which moves it to backupPath() first (an
    // older backup is kept, not overwritten: AlreadyExists).
    [[nodiscard]] Result<Outcome> registerHost(Browser browser, bool replaceForeign) const;
    // Removes Arcanum's manifest and restores a backup if one was kept. A foreign manifest is
    // left alone (AlreadyExists: not ours to remove). Nothing registered: success, nothing done.
    [[nodiscard]] Result<Outcome> unregisterHost(Browser browser) const;

    // The Flatpak wrapper's text.
    [[nodiscard]] std::string flatpakWrapper() const;
    // Inside Flatpak (flatpakId set): the browsers' folders are out of reach without a
    // file-system permission; RegistrationScript makes the step the user runs outside.
    [[nodiscard]] bool sandboxed() const { return !m_env.flatpakId.empty(); }

    static constexpr unsigned manifestMode = 0600; // as AtomicFile creates them
    static constexpr unsigned wrapperMode = 0700;

private:
    [[nodiscard]] Result<void> writeWrapper() const;

    Environment m_env;
};

[[nodiscard]] std::string_view stateName(HostRegistration::State state);

} // namespace arcanum::autofill
