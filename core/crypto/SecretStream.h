// SecretStream: libsodium's crypto_secretstream_xchacha20poly1305, a sequence of authenticated
// chunks under one key (docs/FORMAT.md §2.1).
//
// The stream state holds the key (and the running nonce), so it lives in an arena buffer and is
// wiped with it. Plaintext is read from and written to the caller's arena memory; ciphertext is
// not secret. decrypt() checks a chunk's MAC before it writes a byte of plaintext.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <span>

namespace arcanum {

class SecretStream
{
public:
    static constexpr std::size_t keyBytes = 32;
    static constexpr std::size_t headerBytes = 24;   // written by push(), read by pull()
    static constexpr std::size_t overheadBytes = 17; // per chunk: encrypted tag + 16-byte MAC

    // The chunk tags of libsodium (TAG_MESSAGE, TAG_PUSH, TAG_REKEY, TAG_FINAL).
    enum class Tag : std::uint8_t
    {
        Message = 0,
        Push = 1,
        Rekey = 2,
        Final = 3
    };

    // A stream to encrypt, keyed with `key` (32 bytes, arena); writes its header into `header`.
    [[nodiscard]] static Result<SecretStream>
    push(SecretSpan key, std::span<std::uint8_t, headerBytes> header, SecretArena& arena);
    // A stream to decrypt what push() made with the same key and `header`.
    [[nodiscard]] static Result<SecretStream>
    pull(SecretSpan key, std::span<const std::uint8_t, headerBytes> header, SecretArena& arena);

    // Encrypts one chunk into `out` (exactly plaintext.size() + overheadBytes bytes).
    [[nodiscard]] Result<void> encrypt(SecretSpan plaintext,
                                       std::span<const std::uint8_t> associatedData, Tag tag,
                                       std::span<std::uint8_t> out);
    // Decrypts the next chunk into `out` (arena memory of exactly ciphertext.size() -
    // overheadBytes bytes) and returns its tag. AuthenticationFailed (nothing written) when the
    // chunk, the associated data or the chunk's place in the stream is wrong.
    [[nodiscard]] Result<Tag> decrypt(std::span<const std::uint8_t> ciphertext,
                                      std::span<const std::uint8_t> associatedData,
                                      std::span<std::uint8_t> out);

private:
    explicit SecretStream(SecretBuffer state) : m_state(std::move(state)) {}
    [[nodiscard]] static Result<SecretStream> start(SecretSpan key, SecretArena& arena);

    SecretBuffer m_state; // crypto_secretstream_xchacha20poly1305_state
};

} // namespace arcanum
