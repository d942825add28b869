#include "kdbx/KdbxKdfParameters.h"

#include "crypto/Random.h"
#include "kdbx/KdbxFormat.h"

#include <algorithm>

namespace arcanum {

namespace {

constexpr char uuidKey[] = "$UUID";
constexpr char aesRoundsKey[] = "R";
constexpr char aesSeedKey[] = "S";
constexpr char saltKey[] = "S";
constexpr char lanesKey[] = "P";
constexpr char memoryKey[] = "M";
constexpr char iterationsKey[] = "I";
constexpr char versionKey[] = "V";
constexpr char secretKey[] = "K";
constexpr char associatedDataKey[] = "A";

Error missing(const char* what)
{
    return Error{ErrorCode::FileDamaged, std::string("The header's KDF parameters lack ") + what +
                                             " (or have the wrong type)."};
}

} // namespace

KdbxKdfParameters KdbxKdfParameters::argon2(Algorithm variant, std::uint64_t memoryBytes,
                                            std::uint64_t iterations, std::uint32_t lanes)
{
    KdbxKdfParameters params;
    params.algorithm = variant;
    params.uuid = variant == Algorithm::Argon2d ? kdbx::kdfArgon2d : kdbx::kdfArgon2id;
    params.memoryBytes = memoryBytes;
    params.iterations = iterations;
    params.lanes = lanes;
    params.version = 0x13;
    params.salt.resize(32);
    Random::fill(params.salt);
    return params;
}

KdbxKdfParameters KdbxKdfParameters::withFreshSalt() const
{
    KdbxKdfParameters params = *this;
    if (params.algorithm == Algorithm::AesKdf)
        Random::fill(params.aesSeed);
    else
        Random::fill(params.salt);
    return params;
}

Result<KdbxKdfParameters> KdbxKdfParameters::fromVariantMap(const VariantMap& map)
{
    const auto uuidBytes = map.bytes(uuidKey);
    if (!uuidBytes || uuidBytes->size() != 16)
        return missing("the KDF's UUID");
    KdbxKdfParameters params;
    params.uuid = KdbxUuid::fromBytes(*uuidBytes);
    if (params.uuid == kdbx::kdfAesKdbx3 || params.uuid == kdbx::kdfAesKdbx4) {
        params.algorithm = Algorithm::AesKdf;
        const auto rounds = map.unsignedValue(aesRoundsKey);
        const auto seed = map.bytes(aesSeedKey);
        if (!rounds)
            return missing("AES-KDF's rounds (R)");
        if (!seed || seed->size() != params.aesSeed.size())
            return missing("AES-KDF's 32-byte seed (S)");
        params.aesRounds = *rounds;
        std::copy(seed->begin(), seed->end(), params.aesSeed.begin());
        return params;
    }
    if (params.uuid == kdbx::kdfArgon2d)
        params.algorithm = Algorithm::Argon2d;
    else if (params.uuid == kdbx::kdfArgon2id)
        params.algorithm = Algorithm::Argon2id;
    else
        return Error{ErrorCode::Unsupported, "The database uses a key derivation function Arcanum "
                                             "does not know (" +
                                                 params.uuid.toString() +
                                                 "); it reads Argon2d, Argon2id and AES-KDF."};
    const auto salt = map.bytes(saltKey);
    const auto lanes = map.unsignedValue(lanesKey);
    const auto memory = map.unsignedValue(memoryKey);
    const auto iterations = map.unsignedValue(iterationsKey);
    const auto version = map.unsignedValue(versionKey);
    if (!salt)
        return missing("Argon2's salt (S)");
    if (!lanes)
        return missing("Argon2's parallelism (P)");
    if (!memory)
        return missing("Argon2's memory (M)");
    if (!iterations)
        return missing("Argon2's iterations (I)");
    if (!version)
        return missing("Argon2's version (V)");
    params.salt.assign(salt->begin(), salt->end());
    params.lanes = static_cast<std::uint32_t>(std::min<std::uint64_t>(*lanes, UINT32_MAX));
    params.memoryBytes = *memory;
    params.iterations = *iterations;
    params.version = static_cast<std::uint32_t>(std::min<std::uint64_t>(*version, UINT32_MAX));
    if (const auto secret = map.bytes(secretKey))
        params.secret.assign(secret->begin(), secret->end());
    if (const auto ad = map.bytes(associatedDataKey))
        params.associatedData.assign(ad->begin(), ad->end());
    return params;
}

VariantMap KdbxKdfParameters::toVariantMap() const
{
    VariantMap map;
    map.setBytes(uuidKey, uuid.bytes);
    if (algorithm == Algorithm::AesKdf) {
        map.setUInt64(aesRoundsKey, aesRounds);
        map.setBytes(aesSeedKey, aesSeed);
        return map;
    }
    map.setBytes(saltKey, salt);
    map.setUInt32(lanesKey, lanes);
    map.setUInt64(memoryKey, memoryBytes);
    map.setUInt64(iterationsKey, iterations);
    map.setUInt32(versionKey, version);
    if (!secret.empty())
        map.setBytes(secretKey, secret);
    if (!associatedData.empty())
        map.setBytes(associatedDataKey, associatedData);
    return map;
}

std::string KdbxKdfParameters::describe() const
{
    if (algorithm == Algorithm::AesKdf)
        return "AES-KDF, " + std::to_string(aesRounds) + " rounds";
    const std::uint64_t kib = memoryBytes / 1024;
    const std::string memory =
        kib % 1024 == 0 ? std::to_string(kib / 1024) + " MiB" : std::to_string(kib) + " KiB";
    return std::string(algorithm == Algorithm::Argon2d ? "Argon2d" : "Argon2id") + ", " + memory +
           ", " + std::to_string(iterations) + (iterations == 1 ? " pass, " : " passes, ") +
           std::to_string(lanes) + (lanes == 1 ? " lane" : " lanes");
}

} // namespace arcanum
