#include "totp/Totp.h"

#include "crypto/Sodium.h"
#include "crypto/StackWipe.h"

#include <nettle/hmac.h>
#include <sodium.h>

namespace arcanum {

namespace {

constexpr char steamAlphabet[] = "23456789BCDFGHJKMNPQRTVWXY";

// HMAC(key, counter as 8 big-endian bytes) into `digest` (arena); returns its length.
Result<std::size_t> hmac(SecretArena& arena, SecretSpan key, TotpAlgorithm algorithm,
                         std::uint64_t counter, SecretBuffer& digest)
{
    std::uint8_t message[8];
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<std::uint8_t>(counter);
        counter >>= 8;
    }
    std::size_t stateBytes = sizeof(hmac_sha1_ctx);
    if (algorithm == TotpAlgorithm::Sha256)
        stateBytes = sizeof(crypto_auth_hmacsha256_state);
    else if (algorithm == TotpAlgorithm::Sha512)
        stateBytes = sizeof(crypto_auth_hmacsha512_state);
    auto state = arena.allocate(stateBytes);
    if (!state)
        return state.error();
    switch (algorithm) {
    case TotpAlgorithm::Sha1: {
        auto* ctx = reinterpret_cast<hmac_sha1_ctx*>(state->data());
        hmac_sha1_set_key(ctx, key.size(), key.data());
        hmac_sha1_update(ctx, sizeof message, message);
        hmac_sha1_digest(ctx, SHA1_DIGEST_SIZE, digest.data());
        StackWipe::below(); // nettle builds the key pads in a stack buffer it does not clear
        return std::size_t(SHA1_DIGEST_SIZE);
    }
    case TotpAlgorithm::Sha256: {
        auto* ctx = reinterpret_cast<crypto_auth_hmacsha256_state*>(state->data());
        crypto_auth_hmacsha256_init(ctx, key.data(), key.size());
        crypto_auth_hmacsha256_update(ctx, message, sizeof message);
        crypto_auth_hmacsha256_final(ctx, digest.data());
        return std::size_t(crypto_auth_hmacsha256_BYTES);
    }
    case TotpAlgorithm::Sha512:
        break;
    }
    auto* ctx = reinterpret_cast<crypto_auth_hmacsha512_state*>(state->data());
    crypto_auth_hmacsha512_init(ctx, key.data(), key.size());
    crypto_auth_hmacsha512_update(ctx, message, sizeof message);
    crypto_auth_hmacsha512_final(ctx, digest.data());
    return std::size_t(crypto_auth_hmacsha512_BYTES);
}

} // namespace

Result<SecretBuffer> Totp::hotp(SecretArena& arena, SecretSpan key, TotpAlgorithm algorithm,
                                std::uint64_t counter, std::uint32_t digits, bool steam)
{
    if (key.empty())
        return Error{ErrorCode::InvalidArgument, "The TOTP secret is empty."};
    if (!steam && (digits < 1 || digits > TotpParameters::maxDigits))
        return Error{ErrorCode::InvalidArgument, "TOTP codes have 1 to 10 digits."};
    Sodium::ensureInitialized();
    auto digest = arena.allocate(crypto_auth_hmacsha512_BYTES);
    if (!digest)
        return digest.error();
    auto length = hmac(arena, key, algorithm, counter, *digest);
    if (!length)
        return length.error();
    // RFC 4226 dynamic truncation.
    const std::uint8_t* d = digest->data();
    const std::size_t offset = d[*length - 1] & 0x0f;
    std::uint64_t binary = (std::uint64_t(d[offset] & 0x7f) << 24) |
                           (std::uint64_t(d[offset + 1]) << 16) |
                           (std::uint64_t(d[offset + 2]) << 8) | std::uint64_t(d[offset + 3]);
    const std::uint32_t characters = steam ? TotpParameters::steamDigits : digits;
    auto out = arena.allocate(characters);
    if (!out)
        return out.error();
    if (steam) {
        for (std::uint32_t i = 0; i < characters; ++i) {
            out->data()[i] = static_cast<std::uint8_t>(steamAlphabet[binary % 26]);
            binary /= 26;
        }
    } else {
        for (std::uint32_t i = characters; i > 0; --i) {
            out->data()[i - 1] = static_cast<std::uint8_t>('0' + binary % 10);
            binary /= 10;
        }
    }
    return std::move(out.value());
}

Result<SecretBuffer> Totp::code(SecretArena& arena, const TotpParameters& parameters,
                                std::uint64_t unixTime)
{
    if (parameters.period == 0)
        return Error{ErrorCode::InvalidArgument, "The TOTP period is zero."};
    return hotp(arena, parameters.key.span(), parameters.algorithm, unixTime / parameters.period,
                parameters.digits, parameters.steam);
}

std::uint32_t Totp::secondsRemaining(const TotpParameters& parameters, std::uint64_t unixTime)
{
    if (parameters.period == 0)
        return 0;
    return parameters.period - static_cast<std::uint32_t>(unixTime % parameters.period);
}

} // namespace arcanum
