// KdfOptions: the --kdf-memory / --kdf-iterations / --kdf-lanes options of init and passwd.
#pragma once

#include "cli/ArgumentList.h"
#include "crypto/Argon2Params.h"

#include <optional>

namespace arcanum::cli {

class KdfOptions
{
public:
    // Parameters with a fresh salt when any --kdf-* option is given (the others taken from
    // `base`, or 256 MiB / 3 passes / default lanes); nullopt when none is.
    [[nodiscard]] static Result<std::optional<Argon2Params>>
    take(ArgumentList& args, const std::optional<Argon2Params>& base = {});
};

} // namespace arcanum::cli
