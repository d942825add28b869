// PassphraseOptions: what PassphraseGenerator is asked for. Plain settings, not secret; the GUI
// dialog and `arcanum-cli generate` fill one in. PassphraseGenerator::validate() says what is
// wrong.
#pragma once

#include <cstddef>

namespace arcanum {

struct PassphraseOptions
{
    static constexpr std::size_t minimumWords = 3;
    static constexpr std::size_t maximumWords = 20;
    static constexpr std::size_t defaultWords = 6;

    std::size_t wordCount = defaultWords;

    // Between words: a space or any printable ASCII character (0x20..0x7E) except a letter.
    // Letters are refused because they would run into the words and make two different word
    // choices spell the same passphrase, so the reported entropy would no longer be exact.
    char separator = '-';

    // Upper-case the first letter of every word. Adds no entropy (it is always done).
    bool capitalize = false;

    // Append one random digit 0-9 to one randomly chosen word. Adds log2(10 * wordCount) bits.
    bool appendDigit = false;
};

} // namespace arcanum
