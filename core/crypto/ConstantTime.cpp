#include "crypto/ConstantTime.h"

#include <sodium.h>

namespace arcanum {

bool ConstantTime::equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b)
{
    if (a.size() != b.size())
        return false;
    if (a.empty())
        return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace arcanum
