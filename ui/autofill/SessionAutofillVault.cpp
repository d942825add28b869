#include "autofill/SessionAutofillVault.h"

#include "session/VaultSession.h"

#include <QMetaObject>
#include <sodium.h>

namespace arcanum {

void SessionAutofillVault::attach()
{
    Vault& vault = *m_session.vault();
    m_associations = std::make_unique<autofill::MemoryAssociationStore>(vault.arena());
    m_access = std::make_unique<autofill::MemorySiteAccessStore>(vault.arena());
    // Stand-in identity: SHA-256 of a label and the vault's creation time (not secret).
    const std::int64_t created = vault.contents().createdAt();
    std::uint8_t input[32 + 8] = "arcanum vault identity, created ";
    for (int i = 0; i < 8; ++i)
        input[32 + i] = std::uint8_t(std::uint64_t(created) >> (8 * i));
    std::uint8_t digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, input, sizeof input);
    std::copy(digest, digest + m_identity.size(), m_identity.begin());
}

void SessionAutofillVault::detach()
{
    m_associations.reset();
    m_access.reset();
}

SecretArena& SessionAutofillVault::arena()
{
    return m_session.vault()->arena();
}

VaultContents& SessionAutofillVault::contents()
{
    return m_session.vault()->contents();
}

Result<void> SessionAutofillVault::commit()
{
    return m_session.commitChanges();
}

void SessionAutofillVault::requestLock()
{
    QMetaObject::invokeMethod(&m_session, &VaultSession::lock, Qt::QueuedConnection);
}

} // namespace arcanum
