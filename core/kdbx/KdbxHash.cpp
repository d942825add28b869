#include "kdbx/KdbxHash.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum {

namespace {

template <typename State>
Result<State*> stateIn(SecretArena& arena, SecretBuffer& holder)
{
    auto buffer = arena.allocate(sizeof(State));
    if (!buffer)
        return buffer.error();
    holder = std::move(buffer.value());
    return reinterpret_cast<State*>(holder.data());
}

Error wrongSize(const char* what)
{
    return Error{ErrorCode::InvalidArgument, std::string("Wrong output size for ") + what + "."};
}

} // namespace

Result<void> KdbxHash::sha256(SecretArena& arena, Parts parts, std::span<std::uint8_t> out)
{
    if (out.size() != crypto_hash_sha256_BYTES)
        return wrongSize("SHA-256");
    Sodium::ensureInitialized();
    SecretBuffer holder;
    auto state = stateIn<crypto_hash_sha256_state>(arena, holder);
    if (!state)
        return state.error();
    crypto_hash_sha256_init(*state);
    for (const auto& part : parts)
        crypto_hash_sha256_update(*state, part.data(), part.size());
    crypto_hash_sha256_final(*state, out.data());
    return {};
}

Result<void> KdbxHash::sha512(SecretArena& arena, Parts parts, std::span<std::uint8_t> out)
{
    if (out.size() != crypto_hash_sha512_BYTES)
        return wrongSize("SHA-512");
    Sodium::ensureInitialized();
    SecretBuffer holder;
    auto state = stateIn<crypto_hash_sha512_state>(arena, holder);
    if (!state)
        return state.error();
    crypto_hash_sha512_init(*state);
    for (const auto& part : parts)
        crypto_hash_sha512_update(*state, part.data(), part.size());
    crypto_hash_sha512_final(*state, out.data());
    return {};
}

Result<void> KdbxHash::hmacSha256(SecretArena& arena, std::span<const std::uint8_t> key,
                                  Parts parts, std::span<std::uint8_t> out)
{
    if (out.size() != crypto_auth_hmacsha256_BYTES)
        return wrongSize("HMAC-SHA-256");
    Sodium::ensureInitialized();
    SecretBuffer holder;
    auto state = stateIn<crypto_auth_hmacsha256_state>(arena, holder);
    if (!state)
        return state.error();
    crypto_auth_hmacsha256_init(*state, key.data(), key.size());
    for (const auto& part : parts)
        crypto_auth_hmacsha256_update(*state, part.data(), part.size());
    crypto_auth_hmacsha256_final(*state, out.data());
    return {};
}

} // namespace arcanum
