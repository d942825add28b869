// AutofillPrompter: the questions only the user can answer, asked without blocking.
//
// The protocol never decides these by itself: a browser is associated only after the user
// confirms (and names it), and an entry goes to a site it was never decided for only after the
// user allows it (once, or always). AutofillServer asks through this interface and keeps the
// request pending; the answer comes back later through AutofillServer::answerAssociation /
// answerSiteAccess with the same DecisionId (the GUI shows a dialog; tests answer in code, even
// from inside ask...()). withdraw() says a question lost its point (the vault locked, the
// browser went away): close its dialog, and any answer given later is ignored.
//
// The spans in a question are plaintext in the arena, valid until the question is answered or
// withdrawn: draw them with SecretText, never copy them into a QString.
#pragma once

#include "secret/SecretSpan.h"
#include "vault/EntryId.h"

#include <cstdint>
#include <vector>

namespace arcanum::autofill {

using DecisionId = std::uint64_t;

struct AssociationQuestion
{
    // SHA-256 of the browser's identification key, first 16 bytes in hex groups
    // ("3f2a 91c0 ..."), so the user can compare it with what the extension shows.
    SecretSpan fingerprint;
};

struct SiteAccessQuestion
{
    SecretSpan origin;            // the page: "https://login.example.com"
    SecretSpan submitOrigin;      // where its form sends the login, when that is another origin
    bool httpAuth = false;        // HTTP authentication dialog rather than a form
    std::vector<EntryId> entries; // the entries that match and were never decided for it
};

enum class SiteAnswer
{
    AllowOnce,   // this request only
    AllowAlways, // remembered for this entry and origin
    Deny,        // remembered: never offered to this origin
};

struct EntryDecision
{
    EntryId entry;
    SiteAnswer answer = SiteAnswer::AllowOnce;
};

class AutofillPrompter
{
public:
    virtual ~AutofillPrompter() = default;
    virtual void askAssociation(DecisionId id, const AssociationQuestion& question) = 0;
    virtual void askSiteAccess(DecisionId id, const SiteAccessQuestion& question) = 0;
    virtual void withdraw(DecisionId id) = 0;
};

} // namespace arcanum::autofill
