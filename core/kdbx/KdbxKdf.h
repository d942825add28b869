// KdbxKdf: turns a composite key into KDBX's transformed key (the slow step).
//
// Argon2d / Argon2id through libargon2 (one thread per lane, via crypto/Argon2); AES-KDF through
// nettle, with the AES key schedule and the 32 bytes being transformed in the arena. The
// parameters pass KdbxKdfLimits first; nothing runs when they do not.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxKdfParameters.h"
#include "secret/SecretArena.h"

namespace arcanum {

class KdbxKdf
{
public:
    static constexpr std::size_t keyBytes = 32;

    // The 32-byte transformed key, in `arena`.
    [[nodiscard]] static Result<SecretBuffer> transform(SecretArena& arena, SecretSpan compositeKey,
                                                        const KdbxKdfParameters& params);
};

} // namespace arcanum
