#include "autofill/SessionAutofillVault.h"

#include "session/VaultSession.h"

#include <QMetaObject>
#include <algorithm>

namespace arcanum {

void SessionAutofillVault::attach()
{
    VaultContents& contents = m_session.vault()->contents();
    m_associations = std::make_unique<autofill::VaultAssociationStore>(contents);
    m_access = std::make_unique<autofill::VaultSiteAccessStore>(contents);
}

autofill::DatabaseHash::Identity SessionAutofillVault::identity() const
{
    autofill::DatabaseHash::Identity identity{};
    if (m_session.vault()) {
        const auto stored = m_session.vault()->contents().identity();
        std::copy(stored.begin(), stored.end(), identity.begin());
    }
    return identity;
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
