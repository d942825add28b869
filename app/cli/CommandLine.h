// CommandLine: arcanum-cli's top level — global options, the commands that need no open vault
// (init, generate), unlocking for the others, and the `shell` loop.
#pragma once

#include "cli/ArgumentList.h"
#include "cli/Console.h"
#include "secret/SecretArenaOptions.h"
#include "vault/Vault.h"

#include <memory>
#include <string>

namespace arcanum::cli {

class CommandLine
{
public:
    CommandLine(const Console& console, SecretArena& input, const SecretArenaOptions& options)
        : m_console(console), m_input(input), m_arenaOptions(options)
    {}

    // `args` is everything after the program name. Returns the exit status.
    [[nodiscard]] int run(ArgumentList& args);

private:
    [[nodiscard]] int init(const std::string& path, ArgumentList& args);
    [[nodiscard]] int openAndRun(const std::string& command, const std::string& path,
                                 ArgumentList& args);
    [[nodiscard]] int shell(Vault& vault);
    [[nodiscard]] Result<SecretBuffer> masterPassword(std::optional<std::uint32_t> fd,
                                                      bool confirm);
    void tellAboutProtection(const Vault& vault) const;
    [[nodiscard]] int fail(const Error& error) const;
    // "unknown command" and where it stood; never the word itself.
    [[nodiscard]] int unknownShellCommand(std::size_t position) const;

    const Console& m_console;
    SecretArena& m_input;
    SecretArenaOptions m_arenaOptions;
};

} // namespace arcanum::cli
