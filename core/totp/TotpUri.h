// TotpUri: reads the ways a TOTP secret is written down, and writes the standard one.
//
// Accepted: an otpauth://totp/ URI (secret, digits, period, algorithm, and encoder=steam as
// KeePassXC writes it), the KeeOTP form "key=...&size=...&step=..." that KeePassXC also reads, and
// a bare Base32 secret (defaults: SHA-1, 6 digits, 30 s). The text and everything decoded from it
// stay in the arena; errors name the parameter, never its value.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "totp/TotpParameters.h"

namespace arcanum {

class TotpUri
{
public:
    // InvalidArgument for malformed input (naming what), Unsupported for HOTP (counter-based).
    [[nodiscard]] static Result<TotpParameters> parse(SecretArena& arena, SecretSpan text);

    // otpauth://totp/<issuer>:<account>?secret=...&period=...&digits=...&issuer=...
    // [&encoder=steam][&algorithm=...], with the label parts percent-encoded. Either part may be
    // empty.
    [[nodiscard]] static Result<SecretBuffer> format(SecretArena& arena,
                                                     const TotpParameters& parameters,
                                                     SecretSpan issuer, SecretSpan account);
};

} // namespace arcanum
