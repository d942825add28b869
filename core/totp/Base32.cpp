#include "totp/Base32.h"

namespace arcanum {

namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int valueOf(std::uint8_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

} // namespace

Result<SecretBuffer> Base32::decode(SecretArena& arena, SecretSpan text)
{
    auto out = arena.allocate(text.size() * 5 / 8 + 1);
    if (!out)
        return out.error();
    std::uint32_t bits = 0;
    int bitCount = 0;
    std::size_t length = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::uint8_t c = text[i];
        if (c == ' ' || c == '-' || c == '=' || c == '\t')
            continue;
        const int value = valueOf(c);
        if (value < 0)
            return Error{ErrorCode::InvalidArgument, "The TOTP secret is not Base32 (character " +
                                                         std::to_string(i + 1) +
                                                         " is not a letter or a digit 2-7)."};
        bits = (bits << 5) | std::uint32_t(value);
        bitCount += 5;
        if (bitCount >= 8) {
            bitCount -= 8;
            out->data()[length++] = static_cast<std::uint8_t>(bits >> bitCount);
        }
        bits &= (1u << bitCount) - 1; // keep only what is not yet emitted
    }
    if (length == 0)
        return Error{ErrorCode::InvalidArgument, "The TOTP secret is empty."};
    if (auto shrunk = out->resize(length); !shrunk)
        return shrunk.error();
    return std::move(out.value());
}

Result<SecretBuffer> Base32::encode(SecretArena& arena, SecretSpan bytes)
{
    auto out = arena.allocate((bytes.size() * 8 + 4) / 5);
    if (!out)
        return out.error();
    std::uint32_t bits = 0;
    int bitCount = 0;
    std::size_t length = 0;
    for (const std::uint8_t byte : bytes) {
        bits = (bits << 8) | byte;
        bitCount += 8;
        while (bitCount >= 5) {
            bitCount -= 5;
            out->data()[length++] = static_cast<std::uint8_t>(alphabet[(bits >> bitCount) & 31]);
        }
        bits &= (1u << bitCount) - 1;
    }
    if (bitCount > 0)
        out->data()[length++] = static_cast<std::uint8_t>(alphabet[(bits << (5 - bitCount)) & 31]);
    return std::move(out.value());
}

} // namespace arcanum
