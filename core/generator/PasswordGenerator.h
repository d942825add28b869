// PasswordGenerator: random character passwords, written straight into a SecretArena.
//
// Rule: the password exists only in the SecretBuffer it returns; no owning string, no stack array
// of generated characters. Every random choice is Random::uniform (libsodium's
// randombytes_uniform, which has no modulo bias). Each character is uniform over the alphabet;
// with requireEveryClass, whole passwords that miss a chosen class are thrown away and drawn again
// (rejection sampling), which keeps the result uniform over every password that satisfies the
// rule. (Forcing one character of each class into chosen positions would make passwords with
// exactly one digit, say, more likely than they should be.)
#pragma once

#include "common/Result.h"
#include "generator/GeneratedSecret.h"
#include "generator/PasswordOptions.h"

namespace arcanum {

class SecretArena;

class PasswordGenerator
{
public:
    // InvalidArgument, with a sentence saying which option is wrong, for: no class chosen,
    // length outside [minimumLength, maximumLength], length below the number of classes that
    // must each appear.
    [[nodiscard]] static Result<void> validate(const PasswordOptions& options);

    // Exact entropy of the output in bits, log2 of the number of possible passwords:
    //   length * log2(A)                          without requireEveryClass,
    //   length * log2(A) + log2(P)                with it,
    // where A is the alphabet size and P the share of all A^length strings that contain every
    // chosen class, by inclusion-exclusion: P = sum over subsets S of the classes of
    // (-1)^|S| * (1 - |S's characters| / A)^length.
    [[nodiscard]] static Result<double> entropyBits(const PasswordOptions& options);

    // A new password in `arena`, `options.length` bytes of printable ASCII.
    [[nodiscard]] static Result<GeneratedSecret> generate(SecretArena& arena,
                                                          const PasswordOptions& options = {});
};

} // namespace arcanum
