#include "platform/SysPowerState.h"

#include <fstream>
#include <sstream>

namespace arcanum {

std::optional<bool> SysPowerState::canHibernate(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        return std::nullopt;
    std::string word;
    while (file >> word)
        if (word == "disk")
            return true;
    return file.eof() ? std::optional<bool>(false) : std::nullopt;
}

} // namespace arcanum
