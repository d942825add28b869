#include "totp/TotpLegacy.h"

#include "totp/Base32.h"
#include "totp/TotpUri.h"

#include <optional>

namespace arcanum {

namespace {

std::optional<std::uint32_t> number(SecretSpan text)
{
    if (text.empty() || text.size() > 9)
        return std::nullopt;
    std::uint32_t value = 0;
    for (const std::uint8_t c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

Error invalid(const std::string& what)
{
    return Error{ErrorCode::InvalidArgument,
                 "The entry's TOTP Settings field is invalid: " + what + "."};
}

} // namespace

Result<TotpParameters> TotpLegacy::parse(SecretArena& arena, SecretSpan seed, SecretSpan settings)
{
    bool separator = false;
    for (const std::uint8_t c : settings)
        separator = separator || c == ';';
    if (!settings.empty() && !separator)
        return TotpUri::parse(arena, settings); // an otpauth URI or KeeOTP text in the settings

    TotpParameters parameters;
    auto key = Base32::decode(arena, seed);
    if (!key)
        return key.error();
    parameters.key = std::move(key.value());
    if (settings.empty())
        return parameters;

    std::size_t semicolon = 0;
    while (settings[semicolon] != ';')
        ++semicolon;
    const SecretSpan period = settings.sub(0, semicolon);
    const SecretSpan digits = settings.sub(semicolon + 1);
    const auto seconds = number(period);
    if (!seconds || *seconds < 1 || *seconds > TotpParameters::maxPeriod)
        return invalid("the period must be 1 to 86400 seconds");
    parameters.period = *seconds;
    if (digits.size() == 1 && digits[0] == 'S') {
        parameters.steam = true;
        parameters.digits = TotpParameters::steamDigits;
        return parameters;
    }
    const auto count = number(digits);
    if (!count || *count < TotpParameters::minDigits || *count > TotpParameters::maxDigits)
        return invalid("codes must have 6 to 10 digits");
    parameters.digits = *count;
    return parameters;
}

} // namespace arcanum
