// KdbxKdfLimits: the sanity check every KeePass file's KDF parameters pass before the KDF runs.
//
// A damaged or hostile header must not make Arcanum allocate 2^60 bytes or spin for a day. The
// Argon2 bounds are the vault's own (Argon2Params) plus what libargon2 requires; AES-KDF gets a
// round limit. Anything beyond gives InvalidParameters naming the value, and nothing is run.
// (The Argon2 part should call the shared KDF-parameter check once core/crypto has one.)
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxKdfParameters.h"

#include <cstdint>

namespace arcanum {

class KdbxKdfLimits
{
public:
    // About 18 s of AES-KDF on a 2.1 GHz Xeon with AES-NI (nettle); KeePass's "one second"
    // setting gives a few million to some tens of millions on current machines.
    static constexpr std::uint64_t maxAesRounds = 1'000'000'000;
    static constexpr std::size_t minSaltBytes = 8;
    static constexpr std::size_t maxSaltBytes = 1024;
    static constexpr std::size_t maxSecretBytes = 1024;

    // `physicalMemoryBytes` 0 = ask the system. Argon2 may use at most half of it.
    [[nodiscard]] static Result<void> check(const KdbxKdfParameters& params,
                                            std::uint64_t physicalMemoryBytes = 0);
};

} // namespace arcanum
