// PasswordAlphabet: the characters a password may be drawn from, laid out class by class.
//
// Public data only: it says which characters are allowed, never which were chosen. Built from
// PasswordOptions; a class that is off contributes nothing, and with excludeLookAlikes the
// characters in `lookAlikes` are left out of every class.
#pragma once

#include "generator/PasswordOptions.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace arcanum {

class PasswordAlphabet
{
public:
    static constexpr std::string_view lowerCaseCharacters = "abcdefghijklmnopqrstuvwxyz";
    static constexpr std::string_view upperCaseCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static constexpr std::string_view digitCharacters = "0123456789";
    // Every printable ASCII character that is neither a letter, a digit nor the space (32).
    static constexpr std::string_view symbolCharacters = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    // Zero, capital O, small o; one, capital I, small L, vertical bar; apostrophe, backtick.
    static constexpr std::string_view lookAlikes = "0Oo1Il|'`";

    static constexpr std::size_t maximumClasses = 4;
    static constexpr std::size_t maximumSize = 94;

    explicit PasswordAlphabet(const PasswordOptions& options);

    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] char at(std::size_t index) const { return m_characters[index]; }
    [[nodiscard]] std::string_view characters() const { return {m_characters.data(), m_size}; }

    // The classes that are on and not empty, in the order lower, upper, digits, symbols.
    [[nodiscard]] std::size_t classCount() const { return m_classCount; }
    [[nodiscard]] std::size_t classSize(std::size_t classIndex) const;
    // Which of those classes the character at `index` belongs to, in [0, classCount()).
    [[nodiscard]] std::size_t classOf(std::size_t index) const;

private:
    void addClass(std::string_view characters, bool excludeLookAlikes);

    std::array<char, maximumSize> m_characters{};
    std::size_t m_size = 0;
    std::array<std::size_t, maximumClasses> m_classEnd{}; // one past each class's last index
    std::size_t m_classCount = 0;
};

} // namespace arcanum
