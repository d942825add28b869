// DatabaseHash: how the extension names a vault (get-databasehash), exactly as KeePassXC does.
//
// KeePassXC: SHA-256, in lowercase hex, of the root group's UUID written as 32 lowercase hex
// digits (BrowserService::getDatabaseHash: QCryptographicHash::hash(rootGroup->uuidToHex()
// .toUtf8(), Sha256).toHex()). Arcanum hashes its 16-byte vault identity the same way, so a vault
// whose identity is the root group UUID of an imported KeePassXC database keeps the hash the
// extension already stored its association under. The extension keeps one association key per
// hash. Not secret: the extension stores it in the clear.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace arcanum::autofill {

class DatabaseHash
{
public:
    using Identity = std::array<std::uint8_t, 16>;

    // 64 lowercase hex digits.
    [[nodiscard]] static std::string of(const Identity& identity);
    // The identity as KeePassXC writes a UUID: 32 lowercase hex digits, no dashes.
    [[nodiscard]] static std::string hex(const Identity& identity);
};

} // namespace arcanum::autofill
