#include "TestAcceptPrompter.h"

#include "autofill/AutofillServer.h"
#include "autofill/BrowserIntegration.h"

#include <cstdlib>
#include <vector>

namespace arcanum {

std::string TestAcceptPrompter::associationNameFromEnvironment()
{
    const char* value = std::getenv("ARCANUM_TEST_ACCEPT_ASSOCIATIONS");
    return value ? std::string(value) : std::string();
}

TestAcceptPrompter::TestAcceptPrompter(BrowserIntegration& integration, std::string associationName)
    : m_integration(integration), m_name(std::move(associationName))
{}

void TestAcceptPrompter::askAssociation(autofill::DecisionId id,
                                        const autofill::AssociationQuestion&)
{
    if (autofill::AutofillServer* server = m_integration.protocol())
        server->answerAssociation(
            id, SecretSpan(reinterpret_cast<const std::uint8_t*>(m_name.data()), m_name.size()));
}

void TestAcceptPrompter::askSiteAccess(autofill::DecisionId id,
                                       const autofill::SiteAccessQuestion& question)
{
    std::vector<autofill::EntryDecision> answers;
    for (const EntryId& entry : question.entries)
        answers.push_back({entry, autofill::SiteAnswer::AllowOnce});
    if (autofill::AutofillServer* server = m_integration.protocol())
        server->answerSiteAccess(id, answers);
}

void TestAcceptPrompter::withdraw(autofill::DecisionId) {}

} // namespace arcanum
