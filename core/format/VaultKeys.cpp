#include "format/VaultKeys.h"

#include "crypto/Argon2.h"
#include "crypto/ConstantTime.h"
#include "crypto/KeyedHash.h"

namespace arcanum {

namespace {
constexpr char context[] = "ArcVault";
}

Result<VaultKeys> VaultKeys::derive(SecretSpan password, const Argon2Params& params,
                                    SecretArena& arena)
{
    // Also checked where a file is read, earlier; this guards every other way to derive.
    if (auto within = params.checkLimits(); !within)
        return within.error();
    auto master = arena.allocate(32);
    if (!master)
        return master.error();
    if (auto derived = Argon2::deriveKey(password, params, master->bytes()); !derived)
        return derived.error();
    auto keys = arena.allocate(96);
    if (!keys)
        return keys.error();
    for (std::uint64_t id = 1; id <= 3; ++id) // encKey, checkKey, streamKey
        if (auto derived = KeyedHash::deriveSubkey(master->span(), id, context,
                                                   keys->bytes().subspan(32 * (id - 1), 32));
            !derived)
            return derived.error();
    return VaultKeys(std::move(keys.value())); // `master` is wiped as it goes out of scope
}

Result<std::array<std::uint8_t, 32>>
VaultKeys::keyCheck(std::span<const std::uint8_t> headerPrefix) const
{
    std::array<std::uint8_t, 32> mac{};
    if (auto hashed = KeyedHash::blake2b(checkKey(), headerPrefix, mac); !hashed)
        return hashed.error();
    return mac;
}

bool VaultKeys::verifyKeyCheck(std::span<const std::uint8_t> headerPrefix,
                               std::span<const std::uint8_t> stored) const
{
    auto computed = keyCheck(headerPrefix);
    return computed && ConstantTime::equal(*computed, stored);
}

} // namespace arcanum
