#include "autofill/BoxNonce.h"

#include "autofill/Base64.h"
#include "crypto/Random.h"
#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum::autofill {

std::optional<BoxNonce> BoxNonce::fromBase64(std::string_view text)
{
    BoxNonce nonce;
    if (!Base64::decodeExact({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()},
                             nonce.m_bytes))
        return std::nullopt;
    return nonce;
}

BoxNonce BoxNonce::random()
{
    BoxNonce nonce;
    Random::fill(nonce.m_bytes);
    return nonce;
}

BoxNonce BoxNonce::incremented() const
{
    Sodium::ensureInitialized();
    BoxNonce next = *this;
    sodium_increment(next.m_bytes.data(), next.m_bytes.size());
    return next;
}

std::string BoxNonce::toBase64() const
{
    return Base64::encode(m_bytes);
}

} // namespace arcanum::autofill
