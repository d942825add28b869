// KdbxUuid: the 16-byte identifier KeePass gives every group, entry, cipher and KDF.
//
// Identifiers are not secret (the vault keeps its own entry ids in ordinary memory as well), so
// this is a plain value type. Bytes are in RFC 4122 order, as KDBX stores them.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace arcanum {

struct KdbxUuid
{
    std::array<std::uint8_t, 16> bytes{};

    [[nodiscard]] bool isNull() const;
    // From exactly 16 bytes; anything else is the null UUID.
    [[nodiscard]] static KdbxUuid fromBytes(std::span<const std::uint8_t> data);
    // 16 random bytes with the RFC 4122 version-4 bits set.
    [[nodiscard]] static KdbxUuid random();
    // "31c1f2e6-bf71-4350-be58-05216afc5aff", for messages about ciphers and KDFs.
    [[nodiscard]] std::string toString() const;

    bool operator==(const KdbxUuid&) const = default;
};

} // namespace arcanum
