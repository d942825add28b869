// PasswordOptions: what PasswordGenerator is asked for. Plain settings, not secret; the GUI dialog
// and `arcanum-cli generate` fill one in. PasswordGenerator::validate() says what is wrong.
#pragma once

#include <cstddef>

namespace arcanum {

struct PasswordOptions
{
    static constexpr std::size_t minimumLength = 4;
    static constexpr std::size_t maximumLength = 512;
    static constexpr std::size_t defaultLength = 20;

    std::size_t length = defaultLength;

    // Character classes (PasswordAlphabet lists their characters). At least one must be on.
    bool lowerCase = true;
    bool upperCase = true;
    bool digits = true;
    bool symbols = true;

    // Leave out characters that are easy to misread: 0 O o 1 I l | ' ` (PasswordAlphabet).
    bool excludeLookAlikes = false;

    // Every chosen class appears at least once. Done by rejection sampling of whole passwords,
    // so the result is uniform over all passwords that satisfy it.
    bool requireEveryClass = true;
};

} // namespace arcanum
