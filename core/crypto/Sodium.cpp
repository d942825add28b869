#include "crypto/Sodium.h"

#include <cstdlib>
#include <sodium.h>

namespace arcanum {

void Sodium::ensureInitialized()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        std::abort();
}

} // namespace arcanum
