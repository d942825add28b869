// VaultActions: the requests about the vault as a whole: get-databasehash, generate-password,
// lock-database, get-database-groups and create-new-group.
#pragma once

#include "autofill/AutofillRequest.h"
#include "autofill/AutofillVault.h"

namespace arcanum::autofill {

class VaultActions
{
public:
    static void databaseHash(AutofillRequest& request, AutofillVault& vault);
    // A password from the generator, with the user's generator settings; nothing is stored.
    static void generatePassword(AutofillRequest& request, AutofillVault& vault);
    // Answers first, then asks the app to lock (the answer is encrypted before the arena goes).
    static void lockDatabase(AutofillRequest& request, AutofillVault& vault);
    // {"groups": [{"name": "Root", "uuid": <identity>, "children": [...]}]}
    static void databaseGroups(AutofillRequest& request, AutofillVault& vault);
    // groupName "a/b/c": finds or creates each level under the top; answers the last one.
    static void createGroup(AutofillRequest& request, AutofillVault& vault);

    static constexpr int maxGroupDepth = 64;
};

} // namespace arcanum::autofill
