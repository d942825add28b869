// PendingDecision: a request waiting for the user, and what its answer needs.
//
// Holds plaintext (the request, the browser key's fingerprint, the site's matchers), all in the
// vault's arena; dropped (answered "locked") when the vault locks.
#pragma once

#include "autofill/AutofillPrompter.h"
#include "autofill/AutofillRequest.h"
#include "autofill/SiteMatcher.h"

#include <memory>
#include <vector>

namespace arcanum::autofill {

struct PendingDecision
{
    enum class Kind
    {
        Association,
        SiteAccess
    };

    Kind kind = Kind::Association;
    std::unique_ptr<AutofillRequest> request;

    // Association: the browser's identification key and its fingerprint.
    SecretBuffer idKey;
    SecretBuffer fingerprint;
    AssociationQuestion association;

    // SiteAccess: the page (and the form's target), the entries already allowed, the question.
    std::unique_ptr<SiteMatcher> site;
    std::unique_ptr<SiteMatcher> submit;
    std::vector<EntryId> allowed;
    SiteAccessQuestion siteAccess;
};

} // namespace arcanum::autofill
