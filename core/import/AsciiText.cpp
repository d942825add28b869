#include "import/AsciiText.h"

namespace arcanum {

namespace {

std::uint8_t lower(std::uint8_t byte)
{
    return byte >= 'A' && byte <= 'Z' ? static_cast<std::uint8_t>(byte - 'A' + 'a') : byte;
}

bool isBlank(std::uint8_t byte)
{
    return byte == ' ' || byte == '\t';
}

} // namespace

bool AsciiText::equalsIgnoringCase(SecretSpan text, std::string_view literal)
{
    if (text.size() != literal.size())
        return false;
    for (std::size_t i = 0; i < literal.size(); ++i)
        if (lower(text[i]) != lower(static_cast<std::uint8_t>(literal[i])))
            return false;
    return true;
}

SecretSpan AsciiText::trimmed(SecretSpan text)
{
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isBlank(text[begin]))
        ++begin;
    while (end > begin && isBlank(text[end - 1]))
        --end;
    return text.sub(begin, end - begin);
}

} // namespace arcanum
