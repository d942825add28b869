// SessionAutofillVault: the unlocked VaultSession as the autofill protocol sees it
// (AutofillVault), from unlock to lock.
//
// attach() at unlock, detach() at aboutToLock (while the arena is still mapped). Until the vault
// file stores browser associations, site decisions and a vault identity (the format change of
// issue 8), associations and decisions live in memory for one unlock, and the identity is
// derived from the vault's creation time, which never changes for a vault.
#pragma once

#include "autofill/AutofillVault.h"
#include "autofill/MemoryAssociationStore.h"
#include "autofill/MemorySiteAccessStore.h"

#include <memory>

namespace arcanum {

class VaultSession;

class SessionAutofillVault : public autofill::AutofillVault
{
public:
    explicit SessionAutofillVault(VaultSession& session) : m_session(session) {}

    // The session must be unlocked.
    void attach();
    void detach();
    [[nodiscard]] bool attached() const { return m_associations != nullptr; }

    SecretArena& arena() override;
    VaultContents& contents() override;
    autofill::DatabaseHash::Identity identity() const override { return m_identity; }
    autofill::AssociationStore& associations() override { return *m_associations; }
    autofill::SiteAccessStore& siteAccess() override { return *m_access; }
    autofill::TotpSource* totp() override { return nullptr; }
    PasswordOptions passwordOptions() const override { return {}; }
    Result<void> commit() override;
    void requestLock() override; // queued: the session locks after the reply is sent

private:
    VaultSession& m_session;
    std::unique_ptr<autofill::MemoryAssociationStore> m_associations;
    std::unique_ptr<autofill::MemorySiteAccessStore> m_access;
    autofill::DatabaseHash::Identity m_identity{};
};

} // namespace arcanum
