// TotpSource: the current one-time code of an entry (RFC 6238), for get-logins and get-totp.
//
// Implemented by core/totp; the autofill protocol only asks. The code is plaintext: it is
// returned in a buffer of the arena given.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"
#include "vault/EntryView.h"

namespace arcanum::autofill {

class TotpSource
{
public:
    virtual ~TotpSource() = default;
    // The code for `entry` now. InvalidArgument when the entry's TOTP field is not usable.
    [[nodiscard]] virtual Result<SecretBuffer> currentCode(const EntryView& entry,
                                                           SecretArena& arena) = 0;
};

} // namespace arcanum::autofill
