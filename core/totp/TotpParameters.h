// TotpParameters: everything needed to compute a TOTP code (RFC 6238): the shared secret (in the
// arena), the HMAC algorithm, the number of digits, the period, and whether the code is Steam
// Guard's five-character form.
#pragma once

#include "secret/SecretBuffer.h"

#include <cstdint>
#include <string>

namespace arcanum {

enum class TotpAlgorithm
{
    Sha1,
    Sha256,
    Sha512,
};

struct TotpParameters
{
    static constexpr std::uint32_t defaultDigits = 6;
    static constexpr std::uint32_t defaultPeriod = 30;
    static constexpr std::uint32_t minDigits = 6;
    static constexpr std::uint32_t maxDigits = 10;
    static constexpr std::uint32_t steamDigits = 5;
    static constexpr std::uint32_t maxPeriod = 86400;

    SecretBuffer key; // the decoded secret
    TotpAlgorithm algorithm = TotpAlgorithm::Sha1;
    std::uint32_t digits = defaultDigits; // Steam: 5 characters
    std::uint32_t period = defaultPeriod; // seconds
    bool steam = false;

    // "SHA1" / "SHA256" / "SHA512", as otpauth URIs write them.
    [[nodiscard]] static const char* algorithmName(TotpAlgorithm algorithm);
};

} // namespace arcanum
