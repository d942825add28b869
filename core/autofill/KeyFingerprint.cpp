#include "autofill/KeyFingerprint.h"

#include <sodium.h>

namespace arcanum::autofill {

Result<SecretBuffer> KeyFingerprint::of(SecretSpan key, SecretArena& arena)
{
    auto digest = arena.allocate(crypto_hash_sha256_BYTES);
    auto text = arena.allocate(textBytes);
    if (!digest)
        return digest.error();
    if (!text)
        return text.error();
    crypto_hash_sha256(digest->data(), key.data(), key.size());
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t out = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i > 0 && i % 2 == 0)
            text->data()[out++] = ' ';
        text->data()[out++] = std::uint8_t(hex[digest->data()[i] >> 4]);
        text->data()[out++] = std::uint8_t(hex[digest->data()[i] & 15]);
    }
    return text;
}

} // namespace arcanum::autofill
