#include "generator/PasswordGenerator.h"

#include "crypto/Random.h"
#include "generator/PasswordAlphabet.h"
#include "secret/SecretArena.h"

#include <cmath>
#include <cstdint>
#include <string>

namespace arcanum {

namespace {

Error invalid(std::string message)
{
    return makeError(ErrorCode::InvalidArgument, std::move(message));
}

// log2 of the share of strings of `length` characters over `alphabet` that contain at least one
// character of every class. Inclusion-exclusion over the non-empty subsets S of the classes gives
// the share that misses some class, Q = -sum (-1)^|S| (1 - |S|chars / A)^length, and
// log1p(-Q) keeps full precision when Q is tiny (long passwords).
double log2ShareWithEveryClass(const PasswordAlphabet& alphabet, std::size_t length)
{
    const std::size_t classes = alphabet.classCount();
    const double size = static_cast<double>(alphabet.size());
    double missing = 0.0;
    for (unsigned subset = 1; subset < (1u << classes); ++subset) {
        std::size_t excluded = 0;
        int members = 0;
        for (std::size_t c = 0; c < classes; ++c) {
            if (subset & (1u << c)) {
                excluded += alphabet.classSize(c);
                ++members;
            }
        }
        const double term =
            std::pow(1.0 - static_cast<double>(excluded) / size, static_cast<double>(length));
        missing += (members % 2 == 1) ? term : -term;
    }
    return std::log1p(-missing) / std::log(2.0);
}

} // namespace

Result<void> PasswordGenerator::validate(const PasswordOptions& options)
{
    const PasswordAlphabet alphabet(options);
    if (alphabet.size() == 0)
        return invalid("Choose at least one kind of character for the password (lower-case "
                       "letters, upper-case letters, digits or symbols).");
    if (options.length < PasswordOptions::minimumLength ||
        options.length > PasswordOptions::maximumLength)
        return invalid("The password length must be between " +
                       std::to_string(PasswordOptions::minimumLength) + " and " +
                       std::to_string(PasswordOptions::maximumLength) + " characters, not " +
                       std::to_string(options.length) + ".");
    // Unreachable while minimumLength >= maximumClasses; kept so the rule survives a change of
    // either constant.
    if (options.requireEveryClass && options.length < alphabet.classCount())
        return invalid("A password of " + std::to_string(options.length) +
                       " characters cannot contain each of the " +
                       std::to_string(alphabet.classCount()) +
                       " chosen kinds of character; make it longer or choose fewer kinds.");
    return {};
}

Result<double> PasswordGenerator::entropyBits(const PasswordOptions& options)
{
    if (auto valid = validate(options); !valid)
        return valid.error();
    const PasswordAlphabet alphabet(options);
    double bits = static_cast<double>(options.length) * std::log2(double(alphabet.size()));
    if (options.requireEveryClass && alphabet.classCount() > 1)
        bits += log2ShareWithEveryClass(alphabet, options.length);
    return bits;
}

Result<GeneratedSecret> PasswordGenerator::generate(SecretArena& arena,
                                                    const PasswordOptions& options)
{
    auto bits = entropyBits(options); // validates too
    if (!bits)
        return bits.error();
    const PasswordAlphabet alphabet(options);
    auto buffer = arena.allocate(options.length);
    if (!buffer)
        return buffer.error();

    const auto alphabetSize = static_cast<std::uint32_t>(alphabet.size());
    const unsigned everyClass = (1u << alphabet.classCount()) - 1;
    std::uint8_t* out = buffer->data();
    // Rejection sampling of whole passwords: a draw that misses a class is overwritten in place
    // by the next one. Each draw succeeds with probability P (see entropyBits), at worst about
    // 0.06 (4 characters, every class, look-alikes excluded), so ~16 draws in that corner; 0.89
    // for the default options, so 1.12 draws on average.
    for (;;) {
        unsigned seen = 0;
        for (std::size_t i = 0; i < options.length; ++i) {
            const std::uint32_t index = Random::uniform(alphabetSize);
            out[i] = static_cast<std::uint8_t>(alphabet.at(index));
            seen |= 1u << alphabet.classOf(index);
        }
        if (!options.requireEveryClass || seen == everyClass)
            break;
    }
    return GeneratedSecret{std::move(buffer.value()), bits.value()};
}

} // namespace arcanum
