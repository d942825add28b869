// AssociationActions: associate (a browser asks to be trusted; the user confirms and names it)
// and test-associate (a browser proves it was trusted before).
#pragma once

#include "autofill/AutofillVault.h"
#include "autofill/DecisionAsker.h"
#include "autofill/PendingDecision.h"

#include <memory>

namespace arcanum::autofill {

class AssociationActions
{
public:
    // Checks the request (its "key" must be this session's key) and asks the user.
    static void associate(std::unique_ptr<AutofillRequest> request, AutofillVault& vault,
                          DecisionAsker& asker);
    // The user's answer: a name stores the association and answers {hash, id}; an empty name
    // refuses it.
    static void finishAssociate(PendingDecision& decision, AutofillVault& vault, SecretSpan name);
    // {id, key} must name a stored association; the session then counts as associated.
    static void testAssociate(AutofillRequest& request, AutofillVault& vault);

    // An identification key sent as base64 (a secret: it proves the association), decoded into
    // a new buffer of `arena`. InvalidArgument unless it is idKeyBytes of valid base64.
    [[nodiscard]] static Result<SecretBuffer> decodeIdKey(SecretSpan text, SecretArena& arena);
};

} // namespace arcanum::autofill
