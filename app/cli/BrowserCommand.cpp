#include "cli/BrowserCommand.h"

#include "autofill/HostRegistration.h"
#include "autofill/RegistrationScript.h"
#include "cli/ExitCode.h"

#include <vector>

namespace arcanum::cli {

using autofill::Browser;
using autofill::HostRegistration;

namespace {

int fail(const Console& console, const Error& error)
{
    console.err("arcanum-cli: " + error.message + "\n");
    return exitCodeFor(error.code);
}

int usage(const Console& console, const std::string& message)
{
    console.err("arcanum-cli: " + message + " See arcanum-cli browser --help.\n");
    return Usage;
}

} // namespace

int BrowserCommand::run(ArgumentList& args, const Console& console)
{
    const auto action = args.takePositional();
    if (!action)
        return usage(console, "browser needs register, unregister or status.");
    const std::string_view verb = ArgumentList::view(*action);
    if (verb != "register" && verb != "unregister" && verb != "status")
        return usage(console, "browser takes register, unregister or status.");
    auto name = args.takeOption("--browser");
    if (!name)
        return fail(console, name.error());
    const bool replace = args.takeFlag("--replace");
    const bool printScript = args.takeFlag("--print-script");
    if (auto rest = args.expectNothingLeft(); !rest)
        return fail(console, rest.error());
    if (replace && verb != "register")
        return usage(console, "--replace goes with register.");
    if (printScript && verb == "status")
        return usage(console, "--print-script goes with register or unregister.");

    std::vector<Browser> browsers(HostRegistration::browsers.begin(),
                                  HostRegistration::browsers.end());
    if (*name) {
        const auto browser = HostRegistration::fromKey(ArgumentList::view(**name));
        if (!browser)
            return usage(console, "--browser is one of firefox, chromium, chrome, edge, brave, "
                                  "vivaldi.");
        browsers = {*browser};
    }
    auto environment = HostRegistration::Environment();
    if (auto found = HostRegistration::fromProcess(); found)
        environment = std::move(found.value());
    else
        return fail(console, found.error());
    const HostRegistration registration(environment);

    if (printScript) {
        console.out(
            verb == "register"
                ? autofill::RegistrationScript::registerScript(registration, browsers, replace)
                : autofill::RegistrationScript::unregisterScript(registration, browsers));
        return Success;
    }

    if (verb == "status") {
        console.out("host: " + environment.hostPath + "\n");
        for (const Browser browser : browsers) {
            const auto status = registration.status(browser);
            std::string line = std::string(HostRegistration::key(browser)) + "\t" +
                               std::string(autofill::stateName(status.state)) + "\t" +
                               status.manifestPath;
            if (status.state == HostRegistration::State::Unknown)
                line += " (to register: " +
                        autofill::RegistrationScript::command(environment.flatpakId, false) + ")";
            if (status.state == HostRegistration::State::Outdated ||
                status.state == HostRegistration::State::Foreign)
                line += "\t-> " + status.pointsAt;
            if (status.backupKept)
                line += "\t(backup kept: " + registration.backupPath(browser) + ")";
            console.out(line + "\n");
        }
        return Success;
    }

    if (registration.sandboxed())
        return fail(console,
                    Error{ErrorCode::PermissionDenied,
                          "Inside the Flatpak sandbox Arcanum cannot write the browsers' folders. "
                          "Run this in a terminal instead: " +
                              autofill::RegistrationScript::command(environment.flatpakId,
                                                                    verb == "unregister")});

    int result = Success;
    for (const Browser browser : browsers) {
        auto outcome = verb == "register" ? registration.registerHost(browser, replace)
                                          : registration.unregisterHost(browser);
        if (!outcome) {
            std::string message = outcome.error().message;
            if (verb == "register" && outcome.error().code == ErrorCode::AlreadyExists && !replace)
                message += " (arcanum-cli browser register --browser " +
                           std::string(HostRegistration::key(browser)) + " --replace)";
            console.err("arcanum-cli: " + message + "\n");
            if (result == Success)
                result = exitCodeFor(outcome.error().code);
            continue;
        }
        console.out(outcome->message + "\n");
    }
    return result;
}

} // namespace arcanum::cli
