// HelpText: the usage text of arcanum-cli and of each command (`arcanum-cli CMD --help`).
#pragma once

#include <string_view>

namespace arcanum::cli {

class HelpText
{
public:
    // The overview (`arcanum-cli --help`).
    [[nodiscard]] static std::string_view overview();
    // The text for one command, or empty when there is no such command.
    [[nodiscard]] static std::string_view forCommand(std::string_view command);
};

} // namespace arcanum::cli
