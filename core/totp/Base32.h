// Base32: RFC 4648 Base32, the encoding of TOTP secrets, decoded and encoded in the arena.
//
// Decoding is lenient the way authenticator apps are: letters in either case, spaces, dashes and
// '=' padding ignored. Anything else is an error that names the position, never the character.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

namespace arcanum {

class Base32
{
public:
    [[nodiscard]] static Result<SecretBuffer> decode(SecretArena& arena, SecretSpan text);
    // Upper case, no padding (as otpauth:// URIs carry it).
    [[nodiscard]] static Result<SecretBuffer> encode(SecretArena& arena, SecretSpan bytes);
};

} // namespace arcanum
