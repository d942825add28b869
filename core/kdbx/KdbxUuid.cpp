#include "kdbx/KdbxUuid.h"

#include "crypto/Random.h"

#include <algorithm>
#include <cstdio>

namespace arcanum {

bool KdbxUuid::isNull() const
{
    return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

KdbxUuid KdbxUuid::fromBytes(std::span<const std::uint8_t> data)
{
    KdbxUuid uuid;
    if (data.size() == uuid.bytes.size())
        std::copy(data.begin(), data.end(), uuid.bytes.begin());
    return uuid;
}

KdbxUuid KdbxUuid::random()
{
    KdbxUuid uuid;
    Random::fill(uuid.bytes);
    uuid.bytes[6] = static_cast<std::uint8_t>((uuid.bytes[6] & 0x0f) | 0x40);
    uuid.bytes[8] = static_cast<std::uint8_t>((uuid.bytes[8] & 0x3f) | 0x80);
    return uuid;
}

std::string KdbxUuid::toString() const
{
    char text[37];
    std::snprintf(text, sizeof text,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                  bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                  bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    return text;
}

} // namespace arcanum
