#include "kdbx/KdbxKdfLimits.h"

#include "crypto/Argon2Params.h"

#include <string>
#include <unistd.h>

namespace arcanum {

namespace {

Error beyond(const std::string& what)
{
    return Error{ErrorCode::InvalidParameters,
                 "The database's key derivation settings are beyond sane limits (" + what +
                     "); Arcanum does not run them. The header may be damaged."};
}

std::uint64_t systemMemoryBytes()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return 0;
    return std::uint64_t(pages) * std::uint64_t(pageSize);
}

std::string mib(std::uint64_t bytes)
{
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

} // namespace

Result<void> KdbxKdfLimits::check(const KdbxKdfParameters& params,
                                  std::uint64_t physicalMemoryBytes)
{
    if (params.algorithm == KdbxKdfParameters::Algorithm::AesKdf) {
        if (params.aesRounds > maxAesRounds)
            return beyond("AES-KDF with " + std::to_string(params.aesRounds) + " rounds; at most " +
                          std::to_string(maxAesRounds));
        return {};
    }
    if (params.version != 0x10 && params.version != 0x13)
        return Error{ErrorCode::Unsupported,
                     "The database uses Argon2 version " + std::to_string(params.version) +
                         "; Arcanum knows versions 16 (0x10) and 19 (0x13)."};
    if (params.lanes < 1 || params.lanes > Argon2Params::maxLanes)
        return beyond("Argon2 with " + std::to_string(params.lanes) + " lanes; 1 to " +
                      std::to_string(Argon2Params::maxLanes));
    if (params.iterations < 1 || params.iterations > Argon2Params::maxIterations)
        return beyond("Argon2 with " + std::to_string(params.iterations) + " passes; 1 to " +
                      std::to_string(Argon2Params::maxIterations));
    const std::uint64_t memoryKiB = params.memoryBytes / 1024;
    const std::uint64_t minKiB =
        std::max<std::uint64_t>(Argon2Params::minMemoryKiB, 8 * std::uint64_t(params.lanes));
    if (memoryKiB < minKiB)
        return beyond("Argon2 with " + std::to_string(memoryKiB) + " KiB of memory; at least " +
                      std::to_string(minKiB) + " KiB for " + std::to_string(params.lanes) +
                      " lanes");
    if (memoryKiB > Argon2Params::maxMemoryKiB)
        return beyond("Argon2 with " + mib(params.memoryBytes) + " of memory; at most " +
                      mib(std::uint64_t(Argon2Params::maxMemoryKiB) * 1024));
    const std::uint64_t ram = physicalMemoryBytes != 0 ? physicalMemoryBytes : systemMemoryBytes();
    if (ram != 0 && params.memoryBytes > ram / 2)
        return beyond("Argon2 with " + mib(params.memoryBytes) +
                      " of memory, more than half of this machine's " + mib(ram));
    if (params.salt.size() < minSaltBytes || params.salt.size() > maxSaltBytes)
        return beyond("an Argon2 salt of " + std::to_string(params.salt.size()) + " bytes; " +
                      std::to_string(minSaltBytes) + " to " + std::to_string(maxSaltBytes));
    if (params.secret.size() > maxSecretBytes || params.associatedData.size() > maxSecretBytes)
        return beyond("an Argon2 secret or associated data over " + std::to_string(maxSecretBytes) +
                      " bytes");
    return {};
}

} // namespace arcanum
