// Aead: XChaCha20-Poly1305 (IETF) from libsodium.
//
// Plaintext only ever sits in arena memory: seal() reads it from a SecretSpan, open() writes it
// into an arena buffer. Ciphertext is not secret and lives in ordinary memory.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "secret/SecretSpan.h"

#include <cstdint>
#include <span>
#include <vector>

namespace arcanum {

class Aead
{
public:
    static constexpr std::size_t keyBytes = 32;
    static constexpr std::size_t nonceBytes = 24;
    static constexpr std::size_t tagBytes = 16;

    // ciphertext || tag.
    [[nodiscard]] static Result<std::vector<std::uint8_t>>
    seal(SecretSpan plaintext, std::span<const std::uint8_t> associatedData, SecretSpan key,
         std::span<const std::uint8_t> nonce);

    // Verifies and decrypts into a new buffer in `arena`. AuthenticationFailed when the key,
    // nonce, associated data or any ciphertext byte is wrong; nothing is written then.
    [[nodiscard]] static Result<SecretBuffer>
    open(std::span<const std::uint8_t> ciphertext, std::span<const std::uint8_t> associatedData,
         SecretSpan key, std::span<const std::uint8_t> nonce, SecretArena& arena);

    // The same, into `plaintext` (arena memory of exactly ciphertext.size() - tagBytes bytes),
    // for callers that allocated (and touched) the destination in advance.
    [[nodiscard]] static Result<void> openInto(std::span<const std::uint8_t> ciphertext,
                                               std::span<const std::uint8_t> associatedData,
                                               SecretSpan key, std::span<const std::uint8_t> nonce,
                                               std::span<std::uint8_t> plaintext);
};

} // namespace arcanum
