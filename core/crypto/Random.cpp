#include "crypto/Random.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum {

void Random::fill(std::span<std::uint8_t> out)
{
    Sodium::ensureInitialized();
    randombytes_buf(out.data(), out.size());
}

std::uint32_t Random::uniform(std::uint32_t upperBound)
{
    Sodium::ensureInitialized();
    return randombytes_uniform(upperBound);
}

} // namespace arcanum
