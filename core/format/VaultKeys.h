// VaultKeys: the keys a vault is sealed with, derived from the master password
// (docs/FORMAT.md §1).
//
//   master    = Argon2id(password, salt, m, t, p)            32 bytes, wiped at once
//   encKey    = crypto_kdf(master, id 1, "ArcVault")          version 1: XChaCha20-Poly1305 key
//   checkKey  = crypto_kdf(master, id 2, "ArcVault")          key of the key-check MAC
//   streamKey = crypto_kdf(master, id 3, "ArcVault")          version 2: secretstream key
//
// All of them live only in the arena. The key check (keyed BLAKE2b-256 of the header) tells a
// wrong password apart from a damaged file without decrypting anything.
#pragma once

#include "common/Result.h"
#include "crypto/Argon2Params.h"
#include "secret/SecretArena.h"

#include <array>
#include <cstdint>
#include <span>

namespace arcanum {

class VaultKeys
{
public:
    // KdfLimitExceeded (before any work) for parameters beyond Argon2Params::checkLimits.
    [[nodiscard]] static Result<VaultKeys> derive(SecretSpan password, const Argon2Params& params,
                                                  SecretArena& arena);

    [[nodiscard]] SecretSpan encryptionKey() const { return m_keys.span().sub(0, 32); }
    [[nodiscard]] SecretSpan checkKey() const { return m_keys.span().sub(32, 32); }
    [[nodiscard]] SecretSpan streamKey() const { return m_keys.span().sub(64, 32); }

    // The MAC stored in the header: keyed BLAKE2b-256 of `headerPrefix` (header bytes 0..95).
    [[nodiscard]] Result<std::array<std::uint8_t, 32>>
    keyCheck(std::span<const std::uint8_t> headerPrefix) const;
    // Constant-time comparison of the stored value with the computed one.
    [[nodiscard]] bool verifyKeyCheck(std::span<const std::uint8_t> headerPrefix,
                                      std::span<const std::uint8_t> stored) const;

private:
    explicit VaultKeys(SecretBuffer keys) : m_keys(std::move(keys)) {}
    SecretBuffer m_keys; // encKey || checkKey || streamKey
};

} // namespace arcanum
