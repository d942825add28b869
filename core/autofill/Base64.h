// Base64: the protocol's standard base64 (with padding, as TweetNaCl's nacl.util writes it), by
// libsodium, which decodes and encodes without making copies of its own.
//
// Used for public keys, nonces and ciphertext (not secret, ordinary memory) and, through the
// span overloads, for the identification keys inside decrypted messages (written into the arena).
#pragma once

#include "secret/SecretBuffer.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace arcanum::autofill {

class Base64
{
public:
    [[nodiscard]] static std::string encode(std::span<const std::uint8_t> bytes);
    // Standard alphabet, padding required, nothing else allowed (no whitespace). nullopt when
    // malformed.
    [[nodiscard]] static std::optional<std::vector<std::uint8_t>> decode(std::string_view text);
    // Decodes into `out`, which must hold exactly the decoded length `expected` (keys, nonces).
    [[nodiscard]] static bool decodeExact(std::span<const std::uint8_t> text,
                                          std::span<std::uint8_t> out);
    // Bytes the encoding of `bytes` bytes takes (without a terminator).
    [[nodiscard]] static std::size_t encodedLength(std::size_t bytes);
    // Encodes into `out` (at least encodedLength(bytes.size()) + 1 bytes, for libsodium's NUL).
    static std::size_t encodeInto(std::span<const std::uint8_t> bytes, std::span<std::uint8_t> out);
};

} // namespace arcanum::autofill
