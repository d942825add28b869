// KdbxHash: the hashes KDBX is built from (SHA-256, SHA-512, HMAC-SHA-256), computed by
// libsodium with every hash state in the arena.
//
// Inputs are several parts hashed as one message (KDBX hashes concatenations such as
// masterSeed ‖ transformedKey ‖ 0x01), so no caller has to concatenate secrets into a temporary.
// `out` should itself be arena memory whenever the digest is key material.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <initializer_list>
#include <span>

namespace arcanum {

class KdbxHash
{
public:
    using Parts = std::initializer_list<std::span<const std::uint8_t>>;

    // out: 32 bytes.
    [[nodiscard]] static Result<void> sha256(SecretArena& arena, Parts parts,
                                             std::span<std::uint8_t> out);
    // out: 64 bytes.
    [[nodiscard]] static Result<void> sha512(SecretArena& arena, Parts parts,
                                             std::span<std::uint8_t> out);
    // out: 32 bytes; key of any length.
    [[nodiscard]] static Result<void> hmacSha256(SecretArena& arena,
                                                 std::span<const std::uint8_t> key, Parts parts,
                                                 std::span<std::uint8_t> out);
};

} // namespace arcanum
