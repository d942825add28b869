// Vault: an unlocked .arcanum file — its arena, its keys and its contents — and the only code
// that reads or writes vault files.
//
// open(): read the file -> check the header and the KDF limits -> map an arena sized from the
// file -> Argon2id -> key check (wrong password?) -> decrypt straight into the arena (version 2:
// chunk by chunk; version 1: at once, then converted to version 2 in place) -> index in place.
// save(): hand the records one by one to the sealer, which encrypts each 64 KiB chunk as it
// fills (format version 2, fresh stream header; one chunk buffer of secret memory, whatever the
// vault's size) -> refuse if the file changed on disk since it was read -> back up the previous
// file to PATH.bak -> replace PATH atomically -> compact the records in place.
// The arena is mapped at open for all of it (VaultMemoryBudget): a vault that does not fit under
// the memory-lock limit is refused at open, not at its first save.
// Destroying the Vault is locking it: every buffer is wiped and the arena unmapped.
#pragma once

#include "common/Result.h"
#include "crypto/Argon2Params.h"
#include "format/VaultHeader.h"
#include "format/VaultKeys.h"
#include "secret/SecretArena.h"
#include "vault/VaultContents.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace arcanum {

class Vault
{
public:
    // A new vault file at `path` (which must not exist yet), saved at once.
    [[nodiscard]] static Result<std::unique_ptr<Vault>>
    create(const std::string& path, SecretSpan password, const Argon2Params& kdf,
           const SecretArenaOptions& options = {});

    // Where the time of an open went (benchmarks, diagnostics).
    struct OpenTimings
    {
        double beforeKdfMs = 0; // read and check the file, map the arena
        double kdfMs = 0;       // Argon2id
        double afterKdfMs = 0;  // what the user waits for after the KDF: decrypt and index
    };

    // Errors: NotFound, PermissionDenied, NotAnArcanumFile, FileTruncated, UnsupportedVersion,
    // FileDamaged, KdfLimitExceeded (before any key derivation), WrongPassword, MemoryLockLimit,
    // SecretMemoryUnavailable, OutOfMemory.
    [[nodiscard]] static Result<std::unique_ptr<Vault>> open(const std::string& path,
                                                             SecretSpan password,
                                                             const SecretArenaOptions& options = {},
                                                             OpenTimings* timings = nullptr);

    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    [[nodiscard]] const std::string& path() const { return m_path; }
    // PATH.bak, or in the app's data folder for a vault in the document portal (DocumentPortal).
    [[nodiscard]] static std::string backupPath(const std::string& path);
    [[nodiscard]] SecretArena& arena() { return *m_arena; }
    [[nodiscard]] ProtectionLevel protectionLevel() const { return m_arena->protectionLevel(); }
    [[nodiscard]] const Argon2Params& kdfParams() const { return m_kdf; }
    // The format version of the file on disk: 1 for a version-1 file until the first save
    // (which writes version 2), else 2.
    [[nodiscard]] std::uint16_t formatVersion() const { return m_formatVersion; }
    [[nodiscard]] std::uint64_t fileBytes() const { return m_fileBytes; }

    [[nodiscard]] VaultContents& contents() { return m_contents; }
    [[nodiscard]] const VaultContents& contents() const { return m_contents; }

    // FileChangedOnDisk when another program (a sync client, another Arcanum) replaced the
    // file since it was opened or last saved; nothing is written then.
    [[nodiscard]] Result<void> save();

    // Re-keys with `kdf` (give it a fresh salt) and saves; the backup (.bak) becomes a copy of
    // the new file, so the old password opens neither. On failure the old password stays.
    [[nodiscard]] Result<void> changePassword(SecretSpan newPassword, const Argon2Params& kdf);
    // The second half of changePassword(), for callers that run Argon2 on another thread:
    // `keys` (VaultKeys::derive in this vault's arena with `kdf`) replace the old keys and the
    // vault is saved. On failure the old keys stay.
    [[nodiscard]] Result<void> replaceKeys(VaultKeys keys, const Argon2Params& kdf);

    // The bytes of a whole version-2 vault file holding `payload` (FORMAT.md §2), with a fresh
    // stream header; the stream state lives in `arena`.
    [[nodiscard]] static Result<std::vector<std::uint8_t>> sealFile(SecretSpan payload,
                                                                    const VaultKeys& keys,
                                                                    const Argon2Params& kdf,
                                                                    SecretArena& arena);

private:
    Vault(std::string path, std::unique_ptr<SecretArena> arena, VaultContents contents,
          VaultKeys keys, const Argon2Params& kdf);
    // The whole file for the current contents, sealed chunk by chunk.
    [[nodiscard]] Result<std::vector<std::uint8_t>> sealContents();
    [[nodiscard]] Result<void> checkDiskUnchanged(std::optional<std::vector<std::uint8_t>>& old);

    std::string m_path;
    std::unique_ptr<SecretArena> m_arena; // declared first: destroyed last
    VaultContents m_contents;
    std::optional<VaultKeys> m_keys;
    // Held from open to lock for the save's chunk buffer and stream state (VaultMemoryBudget).
    SecretBuffer m_saveRoom;
    Argon2Params m_kdf;
    std::uint16_t m_formatVersion = VaultHeader::currentVersion;
    std::uint64_t m_fileBytes = 0;
    // The file as last read or written (ciphertext: not secret); empty for a vault not yet on
    // disk. Kept whole, not hashed: a hash of every byte cost open() as much as indexing the
    // entries (docs/BENCHMARKS.md), a comparison at save time costs a memcmp.
    std::optional<std::vector<std::uint8_t>> m_diskBytes;
};

} // namespace arcanum
