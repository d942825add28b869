#include "autofill/SessionKeys.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum::autofill {

Result<SessionKeys> SessionKeys::create(SecretArena& arena, const PublicKey& clientPublicKey)
{
    static_assert(publicKeyBytes == crypto_box_PUBLICKEYBYTES);
    Sodium::ensureInitialized();
    auto secretKey = arena.allocate(crypto_box_SECRETKEYBYTES);
    if (!secretKey)
        return secretKey.error();
    auto shared = arena.allocate(crypto_box_BEFORENMBYTES);
    if (!shared)
        return shared.error();
    SessionKeys keys;
    keys.m_clientPublicKey = clientPublicKey;
    crypto_box_keypair(keys.m_publicKey.data(), secretKey->data());
    if (crypto_box_beforenm(shared->data(), clientPublicKey.data(), secretKey->data()) != 0)
        return makeError(ErrorCode::InvalidArgument, "The browser's public key is not usable.");
    keys.m_shared = std::move(shared.value());
    return keys; // the secret key is wiped as its buffer goes
}

Result<SecretBuffer> SessionKeys::open(std::span<const std::uint8_t> ciphertext,
                                       const BoxNonce& nonce, SecretArena& arena,
                                       std::size_t maxPlaintext) const
{
    if (ciphertext.size() < crypto_box_MACBYTES)
        return makeError(ErrorCode::AuthenticationFailed, "The message is too short.");
    const std::size_t length = ciphertext.size() - crypto_box_MACBYTES;
    if (length > maxPlaintext)
        return makeError(ErrorCode::InvalidArgument, "The message is too long.");
    auto plaintext = arena.allocate(length + 1);
    if (!plaintext)
        return plaintext.error();
    if (crypto_box_open_easy_afternm(plaintext->data(), ciphertext.data(), ciphertext.size(),
                                     nonce.bytes().data(), m_shared.data()) != 0)
        return makeError(ErrorCode::AuthenticationFailed,
                         "The message does not decrypt with this session's keys.");
    plaintext->data()[length] = 0;
    if (auto shrunk = plaintext->resize(length); !shrunk)
        return shrunk.error();
    return std::move(plaintext.value());
}

std::vector<std::uint8_t> SessionKeys::seal(SecretSpan plaintext, const BoxNonce& nonce) const
{
    std::vector<std::uint8_t> ciphertext(plaintext.size() + crypto_box_MACBYTES);
    if (crypto_box_easy_afternm(ciphertext.data(), plaintext.data(), plaintext.size(),
                                nonce.bytes().data(), m_shared.data()) != 0)
        return {};
    return ciphertext;
}

Result<void> SessionKeys::moveTo(SecretArena& arena)
{
    if (m_shared.arena() == &arena)
        return {};
    auto copy = arena.copyOf(m_shared.span());
    if (!copy)
        return copy.error();
    m_shared = std::move(copy.value());
    return {};
}

} // namespace arcanum::autofill
