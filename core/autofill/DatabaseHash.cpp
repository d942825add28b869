#include "autofill/DatabaseHash.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum::autofill {

std::string DatabaseHash::hex(const Identity& identity)
{
    char text[2 * 16 + 1];
    sodium_bin2hex(text, sizeof text, identity.data(), identity.size());
    return text;
}

std::string DatabaseHash::of(const Identity& identity)
{
    Sodium::ensureInitialized();
    const std::string uuid = hex(identity);
    std::uint8_t digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const std::uint8_t*>(uuid.data()), uuid.size());
    char text[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(text, sizeof text, digest, sizeof digest);
    return text;
}

} // namespace arcanum::autofill
