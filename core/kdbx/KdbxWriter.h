// KdbxWriter: writes a KdbxDatabase as a KDBX 4.0 file that KeePassXC and KeePass open.
//
// Argon2id (or Argon2d) with a fresh salt, ChaCha20 or AES-256-CBC with a fresh master seed and
// IV, gzip, a ChaCha20 inner stream with a fresh 64-byte key. The inner header, the XML, the
// compressed stream and every key are built in the arena; only the ciphertext (and the public
// header) is written into ordinary memory. writeFile() replaces the target crash-safely
// (AtomicFile: temp file, fsync, rename, fsync of the folder).
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxDatabase.h"
#include "kdbx/KdbxKey.h"

#include <cstdint>
#include <string>
#include <vector>

namespace arcanum {

struct KdbxWriteOptions
{
    KdbxHeader::Cipher cipher = KdbxHeader::Cipher::ChaCha20;
    // The costs to write (a fresh salt is drawn for every file). Default: Argon2id, 64 MiB,
    // 3 passes, 2 lanes. AES-KDF is refused: KeePass's own default has been Argon2 since KDBX 4.
    KdbxKdfParameters kdf =
        KdbxKdfParameters::argon2(KdbxKdfParameters::Algorithm::Argon2id, 64 * 1024 * 1024, 3, 2);
    bool compress = true;
};

class KdbxWriter
{
public:
    [[nodiscard]] static Result<std::vector<std::uint8_t>>
    write(SecretArena& arena, const KdbxDatabase& database, const KdbxKey& key,
          const KdbxWriteOptions& options = {});

    [[nodiscard]] static Result<void> writeFile(SecretArena& arena, const std::string& path,
                                                const KdbxDatabase& database, const KdbxKey& key,
                                                const KdbxWriteOptions& options = {});
};

} // namespace arcanum
