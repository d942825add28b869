// VaultHeader: the 144-byte clear-text header of an .arcanum file (docs/FORMAT.md §2, §9.2).
//
// parse() checks everything that needs no password, in the order FORMAT.md §5 gives, so every
// kind of damage gets its own error: empty, not an Arcanum file, truncated, unknown version,
// damaged header (unkeyed checksum), unknown algorithm, absurd parameters, impossible or wrong
// length. Versions 1 and 2 are read; serialize() writes the version it is given.
#pragma once

#include "common/Result.h"
#include "crypto/Argon2Params.h"

#include <array>
#include <cstdint>
#include <span>

namespace arcanum {

struct VaultHeader
{
    static constexpr std::size_t size = 144;
    static constexpr std::size_t keyCheckOffset = 96;  // keyed BLAKE2b-256 of bytes [0, 96)
    static constexpr std::size_t checksumOffset = 128; // BLAKE2b-128 of bytes [0, 128)
    static constexpr std::uint16_t version1 = 1;       // XChaCha20-Poly1305, u32 record lengths
    static constexpr std::uint16_t version2 = 2;       // secretstream chunks, LEB128 lengths
    static constexpr std::uint16_t currentVersion = version2; // what writers write
    static constexpr std::uint8_t kdfArgon2id = 1;
    static constexpr std::uint8_t aeadXChaCha20Poly1305 = 1; // version 1
    static constexpr std::uint8_t aeadSecretStream = 2;      // version 2
    static constexpr std::array<std::uint8_t, 8> magic = {0x89, 'A', 'R', 'C', 'A', 'N', 'U', 'M'};
    // A payload bigger than this is refused before anything is allocated.
    static constexpr std::uint64_t maxCiphertextBytes = 1ull << 30;

    std::uint16_t version = currentVersion;
    Argon2Params kdf;
    // Version 1: the AEAD nonce; version 2: the secretstream header.
    std::array<std::uint8_t, 24> nonce{};
    std::uint64_t ciphertextLength = 0;
    std::array<std::uint8_t, 32> keyCheck{};

    // Checks the header of a whole file (`file` is every byte of it).
    [[nodiscard]] static Result<VaultHeader> parse(std::span<const std::uint8_t> file);

    // The 144 bytes, with the checksum computed and keyCheck as set.
    [[nodiscard]] std::array<std::uint8_t, size> serialize() const;

    // The bytes of the payload once decrypted.
    [[nodiscard]] std::uint64_t payloadLength() const;
};

} // namespace arcanum
