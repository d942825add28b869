// Random: every random byte Arcanum uses comes from libsodium's randombytes_buf.
#pragma once

#include <cstdint>
#include <span>

namespace arcanum {

class Random
{
public:
    static void fill(std::span<std::uint8_t> out);
    // Uniform in [0, upperBound), without modulo bias.
    [[nodiscard]] static std::uint32_t uniform(std::uint32_t upperBound);
};

} // namespace arcanum
