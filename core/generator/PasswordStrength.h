// PasswordStrength: a rough estimate, in bits, of how hard a password a person chose is to guess.
//
// A guide, not a guarantee: it knows no dictionary, so a common word scores like random letters
// of its length. It reads the password in place (a SecretSpan in the arena) and keeps nothing:
// no copy, no table of the characters seen (a character is checked against the earlier ones by
// decoding the span again). Generated secrets don't need it: their generators know their exact
// entropy.
//
// The estimate (per code point c_i of the password, i = 0 .. n-1):
//   pool N = the sum of the sizes of the character classes that occur at all:
//            a-z 26, A-Z 26, 0-9 10, other ASCII (space and symbols) 33, anything else 100;
//   b = log2(N) bits for a character that follows none of the patterns below;
//   1 bit   when c_i repeats c_{i-1} ("aaaa");
//   2 bits  when c_i continues a sequence from c_{i-1}: the next or previous letter or digit
//           ("abc", "cba", "123"; case does not matter) or the next key on a keyboard row,
//           either way ("qwerty", "asdf", "zxcv", "!@#$", "7890");
//   b/2     when c_i occurred earlier in the password (not right before it);
//   then, when every character is of one class (only lower-case letters, only digits, ...), the
//   total is multiplied by 3/4: such passwords are mostly words, names and dates.
// Ratings: weak below 60 bits, fair below 80, strong below 112, excellent from 112 (the same
// scale the generator dialog uses for its exact entropy).
#pragma once

#include "secret/SecretSpan.h"

namespace arcanum {

class PasswordStrength
{
public:
    enum class Rating
    {
        Weak,
        Fair,
        Strong,
        Excellent
    };

    static constexpr double fairBits = 60.0;
    static constexpr double strongBits = 80.0;
    static constexpr double excellentBits = 112.0;
    static constexpr double oneClassFactor = 0.75;

    struct Estimate
    {
        double bits = 0.0;
        Rating rating = Rating::Weak;
    };

    // The estimate above for UTF-8 `password` (damaged bytes count as U+FFFD, "anything else").
    [[nodiscard]] static Estimate estimate(SecretSpan password);
    [[nodiscard]] static double estimateBits(SecretSpan password);
    // Weak / fair / strong / excellent for `bits` (exact or estimated).
    [[nodiscard]] static Rating rate(double bits);
};

} // namespace arcanum
