#include "kdbx/KdbxCipher.h"

#include "crypto/Sodium.h"
#include "crypto/StackWipe.h"

#include <cstring>
#include <nettle/aes.h>
#include <nettle/cbc.h>
#include <nettle/twofish.h>
#include <sodium.h>

namespace arcanum {

namespace {

constexpr std::size_t chachaBlockBytes = 64;

std::size_t roundUp(std::size_t value, std::size_t unit)
{
    return (value + unit - 1) / unit * unit;
}

// The nettle context for `cipher`, keyed for one direction, in an arena buffer.
struct CbcContext
{
    SecretBuffer context;
    SecretBuffer iv;
    nettle_cipher_func* function = nullptr;
};

Result<CbcContext> cbcContext(SecretArena& arena, KdbxHeader::Cipher cipher, SecretSpan key,
                              std::span<const std::uint8_t> iv, bool decrypt)
{
    if (key.size() != KdbxCipher::keyBytes || iv.size() != KdbxCipher::blockBytes)
        return Error{ErrorCode::InvalidArgument, "Wrong key or IV size for the KDBX cipher."};
    CbcContext cbc;
    const bool aes = cipher == KdbxHeader::Cipher::Aes256Cbc;
    auto context = arena.allocate(aes ? sizeof(aes256_ctx) : sizeof(twofish_ctx));
    auto ivCopy = arena.copyOf(SecretSpan(iv.data(), iv.size()));
    if (!context)
        return context.error();
    if (!ivCopy)
        return ivCopy.error();
    cbc.context = std::move(context.value());
    cbc.iv = std::move(ivCopy.value());
    if (aes) {
        auto* ctx = reinterpret_cast<aes256_ctx*>(cbc.context.data());
        if (decrypt)
            aes256_set_decrypt_key(ctx, key.data());
        else
            aes256_set_encrypt_key(ctx, key.data());
        cbc.function = decrypt ? reinterpret_cast<nettle_cipher_func*>(&aes256_decrypt)
                               : reinterpret_cast<nettle_cipher_func*>(&aes256_encrypt);
    } else {
        twofish256_set_key(reinterpret_cast<twofish_ctx*>(cbc.context.data()), key.data());
        cbc.function = decrypt ? reinterpret_cast<nettle_cipher_func*>(&twofish_decrypt)
                               : reinterpret_cast<nettle_cipher_func*>(&twofish_encrypt);
    }
    StackWipe::below(); // the key schedule is computed in stack temporaries
    return cbc;
}

// XORs the ChaCha20 keystream over `buffer` (arena, a multiple of 64 bytes) in place.
Result<void> chachaInPlace(SecretSpan key, std::span<const std::uint8_t> nonce,
                           std::span<std::uint8_t> buffer)
{
    if (key.size() != crypto_stream_chacha20_ietf_KEYBYTES ||
        nonce.size() != crypto_stream_chacha20_ietf_NONCEBYTES)
        return Error{ErrorCode::InvalidArgument, "Wrong key or nonce size for ChaCha20."};
    Sodium::ensureInitialized();
    crypto_stream_chacha20_ietf_xor_ic(buffer.data(), buffer.data(), buffer.size(), nonce.data(), 0,
                                       key.data());
    return {};
}

} // namespace

Result<SecretBuffer> KdbxCipher::decrypt(SecretArena& arena, KdbxHeader::Cipher cipher,
                                         SecretSpan key, std::span<const std::uint8_t> iv,
                                         std::span<const std::uint8_t> ciphertext)
{
    if (cipher == KdbxHeader::Cipher::ChaCha20) {
        auto buffer = arena.allocate(roundUp(ciphertext.size(), chachaBlockBytes));
        if (!buffer)
            return buffer.error();
        if (!ciphertext.empty())
            std::memcpy(buffer->data(), ciphertext.data(), ciphertext.size());
        if (auto done = chachaInPlace(key, iv, buffer->bytes()); !done)
            return done.error();
        (void)buffer->resize(ciphertext.size()); // shrinking wipes the keystream tail
        return std::move(buffer.value());
    }
    if (ciphertext.empty() || ciphertext.size() % blockBytes != 0)
        return Error{ErrorCode::FileTruncated,
                     "The encrypted data is not a whole number of cipher blocks: the file is "
                     "truncated."};
    auto cbc = cbcContext(arena, cipher, key, iv, true);
    if (!cbc)
        return cbc.error();
    auto buffer = arena.allocate(ciphertext.size());
    if (!buffer)
        return buffer.error();
    cbc_decrypt(cbc->context.data(), cbc->function, blockBytes, cbc->iv.data(), ciphertext.size(),
                buffer->data(), ciphertext.data());
    StackWipe::below();
    return std::move(buffer.value());
}

Result<void> KdbxCipher::removePadding(KdbxHeader::Cipher cipher, SecretBuffer& plaintext)
{
    if (cipher == KdbxHeader::Cipher::ChaCha20)
        return {};
    const std::size_t size = plaintext.size();
    const std::uint8_t padding = size == 0 ? 0 : plaintext.data()[size - 1];
    bool valid = padding >= 1 && padding <= blockBytes && padding <= size;
    for (std::size_t i = 1; valid && i <= padding; ++i)
        valid = plaintext.data()[size - i] == padding;
    if (!valid)
        return Error{ErrorCode::FileDamaged,
                     "The decrypted data has invalid padding: the file is damaged."};
    (void)plaintext.resize(size - padding);
    return {};
}

Result<std::vector<std::uint8_t>> KdbxCipher::encrypt(SecretArena& arena, KdbxHeader::Cipher cipher,
                                                      SecretSpan key,
                                                      std::span<const std::uint8_t> iv,
                                                      SecretSpan plaintext)
{
    if (cipher == KdbxHeader::Cipher::ChaCha20) {
        auto buffer = arena.allocate(roundUp(plaintext.size(), chachaBlockBytes));
        if (!buffer)
            return buffer.error();
        if (!plaintext.empty())
            std::memcpy(buffer->data(), plaintext.data(), plaintext.size());
        if (auto done = chachaInPlace(key, iv, buffer->bytes()); !done)
            return done.error();
        return std::vector<std::uint8_t>(buffer->data(), buffer->data() + plaintext.size());
    }
    const std::size_t padding = blockBytes - plaintext.size() % blockBytes;
    auto padded = arena.allocate(plaintext.size() + padding);
    if (!padded)
        return padded.error();
    if (!plaintext.empty())
        std::memcpy(padded->data(), plaintext.data(), plaintext.size());
    std::memset(padded->data() + plaintext.size(), static_cast<int>(padding), padding);
    auto cbc = cbcContext(arena, cipher, key, iv, false);
    if (!cbc)
        return cbc.error();
    std::vector<std::uint8_t> out(padded->size());
    cbc_encrypt(cbc->context.data(), cbc->function, blockBytes, cbc->iv.data(), padded->size(),
                out.data(), padded->data());
    StackWipe::below();
    return out;
}

} // namespace arcanum
