// TestAcceptPrompter: a TEST-ONLY AutofillPrompter that answers every question with yes, so the
// real-browser test (tests/browser) can associate the extension without a person at the dialog.
//
// Installed by main.cpp only when ARCANUM_TEST_ACCEPT_ASSOCIATIONS is set (its value is the name
// the association gets); the app then says so on stderr. Associations are accepted under that
// name and every matching entry is allowed for the asking site once (nothing is remembered for
// the site). Never set it outside a test: it removes the user's say over which browser may read
// the vault once it is unlocked (docs/SECURITY.md, "Test hooks").
#pragma once

#include "autofill/AutofillPrompter.h"

#include <string>

namespace arcanum {

class BrowserIntegration;

class TestAcceptPrompter : public autofill::AutofillPrompter
{
public:
    // The variable's value, or empty when it is not set (then no prompter is installed).
    [[nodiscard]] static std::string associationNameFromEnvironment();

    TestAcceptPrompter(BrowserIntegration& integration, std::string associationName);

    void askAssociation(autofill::DecisionId id,
                        const autofill::AssociationQuestion& question) override;
    void askSiteAccess(autofill::DecisionId id,
                       const autofill::SiteAccessQuestion& question) override;
    void withdraw(autofill::DecisionId id) override;

private:
    BrowserIntegration& m_integration;
    std::string m_name; // not a secret: the test chose it
};

} // namespace arcanum
