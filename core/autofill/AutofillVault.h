// AutofillVault: what the autofill protocol needs from the unlocked vault.
//
// The app implements it over its VaultSession (ui/autofill), tests over a VaultContents in
// memory. It exists only while the vault is unlocked: AutofillServer::setVault(nullptr) is
// called before the vault's arena is wiped, and every span the server got from it is dropped
// then.
#pragma once

#include "autofill/AssociationStore.h"
#include "autofill/DatabaseHash.h"
#include "autofill/SiteAccessStore.h"
#include "autofill/TotpSource.h"
#include "common/Result.h"
#include "generator/PasswordOptions.h"
#include "secret/SecretArena.h"
#include "vault/VaultContents.h"

namespace arcanum::autofill {

class AutofillVault
{
public:
    virtual ~AutofillVault() = default;

    [[nodiscard]] virtual SecretArena& arena() = 0;
    [[nodiscard]] virtual VaultContents& contents() = 0;
    // The vault's 16-byte identity; the extension knows the vault by DatabaseHash::of(it).
    [[nodiscard]] virtual DatabaseHash::Identity identity() const = 0;
    [[nodiscard]] virtual AssociationStore& associations() = 0;
    [[nodiscard]] virtual SiteAccessStore& siteAccess() = 0;
    // Null when TOTP codes are not available.
    [[nodiscard]] virtual TotpSource* totp() = 0;
    // What generate-password generates (the user's generator settings).
    [[nodiscard]] virtual PasswordOptions passwordOptions() const = 0;
    // Saves what the protocol changed (entries, groups, associations, decisions).
    [[nodiscard]] virtual Result<void> commit() = 0;
    // lock-database: lock soon. Must not lock inside this call (the server is still answering).
    virtual void requestLock() = 0;
};

} // namespace arcanum::autofill
