#include "totp/TotpUri.h"

#include "totp/Base32.h"

#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace arcanum {

namespace {

bool equalsIgnoringCase(SecretSpan text, std::string_view expected)
{
    if (text.size() != expected.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::uint8_t c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<std::uint8_t>(c - 'A' + 'a');
        std::uint8_t e = static_cast<std::uint8_t>(expected[i]);
        if (e >= 'A' && e <= 'Z')
            e = static_cast<std::uint8_t>(e - 'A' + 'a');
        if (c != e)
            return false;
    }
    return true;
}

bool startsWithIgnoringCase(SecretSpan text, std::string_view prefix)
{
    return text.size() >= prefix.size() && equalsIgnoringCase(text.sub(0, prefix.size()), prefix);
}

int hexValue(std::uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// `value` with %XX sequences decoded, into a new arena buffer.
Result<SecretBuffer> percentDecoded(SecretArena& arena, SecretSpan value)
{
    auto out = arena.allocate(value.size());
    if (!out)
        return out.error();
    std::size_t length = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '%' && i + 2 < value.size() && hexValue(value[i + 1]) >= 0 &&
            hexValue(value[i + 2]) >= 0) {
            out->data()[length++] =
                static_cast<std::uint8_t>(hexValue(value[i + 1]) * 16 + hexValue(value[i + 2]));
            i += 2;
        } else {
            out->data()[length++] = value[i];
        }
    }
    (void)out->resize(length);
    return std::move(out.value());
}

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
    return Error{ErrorCode::InvalidArgument, "The TOTP settings are invalid: " + what + "."};
}

std::optional<TotpAlgorithm> algorithmFor(SecretSpan name)
{
    for (const auto& [text, algorithm] :
         {std::pair<std::string_view, TotpAlgorithm>{"SHA1", TotpAlgorithm::Sha1},
          {"HMAC-SHA-1", TotpAlgorithm::Sha1},
          {"SHA256", TotpAlgorithm::Sha256},
          {"HMAC-SHA-256", TotpAlgorithm::Sha256},
          {"SHA512", TotpAlgorithm::Sha512},
          {"HMAC-SHA-512", TotpAlgorithm::Sha512}})
        if (equalsIgnoringCase(name, text))
            return algorithm;
    return std::nullopt;
}

// Reads name=value pairs separated by '&' (an otpauth query, or the KeeOTP form).
Result<TotpParameters> parseQuery(SecretArena& arena, SecretSpan query, bool keeOtp)
{
    TotpParameters parameters;
    bool haveSecret = false;
    bool haveDigits = false;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = start;
        while (end < query.size() && query[end] != '&')
            ++end;
        const SecretSpan pair = query.sub(start, end - start);
        start = end + 1;
        std::size_t equals = 0;
        while (equals < pair.size() && pair[equals] != '=')
            ++equals;
        const SecretSpan name = pair.sub(0, equals);
        const SecretSpan raw = pair.sub(equals + 1);
        if (pair.empty())
            continue;
        auto value = percentDecoded(arena, raw);
        if (!value)
            return value.error();
        if (equalsIgnoringCase(name, keeOtp ? "key" : "secret")) {
            auto key = Base32::decode(arena, value->span());
            if (!key)
                return key.error();
            parameters.key = std::move(key.value());
            haveSecret = true;
        } else if (equalsIgnoringCase(name, keeOtp ? "size" : "digits")) {
            const auto digits = number(value->span());
            if (!digits)
                return invalid("the number of digits is not a number");
            parameters.digits = *digits;
            haveDigits = true;
        } else if (equalsIgnoringCase(name, keeOtp ? "step" : "period")) {
            const auto period = number(value->span());
            if (!period || *period < 1 || *period > TotpParameters::maxPeriod)
                return invalid("the period must be 1 to 86400 seconds");
            parameters.period = *period;
        } else if (equalsIgnoringCase(name, keeOtp ? "otpHashMode" : "algorithm")) {
            const auto algorithm = algorithmFor(value->span());
            if (!algorithm)
                return invalid("the algorithm is not SHA1, SHA256 or SHA512");
            parameters.algorithm = *algorithm;
        } else if (!keeOtp && equalsIgnoringCase(name, "encoder")) {
            if (!equalsIgnoringCase(value->span(), "steam"))
                return invalid("the only encoder known is \"steam\"");
            parameters.steam = true;
        }
    }
    if (!haveSecret)
        return invalid("there is no secret");
    if (parameters.steam) {
        parameters.digits = TotpParameters::steamDigits;
    } else if (haveDigits && (parameters.digits < TotpParameters::minDigits ||
                              parameters.digits > TotpParameters::maxDigits)) {
        return invalid("codes must have 6 to 10 digits");
    }
    return parameters;
}

void appendPercentEncoded(SecretBuffer& out, std::size_t& length, SecretSpan text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const std::uint8_t c : text) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            out.data()[length++] = c;
        } else {
            out.data()[length++] = '%';
            out.data()[length++] = static_cast<std::uint8_t>(hex[c >> 4]);
            out.data()[length++] = static_cast<std::uint8_t>(hex[c & 15]);
        }
    }
}

void appendAscii(SecretBuffer& out, std::size_t& length, std::string_view text)
{
    std::memcpy(out.data() + length, text.data(), text.size());
    length += text.size();
}

} // namespace

Result<TotpParameters> TotpUri::parse(SecretArena& arena, SecretSpan text)
{
    std::size_t begin = 0, end = text.size();
    auto space = [](std::uint8_t c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    while (begin < end && space(text[begin]))
        ++begin;
    while (end > begin && space(text[end - 1]))
        --end;
    const SecretSpan trimmed = text.sub(begin, end - begin);
    if (trimmed.empty())
        return invalid("there is no secret");

    constexpr std::string_view scheme = "otpauth://";
    if (startsWithIgnoringCase(trimmed, scheme)) {
        const SecretSpan rest = trimmed.sub(scheme.size());
        if (startsWithIgnoringCase(rest, "hotp"))
            return Error{ErrorCode::Unsupported,
                         "Counter-based one-time passwords (HOTP) are not supported; only TOTP."};
        if (!startsWithIgnoringCase(rest, "totp"))
            return invalid("an otpauth URI must be of type totp");
        std::size_t question = 0;
        while (question < rest.size() && rest[question] != '?')
            ++question;
        if (question == rest.size())
            return invalid("the otpauth URI has no parameters");
        return parseQuery(arena, rest.sub(question + 1), false);
    }
    for (std::size_t i = 0; i + 4 <= trimmed.size(); ++i)
        if ((i == 0 || trimmed[i - 1] == '&') && startsWithIgnoringCase(trimmed.sub(i), "key="))
            return parseQuery(arena, trimmed, true);

    TotpParameters parameters;
    auto key = Base32::decode(arena, trimmed);
    if (!key)
        return key.error();
    parameters.key = std::move(key.value());
    return parameters;
}

Result<SecretBuffer> TotpUri::format(SecretArena& arena, const TotpParameters& parameters,
                                     SecretSpan issuer, SecretSpan account)
{
    auto secret = Base32::encode(arena, parameters.key.span());
    if (!secret)
        return secret.error();
    auto out = arena.allocate(160 + 6 * (issuer.size() + account.size()) + secret->size());
    if (!out)
        return out.error();
    std::size_t length = 0;
    appendAscii(*out, length, "otpauth://totp/");
    appendPercentEncoded(*out, length, issuer.empty() ? SecretSpan() : issuer);
    if (!issuer.empty() && !account.empty())
        appendAscii(*out, length, ":");
    appendPercentEncoded(*out, length, account);
    appendAscii(*out, length, "?secret=");
    appendAscii(*out, length, std::string_view(secret->span().chars(), secret->size()));
    appendAscii(*out, length, "&period=" + std::to_string(parameters.period));
    appendAscii(*out, length, "&digits=" + std::to_string(parameters.digits));
    if (!issuer.empty()) {
        appendAscii(*out, length, "&issuer=");
        appendPercentEncoded(*out, length, issuer);
    }
    if (parameters.steam)
        appendAscii(*out, length, "&encoder=steam");
    if (parameters.algorithm != TotpAlgorithm::Sha1) {
        appendAscii(*out, length, "&algorithm=");
        appendAscii(*out, length, TotpParameters::algorithmName(parameters.algorithm));
    }
    (void)out->resize(length);
    return std::move(out.value());
}

} // namespace arcanum
