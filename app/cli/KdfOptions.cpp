#include "cli/KdfOptions.h"

namespace arcanum::cli {

Result<std::optional<Argon2Params>> KdfOptions::take(ArgumentList& args,
                                                     const std::optional<Argon2Params>& base)
{
    auto memoryMiB = args.takeNumber("--kdf-memory", 1, Argon2Params::maxMemoryKiB / 1024);
    auto iterations = args.takeNumber("--kdf-iterations", 1, Argon2Params::maxIterations);
    auto lanes = args.takeNumber("--kdf-lanes", 1, Argon2Params::maxLanes);
    for (const auto* option : {&memoryMiB, &iterations, &lanes})
        if (!*option)
            return option->error();
    if (!*memoryMiB && !*iterations && !*lanes)
        return std::optional<Argon2Params>();
    const std::uint32_t memoryKiB =
        *memoryMiB ? **memoryMiB * 1024 : (base ? base->memoryKiB : 256 * 1024);
    const std::uint32_t t = iterations->value_or(base ? base->iterations : 3);
    const std::uint32_t p = lanes->value_or(base ? base->lanes : Argon2Params::defaultLanes());
    Argon2Params params = Argon2Params::withRandomSalt(memoryKiB, t, p);
    if (auto valid = params.validate(); !valid)
        return valid.error();
    if (auto within = params.checkLimits(); !within) // what any reader would refuse
        return Error{ErrorCode::InvalidParameters, within.error().message};
    return std::optional<Argon2Params>(params);
}

} // namespace arcanum::cli
