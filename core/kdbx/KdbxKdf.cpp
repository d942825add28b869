#include "kdbx/KdbxKdf.h"

#include "crypto/Argon2.h"
#include "crypto/StackWipe.h"
#include "kdbx/KdbxHash.h"
#include "kdbx/KdbxKdfLimits.h"

#include <cstring>
#include <nettle/aes.h>

namespace arcanum {

namespace {

Result<SecretBuffer> aesKdf(SecretArena& arena, SecretSpan compositeKey,
                            const KdbxKdfParameters& params)
{
    auto context = arena.allocate(sizeof(aes256_ctx));
    auto block = arena.copyOf(compositeKey);
    auto out = arena.allocate(KdbxKdf::keyBytes);
    if (!context)
        return context.error();
    if (!block)
        return block.error();
    if (!out)
        return out.error();
    auto* aes = reinterpret_cast<aes256_ctx*>(context->data());
    aes256_set_encrypt_key(aes, params.aesSeed.data());
    // Both 16-byte halves, `rounds` times each, in ECB mode: one call per round.
    for (std::uint64_t round = 0; round < params.aesRounds; ++round)
        aes256_encrypt(aes, block->size(), block->data(), block->data());
    StackWipe::below();
    if (auto hashed = KdbxHash::sha256(arena, {block->bytes()}, out->bytes()); !hashed)
        return hashed.error();
    return std::move(out.value());
}

} // namespace

Result<SecretBuffer> KdbxKdf::transform(SecretArena& arena, SecretSpan compositeKey,
                                        const KdbxKdfParameters& params)
{
    if (auto sane = KdbxKdfLimits::check(params); !sane)
        return sane.error();
    if (compositeKey.size() != keyBytes)
        return Error{ErrorCode::InvalidArgument, "A KeePass composite key has 32 bytes."};
    if (params.algorithm == KdbxKdfParameters::Algorithm::AesKdf)
        return aesKdf(arena, compositeKey, params);

    auto out = arena.allocate(keyBytes);
    if (!out)
        return out.error();
    Argon2::RawInput input;
    input.variant = params.algorithm == KdbxKdfParameters::Algorithm::Argon2d
                        ? Argon2::Variant::Argon2d
                        : Argon2::Variant::Argon2id;
    input.version = params.version;
    input.memoryKiB = static_cast<std::uint32_t>(params.memoryBytes / 1024);
    input.iterations = static_cast<std::uint32_t>(params.iterations);
    input.lanes = params.lanes;
    input.salt = params.salt;
    input.secret = params.secret;
    input.associatedData = params.associatedData;
    if (auto hashed = Argon2::hashRaw(compositeKey, input, out->bytes()); !hashed)
        return hashed.error();
    return std::move(out.value());
}

} // namespace arcanum
