// Totp: computes one-time codes (RFC 6238 TOTP over RFC 4226 HOTP) inside the arena.
//
// HMAC-SHA-1 comes from nettle, HMAC-SHA-256/512 from libsodium; every HMAC state and digest is
// an arena buffer, and the stack nettle leaves its key pads in is wiped after each code. Codes are
// 6-10 decimal digits, or Steam Guard's five characters from its 26-letter alphabet.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "totp/TotpParameters.h"

#include <cstdint>

namespace arcanum {

class Totp
{
public:
    // The code valid at `unixTime`, as ASCII characters in a new arena buffer.
    [[nodiscard]] static Result<SecretBuffer>
    code(SecretArena& arena, const TotpParameters& parameters, std::uint64_t unixTime);
    // RFC 4226: the code for `counter`.
    [[nodiscard]] static Result<SecretBuffer> hotp(SecretArena& arena, SecretSpan key,
                                                   TotpAlgorithm algorithm, std::uint64_t counter,
                                                   std::uint32_t digits, bool steam = false);
    // Seconds until the code changes (1 to period).
    [[nodiscard]] static std::uint32_t secondsRemaining(const TotpParameters& parameters,
                                                        std::uint64_t unixTime);
};

} // namespace arcanum
