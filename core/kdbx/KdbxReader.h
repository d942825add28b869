// KdbxReader: opens a KeePass database (KDBX 3.1 or 4.x) into a KdbxDatabase.
//
// Three steps, so a caller can run the slow one off its GUI thread and time them apart:
//   readHeader   the unencrypted header, fully checked (no key needed, nothing secret);
//   transformKey the KDF (Argon2 or AES-KDF) over the composite key: the slow part;
//   decrypt      KDBX 4: header HMAC (a wrong key shows here), every HMAC block, decryption;
//                KDBX 3.1: decryption, the stream start bytes (a wrong key shows here), the
//                hashed blocks; then KdbxPayloadReader.
// read() does all three. The file's bytes are ciphertext and may live anywhere; every plaintext
// byte (keys, the decrypted and the inflated stream, each value) is written only into the arena.
// On any error nothing is returned: no partial database.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxDatabase.h"
#include "kdbx/KdbxHeader.h"
#include "kdbx/KdbxKey.h"
#include "kdbx/KdbxPayloadReader.h"
#include "kdbx/KdbxReadOptions.h"

#include <span>
#include <string>
#include <vector>

namespace arcanum {

class KdbxReader
{
public:
    static constexpr std::size_t maxFileBytes = std::size_t(1) << 30;

    // The file's bytes (ciphertext). NotFound / PermissionDenied / IoError name the path.
    [[nodiscard]] static Result<std::vector<std::uint8_t>> readFile(const std::string& path);

    [[nodiscard]] static Result<KdbxHeader> readHeader(std::span<const std::uint8_t> file);
    // The 32-byte transformed key, in the arena. Meanwhile a second thread takes the first
    // touch of `prefaultBytes` of the arena's secret memory (SecretArena::prefault), so what
    // comes after the KDF does not pay for it: secretBytesToRead(file size) for decrypt().
    [[nodiscard]] static Result<SecretBuffer> transformKey(SecretArena& arena,
                                                           const KdbxHeader& header,
                                                           const KdbxKey& key,
                                                           std::size_t prefaultBytes = 0);
    // At most this much is touched ahead (a few hundred milliseconds of page faults on a VM).
    static constexpr std::size_t maxPrefaultBytes = 32 * 1024 * 1024;
    // About what decrypt() allocates for a file of `fileBytes` (measured: docs/BENCHMARKS.md),
    // at most maxPrefaultBytes.
    [[nodiscard]] static std::size_t secretBytesToRead(std::size_t fileBytes);
    // Errors: WrongPassword (one message for a wrong password and a wrong key file),
    // FileDamaged (an HMAC block, naming it; padding; hashed blocks; the XML), FileTruncated,
    // LimitExceeded (inflated size, XML depth), InvalidArgument (not UTF-8), Unsupported, or the
    // arena's MemoryLockLimit.
    [[nodiscard]] static Result<KdbxDatabase>
    decrypt(SecretArena& arena, std::span<const std::uint8_t> file, const KdbxHeader& header,
            SecretSpan transformedKey, const KdbxReadOptions& options = {});

    // The authenticated, decrypted payload with its block layer removed (what KdbxPayloadReader
    // parses), and how to parse it. `input.payload` points into `bytes`; the KDBX 3 inner-stream
    // key and header hash point into `header`, which must outlive it. decrypt() is this plus
    // KdbxPayloadReader::read; tests and the fuzzer's seed maker use it on its own.
    struct DecryptedPayload
    {
        SecretBuffer bytes;
        KdbxPayloadReader::Input input;
    };
    [[nodiscard]] static Result<DecryptedPayload> decryptPayload(SecretArena& arena,
                                                                 std::span<const std::uint8_t> file,
                                                                 const KdbxHeader& header,
                                                                 SecretSpan transformedKey);

    [[nodiscard]] static Result<KdbxDatabase> read(SecretArena& arena,
                                                   std::span<const std::uint8_t> file,
                                                   const KdbxKey& key,
                                                   const KdbxReadOptions& options = {});

    [[nodiscard]] static Error wrongKey();
};

} // namespace arcanum
