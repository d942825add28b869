// TotpLegacy: KeePassXC's TOTP fields from before it used the `otp` field: "TOTP Seed" (a Base32
// secret) and "TOTP Settings" ("30;6" = period;digits, "30;S" = Steam Guard, or empty for the
// defaults). Settings that are themselves an otpauth URI or KeeOTP text are read as TotpUri does.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "totp/TotpParameters.h"

namespace arcanum {

class TotpLegacy
{
public:
    [[nodiscard]] static Result<TotpParameters> parse(SecretArena& arena, SecretSpan seed,
                                                      SecretSpan settings);
};

} // namespace arcanum
