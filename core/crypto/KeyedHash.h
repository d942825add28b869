// KeyedHash: keyed BLAKE2b (libsodium crypto_generichash) and subkey derivation (crypto_kdf).
//
// Used for the vault's key-check value: a MAC of the header under a subkey of the master key,
// which tells "wrong password" apart from "damaged file" without decrypting anything.
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"

#include <cstdint>
#include <span>

namespace arcanum {

class KeyedHash
{
public:
    static constexpr std::size_t keyBytes = 32;
    static constexpr std::size_t contextBytes = 8;

    // BLAKE2b(message) keyed with `key` (16..64 bytes), output of out.size() (16..64) bytes.
    [[nodiscard]] static Result<void> blake2b(SecretSpan key, std::span<const std::uint8_t> message,
                                              std::span<std::uint8_t> out);

    // crypto_kdf_derive_from_key: subkey number `id` in an 8-character `context`, from a
    // 32-byte master key, into `out` (16..64 bytes, arena memory).
    [[nodiscard]] static Result<void> deriveSubkey(SecretSpan masterKey, std::uint64_t id,
                                                   const char (&context)[contextBytes + 1],
                                                   std::span<std::uint8_t> out);
};

} // namespace arcanum
