#include "autofill/RegistrationScript.h"

namespace arcanum::autofill {

namespace {

// The functions every script uses. Arguments are data: only ever expanded inside "...".
constexpr std::string_view helpers = R"(arcanum_status=0
arcanum_fail() { printf 'arcanum: %s\n' "$1" >&2; arcanum_status=1; }
# arcanum_write FOLDER FILE MODE TEXT: FILE replaced atomically (a temporary file beside it, then mv).
arcanum_write() {
    mkdir -p -- "$1" || return 1
    arcanum_tmp="$2.arcanum-new"
    if rm -f -- "$arcanum_tmp" && printf '%s' "$4" >"$arcanum_tmp" &&
        chmod "$3" "$arcanum_tmp" && mv -f -- "$arcanum_tmp" "$2"; then
        return 0
    fi
    rm -f -- "$arcanum_tmp"
    return 1
}
arcanum_exists() { [ -e "$1" ] || [ -L "$1" ]; }
arcanum_ours() { grep -qF -- "$arcanum_marker" "$1" 2>/dev/null; }
# arcanum_register NAME FOLDER MANIFEST BACKUP TEXT REPLACE HOW-TO-REPLACE
arcanum_register() {
    arcanum_backed=0
    if arcanum_exists "$3" && ! arcanum_ours "$3"; then
        if [ "$6" != 1 ]; then
            arcanum_fail "$1 already has a browser host of that name (KeePassXC's?) in $3; left alone. To use Arcanum instead (the other manifest is kept as a backup and put back when you unregister): $7"
            return
        fi
        if arcanum_exists "$4"; then
            arcanum_fail "$1: a backup of another host's manifest is in the way: $4. Move it away first."
            return
        fi
        if ! mv -- "$3" "$4"; then
            arcanum_fail "$1: could not back up $3."
            return
        fi
        arcanum_backed=1
    fi
    if arcanum_write "$2" "$3" "$arcanum_manifest_mode" "$5"; then
        printf '%s\n' "$1: registered ($3)."
        if [ "$arcanum_backed" = 1 ]; then
            printf '%s\n' "$1: the other host's manifest is kept as $4 and comes back when you unregister."
        fi
    else
        if [ "$arcanum_backed" = 1 ]; then mv -- "$4" "$3"; fi
        arcanum_fail "$1: could not write $3."
    fi
}
# arcanum_unregister NAME MANIFEST BACKUP
arcanum_unregister() {
    arcanum_removed=0
    if arcanum_exists "$2"; then
        if ! arcanum_ours "$2"; then
            arcanum_fail "$1: the host registered in $2 is not Arcanum's; it is left alone."
            return
        fi
        if ! rm -f -- "$2"; then
            arcanum_fail "$1: could not remove $2."
            return
        fi
        arcanum_removed=1
    fi
    if arcanum_exists "$3"; then
        if ! mv -- "$3" "$2"; then
            arcanum_fail "$1: could not restore $3."
            return
        fi
        printf '%s\n' "$1: unregistered; the previous host's manifest is back ($2)."
    elif [ "$arcanum_removed" = 1 ]; then
        printf '%s\n' "$1: unregistered."
    else
        printf '%s\n' "$1: Arcanum was not registered."
    fi
}
)";

std::string octal(unsigned mode)
{
    std::string text;
    for (int shift = 6; shift >= 0; shift -= 3)
        text += char('0' + ((mode >> shift) & 7));
    return text;
}

std::string invocation(const HostRegistration& registration)
{
    const std::string& id = registration.environment().flatpakId;
    return id.empty() ? "arcanum-cli" : "flatpak run --command=arcanum-cli " + id;
}

// The shebang, the comment, the HOME check and the helpers; the body goes in arcanum_main, called
// on the last line, so a script cut short (a failed pipe) runs nothing.
std::string opening(const HostRegistration& registration, std::string_view verb)
{
    const std::string home = RegistrationScript::quote(registration.environment().home);
    std::string script = "#!/bin/sh\n# Made by Arcanum (" + invocation(registration) + " browser " +
                         std::string(verb) +
                         " --print-script): run it once, outside the Flatpak sandbox, "
                         "as the user it was made for. It holds nothing secret.\n"
                         "set -u\numask 077\n"
                         "if [ \"${HOME-}\" != " +
                         home +
                         " ]; then\n"
                         "    printf 'arcanum: this script was made for HOME=%s; run it as that "
                         "user.\\n' " +
                         home + " >&2\n    exit 1\nfi\n";
    script += "arcanum_marker=" +
              RegistrationScript::quote("\"" + std::string(HostRegistration::description) + "\"") +
              "\narcanum_manifest_mode=" + octal(HostRegistration::manifestMode) + "\n";
    script += helpers;
    script += "arcanum_main() {\n";
    return script;
}

std::string closing()
{
    return "}\narcanum_main\nexit \"$arcanum_status\"\n";
}

std::string browserName(Browser browser)
{
    return RegistrationScript::quote(HostRegistration::displayName(browser));
}

} // namespace

std::string RegistrationScript::quote(std::string_view text)
{
    std::string quoted = "'";
    for (const char c : text) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

std::string RegistrationScript::command(std::string_view flatpakId, bool unregister)
{
    return "flatpak run --command=arcanum-cli " + std::string(flatpakId) + " browser " +
           (unregister ? "unregister" : "register") + " --print-script | sh";
}

std::string RegistrationScript::registerScript(const HostRegistration& registration,
                                               std::span<const Browser> browsers,
                                               bool replaceForeign)
{
    std::string script = opening(registration, "register");
    const auto& env = registration.environment();
    if (registration.sandboxed())
        script += "    if ! arcanum_write " +
                  quote(env.hostPath.substr(0, env.hostPath.rfind('/'))) + " " +
                  quote(env.hostPath) + " " + octal(HostRegistration::wrapperMode) + " " +
                  quote(registration.flatpakWrapper()) + "; then\n        arcanum_fail " +
                  quote("could not write the wrapper " + env.hostPath + ".") +
                  "\n        exit 1\n    fi\n";
    for (const Browser browser : browsers) {
        const std::string howTo = invocation(registration) +
                                  " browser register --print-script --browser " +
                                  std::string(HostRegistration::key(browser)) + " --replace | sh";
        script += "    arcanum_register " + browserName(browser) + " " +
                  quote(registration.manifestFolder(browser)) + " " +
                  quote(registration.manifestPath(browser)) + " " +
                  quote(registration.backupPath(browser)) + " " +
                  quote(registration.manifest(browser)) + " " + (replaceForeign ? "1" : "0") + " " +
                  quote(howTo) + "\n";
    }
    return script + closing();
}

std::string RegistrationScript::unregisterScript(const HostRegistration& registration,
                                                 std::span<const Browser> browsers)
{
    std::string script = opening(registration, "unregister");
    for (const Browser browser : browsers)
        script += "    arcanum_unregister " + browserName(browser) + " " +
                  quote(registration.manifestPath(browser)) + " " +
                  quote(registration.backupPath(browser)) + "\n";
    return script + closing();
}

} // namespace arcanum::autofill
