// ConstantTime: comparisons whose duration does not depend on where the inputs differ.
#pragma once

#include <cstdint>
#include <span>

namespace arcanum {

class ConstantTime
{
public:
    // True when both have the same length and the same bytes (sodium_memcmp). Only the
    // lengths may leak through timing.
    [[nodiscard]] static bool equal(std::span<const std::uint8_t> a,
                                    std::span<const std::uint8_t> b);
};

} // namespace arcanum
