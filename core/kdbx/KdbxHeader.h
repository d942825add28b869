// KdbxHeader: the unencrypted outer header of a KeePass file, checked field by field.
//
// Nothing here is secret (the header is stored in the clear). parse() reads the signatures, the
// version and every field, checks that what the version needs is there with the right sizes,
// that the cipher and KDF are ones Arcanum can run, and that the KDF costs are within
// KdbxKdfLimits; for KDBX 4 it also checks the SHA-256 that follows the header, so a damaged
// header is reported as such before any KDF runs. serialize() writes a KDBX 4 header.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxFormat.h"
#include "kdbx/KdbxKdfParameters.h"
#include "kdbx/VariantMap.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace arcanum {

struct KdbxHeader
{
    enum class Cipher
    {
        Aes256Cbc,
        Twofish256Cbc,
        ChaCha20,
    };

    std::uint32_t version = kdbx::version40;
    Cipher cipher = Cipher::ChaCha20;
    kdbx::CompressionAlgorithm compression = kdbx::CompressionAlgorithm::Gzip;
    std::array<std::uint8_t, 32> masterSeed{};
    std::vector<std::uint8_t> encryptionIv; // 16 bytes (CBC) or 12 (ChaCha20)
    KdbxKdfParameters kdf;
    VariantMap publicCustomData; // KDBX 4, optional

    // KDBX 3 only. The inner stream key is in the clear header, so it is not secret either.
    std::array<std::uint8_t, 32> streamStartBytes{};
    std::vector<std::uint8_t> protectedStreamKey;
    kdbx::InnerStreamAlgorithm innerStream = kdbx::InnerStreamAlgorithm::None;

    // Where the header ends in the file: bytes [0, size) are what is hashed. KDBX 4 files go on
    // with the header's SHA-256 and HMAC (64 bytes), then the HMAC blocks.
    std::size_t size = 0;

    [[nodiscard]] bool isKdbx4() const
    {
        return (version & kdbx::majorVersionMask) == (kdbx::version40 & kdbx::majorVersionMask);
    }
    // Where the encrypted payload starts.
    [[nodiscard]] std::size_t payloadOffset() const { return size + (isKdbx4() ? 64 : 0); }

    // Errors: NotAKeePassFile, UnsupportedVersion (KeePass 1.x, KDBX 2, a newer major version),
    // FileTruncated, FileDamaged (a field of the wrong size, a missing field, the KDBX 4 header
    // checksum), Unsupported (cipher, KDF, compression, inner stream), InvalidParameters (KDF
    // costs beyond KdbxKdfLimits).
    [[nodiscard]] static Result<KdbxHeader> parse(std::span<const std::uint8_t> file);

    // The KDBX 4 header bytes (signatures through the end-of-header field).
    [[nodiscard]] std::vector<std::uint8_t> serialize() const;

    [[nodiscard]] static std::size_t ivBytes(Cipher cipher);
    [[nodiscard]] static const char* cipherName(Cipher cipher);
    // "KDBX 4.0, ChaCha20, Argon2id, 64 MiB, 3 passes, 2 lanes".
    [[nodiscard]] std::string describe() const;
};

} // namespace arcanum
