// KdbxTime: KeePass time stamps to and from Unix seconds.
//
// KDBX 4 writes a time as Base64 of a little-endian int64 counting seconds since
// 0001-01-01T00:00:00Z; KDBX 3.1 writes ISO 8601 text ("2024-05-01T12:00:00Z"). Time stamps are
// not secret (the vault keeps them in its ordinary-memory index too).
#pragma once

#include "secret/SecretSpan.h"

#include <cstdint>
#include <optional>
#include <string>

namespace arcanum {

class KdbxTime
{
public:
    // Either form (whitespace around it ignored); nullopt when it is neither.
    [[nodiscard]] static std::optional<std::int64_t> parse(SecretSpan text);
    // The KDBX 4 form: 12 Base64 characters.
    [[nodiscard]] static std::string toKdbx4(std::int64_t unixSeconds);
    // "2024-05-01T12:00:00Z".
    [[nodiscard]] static std::string toIso(std::int64_t unixSeconds);
};

} // namespace arcanum
