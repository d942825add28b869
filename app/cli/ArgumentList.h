// ArgumentList: the words of one arcanum-cli command, held in the arena.
//
// Arguments can be plaintext (an entry title, a search term), so they are copied into the arena
// at once and the originals are wiped: from argv (which also empties /proc/PID/cmdline), or from
// a `shell` line, split in place. Option names are ASCII and compared in place; the words
// themselves are handed out as SecretSpans and never become strings.
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
    [[nodiscard]] SecretSpan at(std::size_t index) const { return m_words[index]; }
    [[nodiscard]] static bool is(SecretSpan word, std::string_view ascii);

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
    // Usage error naming the first word left over (option names only; never a value).
    [[nodiscard]] Result<void> expectNothingLeft() const;

private:
    SecretBuffer m_storage;
    std::vector<SecretSpan> m_words;
};

} // namespace arcanum::cli
