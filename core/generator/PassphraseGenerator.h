// PassphraseGenerator: passphrases of words from the EFF large word list, written straight into a
// SecretArena.
//
// Rule: the passphrase exists only in the SecretBuffer it returns; it is assembled in place there
// (the words themselves are public list entries). Every choice is Random::uniform (libsodium's
// randombytes_uniform): each word uniform over the 7,776 words, independently; with appendDigit,
// the word that gets the digit uniform over the words and the digit uniform over 0-9.
#pragma once

#include "common/Result.h"
#include "generator/GeneratedSecret.h"
#include "generator/PassphraseOptions.h"

namespace arcanum {

class SecretArena;

class PassphraseGenerator
{
public:
    // InvalidArgument, with a sentence saying which option is wrong, for: a word count outside
    // [minimumWords, maximumWords], a separator that is not printable ASCII or is a letter.
    [[nodiscard]] static Result<void> validate(const PassphraseOptions& options);

    // Exact entropy in bits: wordCount * log2(7776), plus log2(10 * wordCount) with appendDigit.
    // Capitalizing adds nothing. Exact because every passphrase spells out one choice only: the
    // separator is never a letter, no word contains a digit, and the four hyphenated words split
    // at the hyphen into a first part that is not itself a word.
    [[nodiscard]] static Result<double> entropyBits(const PassphraseOptions& options);

    // A new passphrase in `arena`: printable ASCII, words joined by the separator.
    [[nodiscard]] static Result<GeneratedSecret> generate(SecretArena& arena,
                                                          const PassphraseOptions& options = {});
};

} // namespace arcanum
