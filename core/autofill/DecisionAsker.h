// DecisionAsker: where an action hands a request that must wait for the user (AutofillServer,
// which keeps it pending and asks the AutofillPrompter).
#pragma once

#include "autofill/PendingDecision.h"

#include <memory>

namespace arcanum::autofill {

class DecisionAsker
{
public:
    virtual ~DecisionAsker() = default;
    virtual void ask(std::unique_ptr<PendingDecision> decision) = 0;
};

} // namespace arcanum::autofill
