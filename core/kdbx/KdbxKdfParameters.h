// KdbxKdfParameters: which key derivation a KeePass file uses and its costs (not secret: they are
// stored in the unencrypted header).
//
// KDBX 4 stores them as a VariantMap ($UUID, and S/P/M/I/V/K/A for Argon2 or R/S for AES-KDF);
// KDBX 3.1 has only AES-KDF, as the TransformSeed and TransformRounds header fields.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxUuid.h"
#include "kdbx/VariantMap.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace arcanum {

struct KdbxKdfParameters
{
    enum class Algorithm
    {
        AesKdf,
        Argon2d,
        Argon2id,
    };

    Algorithm algorithm = Algorithm::Argon2id;
    KdbxUuid uuid; // as the file names it (AES-KDF has a KDBX 3 and a KDBX 4 UUID)

    // AES-KDF
    std::uint64_t aesRounds = 0;
    std::array<std::uint8_t, 32> aesSeed{};

    // Argon2
    std::vector<std::uint8_t> salt;
    std::uint64_t memoryBytes = 0;
    std::uint64_t iterations = 0;
    std::uint32_t lanes = 0;
    std::uint32_t version = 0x13;
    std::vector<std::uint8_t> secret;         // "K", optional (KeePass never writes it)
    std::vector<std::uint8_t> associatedData; // "A", optional

    // Argon2 with these costs and a fresh random 32-byte salt.
    [[nodiscard]] static KdbxKdfParameters argon2(Algorithm variant, std::uint64_t memoryBytes,
                                                  std::uint64_t iterations, std::uint32_t lanes);
    // The same costs with a fresh salt (or seed): every save re-salts.
    [[nodiscard]] KdbxKdfParameters withFreshSalt() const;

    // From a KDBX 4 header's KdfParameters field. Unsupported for an unknown KDF UUID;
    // FileDamaged for missing or mistyped parameters.
    [[nodiscard]] static Result<KdbxKdfParameters> fromVariantMap(const VariantMap& map);
    [[nodiscard]] VariantMap toVariantMap() const;

    // "Argon2id, 64 MiB, 3 passes, 2 lanes" / "AES-KDF, 60000 rounds".
    [[nodiscard]] std::string describe() const;
};

} // namespace arcanum
