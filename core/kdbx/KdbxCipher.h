// KdbxCipher: the outer encryption of a KeePass file: AES-256-CBC and Twofish-256-CBC (nettle,
// key schedules and IV state in the arena) and ChaCha20 (libsodium, IETF 96-bit nonce).
//
// Ciphertext is not secret and lives in ordinary memory; plaintext is only ever written into the
// arena. nettle's CBC decryption goes straight from the ciphertext into the arena buffer (it uses
// no temporary when source and destination differ). ChaCha20 always runs over whole 64-byte
// blocks of an arena buffer, so libsodium never copies a partial block of plaintext to its stack.
// Twofish keeps a block in stack locals; the stack is wiped after every call.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxHeader.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <span>
#include <vector>

namespace arcanum {

class KdbxCipher
{
public:
    static constexpr std::size_t keyBytes = 32;
    static constexpr std::size_t blockBytes = 16; // AES and Twofish

    // The plaintext in a new arena buffer. CBC padding stays in place (see removePadding): KDBX 3
    // checks its start bytes first, so a wrong key is reported as a wrong key and not as bad
    // padding. FileTruncated when a CBC ciphertext is not a whole number of blocks.
    [[nodiscard]] static Result<SecretBuffer> decrypt(SecretArena& arena, KdbxHeader::Cipher cipher,
                                                      SecretSpan key,
                                                      std::span<const std::uint8_t> iv,
                                                      std::span<const std::uint8_t> ciphertext);
    // Removes PKCS#7 padding (CBC ciphers; a no-op for ChaCha20). FileDamaged when malformed.
    [[nodiscard]] static Result<void> removePadding(KdbxHeader::Cipher cipher,
                                                    SecretBuffer& plaintext);

    // `plaintext` (arena) encrypted, with PKCS#7 padding for CBC, into ordinary memory.
    [[nodiscard]] static Result<std::vector<std::uint8_t>>
    encrypt(SecretArena& arena, KdbxHeader::Cipher cipher, SecretSpan key,
            std::span<const std::uint8_t> iv, SecretSpan plaintext);
};

} // namespace arcanum
