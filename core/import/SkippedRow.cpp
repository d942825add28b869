#include "import/SkippedRow.h"

namespace arcanum {

std::string SkippedRow::describe() const
{
    std::string text = "row " + std::to_string(row);
    if (line != row)
        text += " (line " + std::to_string(line) + ")";
    text += ": ";
    switch (reason) {
    case SkipReason::FieldCount:
        return text + std::to_string(fieldCount) + (fieldCount == 1 ? " field" : " fields") +
               ", expected " + std::to_string(expectedFieldCount);
    case SkipReason::NoUsernameOrPassword:
        return text + "no password and no username";
    case SkipReason::NotALogin:
        if (itemType.empty())
            return text + "the Bitwarden item type is not 'login'";
        return text + "Bitwarden item type '" + std::string(itemType) + "' is not a login";
    case SkipReason::NothingToImport:
        return text + "no username, password, URL, notes, TOTP or custom field";
    }
    return text + "skipped";
}

} // namespace arcanum
