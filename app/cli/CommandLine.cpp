#include "cli/CommandLine.h"

#include "cli/BrowserCommand.h"
#include "cli/ExitCode.h"
#include "cli/GenerateCommand.h"
#include "cli/HelpText.h"
#include "cli/KdfOptions.h"
#include "cli/VaultCommands.h"
#include "crypto/Argon2.h"
#include "platform/SysPowerState.h"

#include <cstdlib>

namespace arcanum::cli {

namespace {

std::string word(SecretSpan span)
{
    return std::string(span.chars(), span.size());
}

} // namespace

int CommandLine::unknownShellCommand(std::size_t position) const
{
    m_console.err("arcanum-cli: unknown command (word " + std::to_string(position) +
                  "); try help.\n");
    return Usage;
}

int CommandLine::fail(const Error& error) const
{
    m_console.err("arcanum-cli: " + error.message + "\n");
    return exitCodeFor(error.code);
}

int CommandLine::run(ArgumentList& args)
{
    // Command names, option names and file paths are not vault content; they may be strings.
    // A word that is no command may be anything (a password typed in the wrong place): it is
    // compared where it lies and never copied or printed.
    const auto first = args.takePositionalAt();
    if (!first || ArgumentList::is(first->first, "help")) {
        const bool asked = first || args.takeFlag("--help") || args.takeFlag("-h");
        m_console.out(HelpText::overview());
        return asked ? Success : Usage;
    }
    const std::string_view help = HelpText::forCommand(ArgumentList::view(first->first));
    if (help.empty()) {
        m_console.err("arcanum-cli: unknown command (argument " + std::to_string(first->second) +
                      "). See arcanum-cli --help.\n");
        return Usage;
    }
    const std::string command = word(first->first); // known: one of HelpText's names
    if (args.takeFlag("--help") || args.takeFlag("-h")) {
        m_console.out(help);
        return Success;
    }
    if (command == "generate")
        return GenerateCommand::run(args, m_console, m_input);
    if (command == "browser")
        return BrowserCommand::run(args, m_console);
    const auto path = args.takePositional();
    if (!path) {
        m_console.err("arcanum-cli: " + command + " needs the vault file. See arcanum-cli " +
                      command + " --help.\n");
        return Usage;
    }
    if (command == "init")
        return init(word(*path), args);
    return openAndRun(command, word(*path), args);
}

Result<SecretBuffer> CommandLine::masterPassword(std::optional<std::uint32_t> fd, bool confirm)
{
    if (fd)
        return Console::readSecretLine(static_cast<int>(*fd), "password", m_input);
    return confirm ? Console::askTwice("New master password: ", m_input)
                   : Console::ask("Master password: ", false, m_input);
}

int CommandLine::init(const std::string& path, ArgumentList& args)
{
    auto fd = args.takeNumber("--password-fd", 0, 65535);
    if (!fd)
        return fail(fd.error());
    auto kdf = KdfOptions::take(args);
    if (!kdf)
        return fail(kdf.error());
    if (auto rest = args.expectNothingLeft(); !rest)
        return fail(rest.error());
    auto password = masterPassword(*fd, true);
    if (!password)
        return fail(password.error());
    if (password->empty())
        return fail(Error{ErrorCode::InvalidArgument, "The master password must not be empty."});
    Argon2Params params;
    if (*kdf) {
        params = **kdf;
    } else {
        m_console.err("Calibrating Argon2id to about one second on this machine...\n");
        auto calibrated = Argon2::calibrate({});
        if (!calibrated)
            return fail(calibrated.error());
        params = *calibrated;
    }
    auto vault = Vault::create(path, password->span(), params, m_arenaOptions);
    if (!vault)
        return fail(vault.error());
    m_console.err("Created " + path + " (Argon2id " + std::to_string(params.memoryKiB / 1024) +
                  " MiB, " + std::to_string(params.iterations) + " iterations, " +
                  std::to_string(params.lanes) + " lanes).\n");
    tellAboutProtection(**vault);
    return Success;
}

void CommandLine::tellAboutProtection(const Vault& vault) const
{
    const char* statePath = std::getenv("ARCANUM_SYS_POWER_STATE"); // tests point it elsewhere
    const bool canHibernate =
        SysPowerState::canHibernate(statePath ? statePath : SysPowerState::defaultPath)
            .value_or(false);
    if (vault.protectionLevel() == ProtectionLevel::LockedMemory) {
        m_console.err("Warning: secret memory is unavailable (" +
                      const_cast<Vault&>(vault).arena().fallbackReason() +
                      "); the vault is in locked memory, which root and debuggers can read. "
                      "Use --require-secret-memory to refuse this.\n");
        if (canHibernate)
            m_console.err("Warning: hibernating now would write the unlocked vault to disk.\n");
    } else if (canHibernate) {
        m_console.err("Note: hibernation is disabled while the vault is open (its contents are "
                      "in secret memory, which Linux will not write to a hibernation image).\n");
    }
}

int CommandLine::openAndRun(const std::string& command, const std::string& path, ArgumentList& args)
{
    auto fd = args.takeNumber("--password-fd", 0, 65535);
    if (!fd)
        return fail(fd.error());
    const bool isShell = command == "shell";
    if (isShell) {
        if (auto rest = args.expectNothingLeft(); !rest)
            return fail(rest.error());
    }
    auto password = masterPassword(*fd, false);
    if (!password)
        return fail(password.error());
    auto vault = Vault::open(path, password->span(), m_arenaOptions);
    password->reset(); // the keys are derived; the password is no longer needed
    if (!vault)
        return fail(vault.error());
    tellAboutProtection(**vault);
    if (isShell)
        return shell(**vault);
    VaultCommands commands(**vault, m_console, m_input);
    return commands.run(command, args);
}

int CommandLine::shell(Vault& vault)
{
    VaultCommands commands(vault, m_console, m_input);
    const bool interactive = Console::stdinIsTerminal();
    int status = Success;
    for (;;) {
        if (interactive)
            m_console.err("arcanum> ");
        auto line = Console::readLine(0, m_input);
        if (!line)
            return fail(line.error());
        if (!*line)
            break; // end of input
        auto args = ArgumentList::fromLine(std::move(**line));
        if (!args) {
            status = fail(args.error());
            continue;
        }
        const auto first = args->takePositionalAt();
        if (!first)
            continue;
        // Never a std::string of the word before it is known to be a command: a password
        // pasted at the prompt must not be copied out of the arena or echoed.
        const std::string_view command = ArgumentList::view(first->first);
        if (command == "quit" || command == "exit")
            break;
        if (command == "help" || args->takeFlag("--help")) {
            const std::string_view text = HelpText::forCommand(command);
            if (text.empty() && command != "help") {
                status = unknownShellCommand(first->second);
                continue;
            }
            m_console.out(text.empty() ? HelpText::forCommand("shell") : text);
            status = Success;
        } else if (command == "generate") {
            status = GenerateCommand::run(*args, m_console, vault.arena());
        } else if (VaultCommands::handles(command)) {
            status = commands.run(command, *args);
        } else {
            status = unknownShellCommand(first->second);
        }
    }
    return status;
}

} // namespace arcanum::cli
