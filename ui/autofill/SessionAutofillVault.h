// SessionAutofillVault: the unlocked VaultSession as the autofill protocol sees it
// (AutofillVault), from unlock to lock.
//
// attach() at unlock, detach() at aboutToLock (while the arena is still mapped). Associations,
// site decisions and the identity are the vault file's (VaultAssociationStore,
// VaultSiteAccessStore, VaultContents::identity): what the protocol changes is saved with the
// vault's normal save (commit()).
#pragma once

#include "autofill/AutofillVault.h"
#include "autofill/ClockTotpSource.h"
#include "autofill/VaultAssociationStore.h"
#include "autofill/VaultSiteAccessStore.h"

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
    autofill::DatabaseHash::Identity identity() const override;
    autofill::AssociationStore& associations() override { return *m_associations; }
    autofill::SiteAccessStore& siteAccess() override { return *m_access; }
    autofill::TotpSource* totp() override { return &m_totp; }
    PasswordOptions passwordOptions() const override { return {}; }
    Result<void> commit() override;
    void requestLock() override; // queued: the session locks after the reply is sent

private:
    VaultSession& m_session;
    std::unique_ptr<autofill::VaultAssociationStore> m_associations;
    std::unique_ptr<autofill::VaultSiteAccessStore> m_access;
    autofill::ClockTotpSource m_totp; // the real-time clock
};

} // namespace arcanum
