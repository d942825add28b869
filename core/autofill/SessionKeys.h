// SessionKeys: one key exchange with one browser (change-public-keys): the NaCl box between our
// fresh key pair and the extension's session key.
//
// Holds a key: the shared key (crypto_box_beforenm of our secret key and the client's public
// key) lives only in a SecretArena; our secret key exists just long enough to compute it and is
// wiped. Public keys are not secret. Every decrypted message goes into an arena buffer.
#pragma once

#include "autofill/BoxNonce.h"
#include "common/Result.h"
#include "secret/SecretArena.h"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace arcanum::autofill {

class SessionKeys
{
public:
    static constexpr std::size_t publicKeyBytes = 32;
    using PublicKey = std::array<std::uint8_t, publicKeyBytes>;

    // A fresh key pair for talking to `clientPublicKey`; the shared key goes into `arena`.
    [[nodiscard]] static Result<SessionKeys> create(SecretArena& arena,
                                                    const PublicKey& clientPublicKey);

    [[nodiscard]] const PublicKey& publicKey() const { return m_publicKey; }
    [[nodiscard]] const PublicKey& clientPublicKey() const { return m_clientPublicKey; }

    // Authenticates and decrypts `ciphertext` (MAC + message) into a new buffer of `arena`, with
    // one zero byte after the plaintext (the in-situ JSON parser needs a terminator). Fails with
    // AuthenticationFailed (wrong key, damaged or forged), or InvalidArgument when the plaintext
    // would be longer than `maxPlaintext`.
    [[nodiscard]] Result<SecretBuffer> open(std::span<const std::uint8_t> ciphertext,
                                            const BoxNonce& nonce, SecretArena& arena,
                                            std::size_t maxPlaintext) const;
    // Encrypts `plaintext` (arena memory) into ordinary memory: ciphertext is not secret.
    // Empty only when libsodium refuses (a message past crypto_box_MESSAGEBYTES_MAX).
    [[nodiscard]] std::vector<std::uint8_t> seal(SecretSpan plaintext, const BoxNonce& nonce) const;

    // Moves the shared key into `arena` (the old copy is wiped): keys outlive a lock in a small
    // arena of their own, and live in the vault's arena while it is unlocked.
    [[nodiscard]] Result<void> moveTo(SecretArena& arena);

private:
    SessionKeys() = default;

    PublicKey m_publicKey{};
    PublicKey m_clientPublicKey{};
    SecretBuffer m_shared;
};

} // namespace arcanum::autofill
