// KdbxVaultImporter: brings a KeePass database (KDBX 3.1 / 4.x) into an open vault.
//
// Maps KdbxDatabase onto VaultContents: nested groups (the KeePass root group's children become
// top-level groups, its entries have no group), entries with title, user name, password, the URL,
// notes, tags, expiry, creation and modification times, every other string field as a custom
// field with its protect flag, history versions (their own times, oldest kept last), TOTP (the
// `otp` field, or KeePassXC's older "TOTP Seed" + "TOTP Settings", into the vault's TOTP field as
// an otpauth:// URI), attachments into the vault's attachment pool (shared bytes stored once),
// KeePassXC-Browser associations (Meta/CustomData `KPXC_BROWSER_<name>` = Base64 public key) and
// the root group UUID as the vault identity, so the browser extension keeps its association.
// Entry and group UUIDs become the vault ids when the vault does not use them yet.
//
// Everything is copied from the database's arena memory into vault records in the same arena;
// nothing plaintext passes through ordinary memory. apply() is all or nothing: on an error the
// contents are rolled back to what they were. Nothing is saved: the caller saves the vault.
//
// Threads: read() runs the KDF (seconds); a GUI calls it on a worker thread (the arena is
// thread-safe) and then apply() on the thread that owns the vault. importFile() does both.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxDatabase.h"
#include "kdbx/KdbxImportReport.h"
#include "kdbx/KdbxKey.h"
#include "kdbx/KdbxReadOptions.h"
#include "vault/EntryId.h"
#include "vault/VaultContents.h"

#include <cstdint>
#include <span>
#include <string>

namespace arcanum {

class Vault;

struct KdbxImportOptions
{
    // Entries in the recycle bin are left out (and counted in the report) unless set.
    bool keepRecycleBin = false;
    // Make the KeePass root group UUID the vault's identity (the browser extension's database
    // hash) and take over KeePassXC-Browser associations.
    bool takeIdentity = true;
    bool takeAssociations = true;
    // Where the KeePass root group's contents go: none = the top level.
    EntryId intoGroup;
    // Safety limits for reading (inflated size, XML depth); keepRecycleBin above wins.
    KdbxReadOptions read;
    // read() takes the first touch of the secret memory the read needs while the KDF runs; with
    // this set also of what apply() will need, for callers that apply into the same arena
    // (importFile, the CLI). A GUI reads into a job's arena and applies into the vault's, which
    // its worker thread must not touch (a lock may release it meanwhile).
    bool prefaultForApply = false;
};

class KdbxVaultImporter
{
public:
    // Step 1 (slow: the KDF; any thread). `file` is the .kdbx file's bytes (ciphertext,
    // KdbxReader::readFile). Errors as KdbxReader::read: WrongPassword (one message for a wrong
    // password or key file), NotAKeePassFile, UnsupportedVersion, Unsupported, InvalidParameters
    // (KDF limits, before running it), FileDamaged, FileTruncated, LimitExceeded,
    // InvalidArgument. `report` (optional) receives readMs / kdfMs / decryptMs.
    [[nodiscard]] static Result<KdbxDatabase>
    read(SecretArena& arena, std::span<const std::uint8_t> file, const KdbxKey& key,
         const KdbxImportOptions& options = {}, KdbxImportReport* report = nullptr);

    // About how much secret memory read() and apply() allocate together for a file of
    // `fileBytes`: the database and the vault records it becomes (under 6 times the file for the
    // benchmark's 20,000 entries, docs/BENCHMARKS.md), at most KdbxReader::maxPrefaultBytes.
    // read() takes the first touch of that much while the KDF runs when prefaultForApply is
    // set (else of KdbxReader::secretBytesToRead).
    [[nodiscard]] static std::size_t secretBytesToImport(std::size_t fileBytes);

    // Step 2 (fast; the vault's thread): adds `database` to `contents`. `report` may carry
    // step 1's timings in. Errors: the arena's (MemoryLockLimit, OutOfMemory), NotFound for an
    // unknown intoGroup; the contents are then as before.
    [[nodiscard]] static Result<KdbxImportReport> apply(VaultContents& contents, SecretArena& arena,
                                                        const KdbxDatabase& database,
                                                        const KdbxImportOptions& options = {},
                                                        KdbxImportReport report = {});

    // Both steps on one thread, for the CLI and tests: reads `kdbxPath` and imports it into
    // `vault` (not saved).
    [[nodiscard]] static Result<KdbxImportReport> importFile(Vault& vault,
                                                             const std::string& kdbxPath,
                                                             const KdbxKey& key,
                                                             const KdbxImportOptions& options = {});
};

} // namespace arcanum
