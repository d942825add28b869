#include "generator/PassphraseGenerator.h"

#include "crypto/Random.h"
#include "generator/EffLargeWordlist.h"
#include "secret/SecretArena.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace arcanum {

namespace {

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

} // namespace

Result<void> PassphraseGenerator::validate(const PassphraseOptions& options)
{
    if (options.wordCount < PassphraseOptions::minimumWords ||
        options.wordCount > PassphraseOptions::maximumWords)
        return makeError(ErrorCode::InvalidArgument,
                         "A passphrase must have between " +
                             std::to_string(PassphraseOptions::minimumWords) + " and " +
                             std::to_string(PassphraseOptions::maximumWords) + " words, not " +
                             std::to_string(options.wordCount) + ".");
    const auto separator = static_cast<unsigned char>(options.separator);
    if (separator < 0x20 || separator > 0x7E || isAsciiLetter(options.separator)) {
        char code[8];
        std::snprintf(code, sizeof code, "0x%02X", separator);
        return makeError(ErrorCode::InvalidArgument,
                         std::string("The word separator must be a space, a digit or a printable "
                                     "ASCII punctuation character, not ") +
                             (isAsciiLetter(options.separator)
                                  ? std::string("the letter '") + options.separator + "'"
                                  : std::string("the byte ") + code) +
                             ".");
    }
    return {};
}

Result<double> PassphraseGenerator::entropyBits(const PassphraseOptions& options)
{
    if (auto valid = validate(options); !valid)
        return valid.error();
    const auto words = static_cast<double>(options.wordCount);
    double bits = words * std::log2(static_cast<double>(EffLargeWordlist::size));
    if (options.appendDigit)
        bits += std::log2(10.0 * words);
    return bits;
}

Result<GeneratedSecret> PassphraseGenerator::generate(SecretArena& arena,
                                                      const PassphraseOptions& options)
{
    auto bits = entropyBits(options); // validates too
    if (!bits)
        return bits.error();
    // Room for the longest possible passphrase; the buffer shrinks to fit at the end (in place:
    // shrinking wipes the tail and never moves the bytes).
    const std::size_t words = options.wordCount;
    const std::size_t room =
        words * EffLargeWordlist::longestWordLength + (words - 1) + (options.appendDigit ? 1 : 0);
    auto buffer = arena.allocate(room);
    if (!buffer)
        return buffer.error();

    const auto wordCount = static_cast<std::uint32_t>(words);
    const std::uint32_t digitWord = options.appendDigit ? Random::uniform(wordCount) : wordCount;
    std::uint8_t* out = buffer->data();
    std::size_t length = 0;
    for (std::uint32_t w = 0; w < wordCount; ++w) {
        if (w > 0)
            out[length++] = static_cast<std::uint8_t>(options.separator);
        const std::string_view word = EffLargeWordlist::word(
            Random::uniform(static_cast<std::uint32_t>(EffLargeWordlist::size)));
        std::memcpy(out + length, word.data(), word.size());
        if (options.capitalize)
            out[length] = static_cast<std::uint8_t>(out[length] - 'a' + 'A'); // words start a-z
        length += word.size();
        if (w == digitWord)
            out[length++] = static_cast<std::uint8_t>('0' + Random::uniform(10));
    }
    if (auto fitted = buffer->resize(length); !fitted)
        return fitted.error();
    return GeneratedSecret{std::move(buffer.value()), bits.value()};
}

} // namespace arcanum
