#include "generator/PasswordAlphabet.h"

namespace arcanum {

PasswordAlphabet::PasswordAlphabet(const PasswordOptions& options)
{
    if (options.lowerCase)
        addClass(lowerCaseCharacters, options.excludeLookAlikes);
    if (options.upperCase)
        addClass(upperCaseCharacters, options.excludeLookAlikes);
    if (options.digits)
        addClass(digitCharacters, options.excludeLookAlikes);
    if (options.symbols)
        addClass(symbolCharacters, options.excludeLookAlikes);
}

void PasswordAlphabet::addClass(std::string_view characters, bool excludeLookAlikes)
{
    const std::size_t begin = m_size;
    for (const char c : characters)
        if (!excludeLookAlikes || lookAlikes.find(c) == std::string_view::npos)
            m_characters[m_size++] = c;
    if (m_size > begin)
        m_classEnd[m_classCount++] = m_size;
}

std::size_t PasswordAlphabet::classSize(std::size_t classIndex) const
{
    if (classIndex >= m_classCount)
        return 0;
    return m_classEnd[classIndex] - (classIndex == 0 ? 0 : m_classEnd[classIndex - 1]);
}

std::size_t PasswordAlphabet::classOf(std::size_t index) const
{
    std::size_t classIndex = 0;
    while (classIndex + 1 < m_classCount && index >= m_classEnd[classIndex])
        ++classIndex;
    return classIndex;
}

} // namespace arcanum
