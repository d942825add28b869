// ClientSession: one key exchange with one browser extension (a clientID on a connection).
//
// Holds its SessionKeys (the shared key in an arena), whether it proved an association since the
// vault was unlocked, the nonces it used (replay check), and which entries it was given for which
// origin (set-login may update, and get-totp read, only those).
//
// Nonces are remembered as 64-bit keyed hashes (SipHash, crypto_shorthash, random key per
// session): two different nonces collide with probability about n^2 / 2^65 (3 in 10^8 after a
// million messages), and a colliding fresh nonce is merely refused as a replay.
#pragma once

#include "autofill/BoxNonce.h"
#include "autofill/SessionKeys.h"
#include "secret/SecretSpan.h"
#include "vault/EntryId.h"

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

namespace arcanum::autofill {

class ClientSession
{
public:
    ClientSession(std::string clientId, SessionKeys keys);

    [[nodiscard]] const std::string& clientId() const { return m_clientId; }
    [[nodiscard]] SessionKeys& keys() { return m_keys; }

    // Proved an association (associate, test-associate) since the vault was unlocked.
    [[nodiscard]] bool associated() const { return m_associated; }
    void setAssociated(bool associated) { m_associated = associated; }

    // False when `nonce` was seen before on this key exchange; else remembers it.
    [[nodiscard]] bool rememberNonce(const BoxNonce& nonce);
    [[nodiscard]] bool nonceLimitReached() const;

    // Entries given to this browser by get-logins, per origin.
    void grant(const EntryId& entry, SecretSpan origin);
    [[nodiscard]] bool granted(const EntryId& entry, SecretSpan origin) const;
    [[nodiscard]] bool grantedAnywhere(const EntryId& entry) const;
    // At lock: the browser must prove its association and be given entries again.
    void forget();

private:
    [[nodiscard]] std::uint64_t hash(std::span<const std::uint8_t> bytes) const;

    std::string m_clientId;
    SessionKeys m_keys;
    bool m_associated = false;
    std::array<std::uint8_t, 16> m_hashKey{}; // SipHash key: not secret in itself
    std::unordered_set<std::uint64_t> m_nonces;
    std::set<std::pair<EntryId, std::uint64_t>> m_grants; // (entry, hash of the origin)
};

} // namespace arcanum::autofill
