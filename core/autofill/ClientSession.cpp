#include "autofill/ClientSession.h"

#include "autofill/ProtocolLimits.h"
#include "crypto/Random.h"
#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum::autofill {

ClientSession::ClientSession(std::string clientId, SessionKeys keys)
    : m_clientId(std::move(clientId)), m_keys(std::move(keys))
{
    static_assert(sizeof m_hashKey == crypto_shorthash_KEYBYTES);
    Random::fill(m_hashKey);
}

std::uint64_t ClientSession::hash(std::span<const std::uint8_t> bytes) const
{
    Sodium::ensureInitialized();
    std::uint8_t out[crypto_shorthash_BYTES];
    crypto_shorthash(out, bytes.data(), bytes.size(), m_hashKey.data());
    std::uint64_t value = 0;
    for (std::uint8_t b : out)
        value = value << 8 | b;
    return value;
}

bool ClientSession::rememberNonce(const BoxNonce& nonce)
{
    return m_nonces.insert(hash(nonce.bytes())).second;
}

bool ClientSession::nonceLimitReached() const
{
    return m_nonces.size() >= maxNoncesPerClient;
}

void ClientSession::grant(const EntryId& entry, SecretSpan origin)
{
    m_grants.insert({entry, hash(origin.bytes())});
}

bool ClientSession::granted(const EntryId& entry, SecretSpan origin) const
{
    return m_grants.count({entry, hash(origin.bytes())}) > 0;
}

bool ClientSession::grantedAnywhere(const EntryId& entry) const
{
    const auto it = m_grants.lower_bound({entry, 0});
    return it != m_grants.end() && it->first == entry;
}

void ClientSession::forget()
{
    m_associated = false;
    m_grants.clear();
}

} // namespace arcanum::autofill
