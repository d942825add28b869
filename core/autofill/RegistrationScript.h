// RegistrationScript: browser registration for Arcanum inside Flatpak, which has no file-system
// permission and so cannot write the browsers' native-messaging folders. The sandboxed app prints
// a POSIX sh script; the user runs it once outside the sandbox:
//   flatpak run --command=arcanum-cli org.arcanum.Arcanum browser register --print-script | sh
// It writes what HostRegistration::registerHost writes — the same bytes, from the same functions
// (manifestPath, backupPath, manifest, flatpakWrapper), the same modes — with the same rule for
// another program's manifest (KeePassXC's): left alone unless the script was made with
// replaceForeign, then kept as <manifest>.arcanum-backup (an older backup is never overwritten);
// the unregister script removes Arcanum's manifests and puts such a backup back. Every path and
// text is single-quoted; the script refuses to run under another $HOME than the one it was made
// for, says what it did for each browser, and exits 1 if any browser failed. Nothing secret.
// Qt-free.
#pragma once

#include "autofill/HostRegistration.h"

#include <span>
#include <string>
#include <string_view>

namespace arcanum::autofill {

class RegistrationScript
{
public:
    [[nodiscard]] static std::string registerScript(const HostRegistration& registration,
                                                    std::span<const Browser> browsers,
                                                    bool replaceForeign);
    [[nodiscard]] static std::string unregisterScript(const HostRegistration& registration,
                                                      std::span<const Browser> browsers);
    // What the user pastes in a terminal: "flatpak run --command=arcanum-cli <id> browser
    // register --print-script | sh" (or unregister).
    [[nodiscard]] static std::string command(std::string_view flatpakId, bool unregister);
    // `text` as one sh word: '...' with each ' written as '\''.
    [[nodiscard]] static std::string quote(std::string_view text);
};

} // namespace arcanum::autofill
