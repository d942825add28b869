// LoginActions: get-logins (the entries for a page, after the user allowed each for that page),
// set-login (save a new login or update one the page was given) and get-totp.
//
// Access rule (SiteAccessStore): an entry goes to a page only when the user allowed it for the
// page's origin (and for the form's target origin, when the form sends elsewhere); never when
// denied for either; otherwise the user is asked (allow once, allow always, deny). set-login may
// update, and get-totp read, only an entry this browser session was given.
#pragma once

#include "autofill/AutofillVault.h"
#include "autofill/DecisionAsker.h"
#include "autofill/PendingDecision.h"

#include <memory>
#include <span>

namespace arcanum::autofill {

class LoginActions
{
public:
    static void getLogins(std::unique_ptr<AutofillRequest> request, AutofillVault& vault,
                          DecisionAsker& asker);
    // The user's answers for the entries in the question (entries left out: not given now).
    static void finishGetLogins(PendingDecision& decision, AutofillVault& vault,
                                std::span<const EntryDecision> answers);
    static void setLogin(AutofillRequest& request, AutofillVault& vault);
    static void getTotp(AutofillRequest& request, AutofillVault& vault);

    // An entry id as KeePassXC writes UUIDs: 32 lowercase hex digits. Not secret.
    [[nodiscard]] static std::string uuidText(const EntryId& id);
    // The group new logins go into when the browser names none (KeePassXC's name, so a vault
    // imported from KeePassXC keeps using its group).
    static constexpr const char* defaultGroupName = "KeePassXC-Browser Passwords";
    // The name the vault's top level has in get-database-groups and in entries outside groups.
    static constexpr const char* rootGroupName = "Root";
};

} // namespace arcanum::autofill
