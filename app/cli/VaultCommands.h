// VaultCommands: the arcanum-cli commands that work on an unlocked vault — info, ls, search,
// show, add, edit, rm, passwd, import-csv, totp, and (through KdbxCommands) import-kdbx and
// export-kdbx — shared by one-shot use and `shell`.
//
// Plaintext goes from the vault's arena to stdout with write(2) (Console::outSecret; listings
// gather their lines in a SecretOutputBuffer first) and comes in through the arena (arguments,
// prompts, file descriptors). Every change is saved at once.
#pragma once

#include "cli/ArgumentList.h"
#include "cli/Console.h"
#include "cli/ExitCode.h"
#include "vault/Vault.h"

#include <string_view>

namespace arcanum::cli {

class SecretOutputBuffer;

class VaultCommands
{
public:
    VaultCommands(Vault& vault, const Console& console, SecretArena& input)
        : m_vault(vault), m_console(console), m_input(input)
    {}

    [[nodiscard]] static bool handles(std::string_view command);
    // Runs `command` with `args` (the words after VAULT); returns the exit status.
    [[nodiscard]] int run(std::string_view command, ArgumentList& args);

private:
    [[nodiscard]] Result<void> info(ArgumentList& args);
    [[nodiscard]] Result<void> list(ArgumentList& args, bool searching);
    [[nodiscard]] Result<void> show(ArgumentList& args);
    [[nodiscard]] Result<void> add(ArgumentList& args);
    [[nodiscard]] Result<void> edit(ArgumentList& args);
    [[nodiscard]] Result<void> remove(ArgumentList& args);
    [[nodiscard]] Result<void> changePassword(ArgumentList& args);
    [[nodiscard]] Result<void> importCsv(ArgumentList& args);
    [[nodiscard]] Result<void> totp(ArgumentList& args);

    [[nodiscard]] Result<std::size_t> resolveEntry(SecretSpan reference) const;
    // The command's last argument, the entry (id or title), resolved; nothing may follow it.
    [[nodiscard]] Result<std::size_t> takeLastEntry(ArgumentList& args) const;
    [[nodiscard]] Result<SecretSpan> requirePositional(ArgumentList& args, const char* what) const;
    // Applies --title/--username/--url/--notes/--tag/--group; `changed` tells if any was given.
    [[nodiscard]] Result<void> applyFieldOptions(ArgumentList& args, EntryDraft& draft,
                                                 bool& changed);
    // The entry password from --entry-password-fd / --generate / --ask-password, if any.
    [[nodiscard]] Result<std::optional<SecretBuffer>> entryPassword(ArgumentList& args,
                                                                    bool askByDefault);
    [[nodiscard]] Result<void> askFields(EntryDraft& draft);
    [[nodiscard]] Result<void> save();

    void printListLine(SecretOutputBuffer& output, const EntryView& entry) const;
    void printField(std::string_view label, SecretSpan value, bool masked) const;
    void printGroupPath(const EntryId& group) const;

    Vault& m_vault;
    const Console& m_console;
    SecretArena& m_input;
};

} // namespace arcanum::cli
