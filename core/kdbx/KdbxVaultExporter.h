// KdbxVaultExporter: writes an open vault as a KDBX 4 file that KeePassXC and KeePass open.
//
// The vault's identity becomes the root group's UUID (so KeePassXC-Browser's database hash stays
// the same), top-level groups the root group's children, entries without a group the root's
// entries; entry and group ids become UUIDs. Each entry: Title, UserName, Password, URL (the
// first; further URLs as KP2A_URL_1, KP2A_URL_2, ... which KeePassXC reads), Notes, tags,
// expiry, times, custom fields with their protect flag, the TOTP field as a protected `otp`
// string (an otpauth:// URI; a bare Base32 secret is written as one), attachments, history
// versions. Browser associations become Meta/CustomData `KPXC_BROWSER_<name>` = Base64 key.
// Remembered site decisions have no KDBX form and are counted, not written.
//
// Two steps, so a GUI can run the slow one (Argon2 over the new key) on a worker thread:
// build() copies what it needs from the vault into the database's own pool (secret memory),
// so the vault may change while write() runs; write() is KdbxWriter::writeFile, the crash-safe
// replace (temp file, fsync, rename, fsync of the folder) the vault uses.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxDatabase.h"
#include "kdbx/KdbxExportReport.h"
#include "kdbx/KdbxKey.h"
#include "kdbx/KdbxWriter.h"
#include "vault/VaultContents.h"

#include <string>

namespace arcanum {

class KdbxVaultExporter
{
public:
    // Step 1 (fast; the vault's thread). Errors: the arena's (MemoryLockLimit, OutOfMemory).
    [[nodiscard]] static Result<KdbxDatabase>
    build(const VaultContents& contents, SecretArena& arena, KdbxExportReport* report = nullptr);

    // Step 2 (slow; any thread): the file at `path`, replaced atomically. Errors: the file
    // system's (PermissionDenied, DiskFull, ...), InvalidParameters for KDF costs out of range.
    [[nodiscard]] static Result<void> write(SecretArena& arena, const std::string& path,
                                            const KdbxDatabase& database, const KdbxKey& key,
                                            const KdbxWriteOptions& options = {},
                                            KdbxExportReport* report = nullptr);

    // Both steps on one thread (CLI, tests).
    [[nodiscard]] static Result<KdbxExportReport>
    exportFile(const VaultContents& contents, SecretArena& arena, const std::string& path,
               const KdbxKey& key, const KdbxWriteOptions& options = {});
};

} // namespace arcanum
