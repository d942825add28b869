// KdbxCommands: arcanum-cli's KeePass commands on an unlocked vault — import-kdbx (a .kdbx
// database into the vault, saved once at the end) and export-kdbx (the vault as a KDBX 4 file).
//
// The KeePass password comes from --kdbx-password-fd or the terminal (asked twice for a new
// export), the key file from --key-file; both go straight into the vault's arena, where the
// reader, the importer and the writer keep every plaintext byte. Any failure before the save
// (wrong password or key file, a damaged, truncated or unsupported file, KDF costs beyond the
// limits) leaves the vault file as it was; the import's report goes to stderr, naming skipped
// items' entries by title from the arena.
#pragma once

#include "cli/ArgumentList.h"
#include "cli/Console.h"
#include "kdbx/KdbxImportReport.h"
#include "kdbx/KdbxKey.h"
#include "vault/Vault.h"

#include <cstdint>
#include <optional>
#include <string>

namespace arcanum::cli {

class KdbxCommands
{
public:
    KdbxCommands(Vault& vault, const Console& console) : m_vault(vault), m_console(console) {}

    [[nodiscard]] Result<void> importKdbx(ArgumentList& args);
    [[nodiscard]] Result<void> exportKdbx(ArgumentList& args);

private:
    // --key-file F, --no-password, --kdbx-password-fd M: taken before anything is asked.
    struct KeyOptions
    {
        std::optional<std::string> keyFile;
        bool noPassword = false;
        std::optional<std::uint32_t> passwordFd;
    };
    [[nodiscard]] static Result<KeyOptions> takeKeyOptions(ArgumentList& args);
    // The composite key: the key file read, the password from the descriptor or the terminal
    // (`confirm`: asked twice, for a new file).
    [[nodiscard]] Result<KdbxKey> key(const KeyOptions& options, bool confirm);
    void printReport(const KdbxImportReport& report) const;

    Vault& m_vault;
    const Console& m_console;
};

} // namespace arcanum::cli
