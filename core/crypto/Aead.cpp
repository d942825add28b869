#include "crypto/Aead.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum {

namespace {

Result<void> checkSizes(SecretSpan key, std::span<const std::uint8_t> nonce)
{
    if (key.size() != Aead::keyBytes || nonce.size() != Aead::nonceBytes)
        return Error{ErrorCode::InvalidParameters,
                     "XChaCha20-Poly1305 needs a 32-byte key and a 24-byte nonce."};
    return {};
}

} // namespace

Result<std::vector<std::uint8_t>> Aead::seal(SecretSpan plaintext,
                                             std::span<const std::uint8_t> associatedData,
                                             SecretSpan key, std::span<const std::uint8_t> nonce)
{
    Sodium::ensureInitialized();
    if (auto sizes = checkSizes(key, nonce); !sizes)
        return sizes.error();
    std::vector<std::uint8_t> ciphertext(plaintext.size() + tagBytes);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        ciphertext.data(), &written, plaintext.data(), plaintext.size(), associatedData.data(),
        associatedData.size(), nullptr, nonce.data(), key.data());
    ciphertext.resize(static_cast<std::size_t>(written));
    return ciphertext;
}

Result<void> Aead::openInto(std::span<const std::uint8_t> ciphertext,
                            std::span<const std::uint8_t> associatedData, SecretSpan key,
                            std::span<const std::uint8_t> nonce, std::span<std::uint8_t> plaintext)
{
    Sodium::ensureInitialized();
    if (auto sizes = checkSizes(key, nonce); !sizes)
        return sizes.error();
    if (ciphertext.size() < tagBytes)
        return Error{ErrorCode::AuthenticationFailed,
                     "The encrypted data is shorter than its authentication tag."};
    if (plaintext.size() != ciphertext.size() - tagBytes)
        return Error{ErrorCode::InvalidParameters,
                     "The plaintext buffer does not match the encrypted data's size."};
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plaintext.data(), &written, nullptr, ciphertext.data(), ciphertext.size(),
            associatedData.data(), associatedData.size(), nonce.data(), key.data()) != 0)
        return Error{ErrorCode::AuthenticationFailed,
                     "The encrypted data did not authenticate: it was changed or damaged."};
    return {};
}

Result<SecretBuffer> Aead::open(std::span<const std::uint8_t> ciphertext,
                                std::span<const std::uint8_t> associatedData, SecretSpan key,
                                std::span<const std::uint8_t> nonce, SecretArena& arena)
{
    if (ciphertext.size() < tagBytes)
        return Error{ErrorCode::AuthenticationFailed,
                     "The encrypted data is shorter than its authentication tag."};
    auto plaintext = arena.allocate(ciphertext.size() - tagBytes);
    if (!plaintext)
        return plaintext.error();
    if (auto opened = openInto(ciphertext, associatedData, key, nonce, plaintext->bytes()); !opened)
        return opened.error();
    return std::move(plaintext.value());
}

} // namespace arcanum
