// ArgumentList: the words of one arcanum-cli command, held in the arena.
//
// Arguments can be plaintext (an entry title, a search term), so they are copied into the arena
// at once and the originals are wiped: from argv (which also empties /proc/PID/cmdline), or from
// a `shell` line, split in place. Option names are ASCII and compared in place; the words
// themselves are handed out as SecretSpans and never become strings. Each word remembers its
// position (1 = the first word after the program name, or the first word of a shell line), so
// that a word nobody recognises is named by where it stood, never by its text: it may be a
// password typed in the wrong place.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace arcanum::cli {

class ArgumentList
{
public:
    // argv[first..argc) copied into the arena; those argv strings are then zeroed.
    [[nodiscard]] static Result<ArgumentList> fromArgv(int argc, char** argv, int first,
                                                       SecretArena& arena);
    // Splits a shell line in place: words separated by blanks, "double quotes" group words,
    // and inside quotes \" and \\ escape.
    [[nodiscard]] static Result<ArgumentList> fromLine(SecretBuffer line);

    [[nodiscard]] bool empty() const { return m_words.empty(); }
    [[nodiscard]] std::size_t size() const { return m_words.size(); }
    [[nodiscard]] SecretSpan at(std::size_t index) const { return m_words[index].text; }
    [[nodiscard]] static bool is(SecretSpan word, std::string_view ascii);
    // The word's bytes as a view, for comparing with known ASCII names (never copy it).
    [[nodiscard]] static std::string_view view(SecretSpan word)
    {
        return {word.chars(), word.size()};
    }

    // Removes `--name` if present.
    [[nodiscard]] bool takeFlag(std::string_view name);
    // Removes `--name VALUE` or `--name=VALUE`; an error when the value is missing.
    [[nodiscard]] Result<std::optional<SecretSpan>> takeOption(std::string_view name);
    // Every `--name VALUE`, in order.
    [[nodiscard]] Result<std::vector<SecretSpan>> takeAll(std::string_view name);
    // Like takeOption, parsed as a decimal number in [minimum, maximum].
    [[nodiscard]] Result<std::optional<std::uint32_t>>
    takeNumber(std::string_view name, std::uint32_t minimum, std::uint32_t maximum);
    // Removes and returns the first word that is not an option.
    [[nodiscard]] std::optional<SecretSpan> takePositional();
    // Like takePositional(), with the word's position.
    [[nodiscard]] std::optional<std::pair<SecretSpan, std::size_t>> takePositionalAt();
    // Usage error for the first word left over: "unknown option" or "unexpected argument" and
    // its position, never its text.
    [[nodiscard]] Result<void> expectNothingLeft() const;

private:
    struct Word
    {
        SecretSpan text;
        std::size_t position = 0;
    };

    SecretBuffer m_storage;
    std::vector<Word> m_words;
    const char* m_unit = "argument"; // how errors name a position: "argument 3", "word 2"
};

} // namespace arcanum::cli
