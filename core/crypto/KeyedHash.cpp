#include "crypto/KeyedHash.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum {

Result<void> KeyedHash::blake2b(SecretSpan key, std::span<const std::uint8_t> message,
                                std::span<std::uint8_t> out)
{
    Sodium::ensureInitialized();
    if (key.size() < crypto_generichash_KEYBYTES_MIN ||
        key.size() > crypto_generichash_KEYBYTES_MAX || out.size() < crypto_generichash_BYTES_MIN ||
        out.size() > crypto_generichash_BYTES_MAX)
        return Error{ErrorCode::InvalidParameters,
                     "BLAKE2b needs a 16-64 byte key and a 16-64 byte output."};
    crypto_generichash(out.data(), out.size(), message.data(), message.size(), key.data(),
                       key.size());
    return {};
}

Result<void> KeyedHash::deriveSubkey(SecretSpan masterKey, std::uint64_t id,
                                     const char (&context)[contextBytes + 1],
                                     std::span<std::uint8_t> out)
{
    Sodium::ensureInitialized();
    if (masterKey.size() != crypto_kdf_KEYBYTES || out.size() < crypto_kdf_BYTES_MIN ||
        out.size() > crypto_kdf_BYTES_MAX)
        return Error{ErrorCode::InvalidParameters,
                     "Subkey derivation needs a 32-byte key and a 16-64 byte output."};
    crypto_kdf_derive_from_key(out.data(), out.size(), id, context, masterKey.data());
    return {};
}

} // namespace arcanum
