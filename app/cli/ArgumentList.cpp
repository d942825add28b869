#include "cli/ArgumentList.h"

#include <cstring>
#include <sodium.h>
#include <string>

namespace arcanum::cli {

namespace {

bool isOption(SecretSpan word)
{
    return word.size() >= 2 && word[0] == '-' && word[1] == '-';
}

Error usage(std::string message)
{
    return Error{ErrorCode::InvalidArgument, std::move(message)};
}

} // namespace

Result<ArgumentList> ArgumentList::fromArgv(int argc, char** argv, int first, SecretArena& arena)
{
    std::size_t total = 0;
    for (int i = first; i < argc; ++i)
        total += std::strlen(argv[i]);
    auto storage = arena.allocate(total);
    if (!storage)
        return storage.error();
    ArgumentList list;
    std::size_t offset = 0;
    for (int i = first; i < argc; ++i) {
        const std::size_t length = std::strlen(argv[i]);
        std::memcpy(storage->data() + offset, argv[i], length);
        sodium_memzero(argv[i], length);
        list.m_words.push_back({SecretSpan(storage->data() + offset, length),
                                static_cast<std::size_t>(i - first + 1)});
        offset += length;
    }
    list.m_storage = std::move(storage.value());
    return list;
}

Result<ArgumentList> ArgumentList::fromLine(SecretBuffer line)
{
    ArgumentList list;
    list.m_unit = "word";
    std::uint8_t* bytes = line.data();
    const std::size_t size = line.size();
    std::size_t read = 0, write = 0;
    while (read < size) {
        while (read < size && (bytes[read] == ' ' || bytes[read] == '\t'))
            ++read;
        if (read == size)
            break;
        const std::size_t start = write;
        bool quoted = false;
        while (read < size && (quoted || (bytes[read] != ' ' && bytes[read] != '\t'))) {
            const std::uint8_t c = bytes[read++];
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            if (quoted && c == '\\' && read < size && (bytes[read] == '"' || bytes[read] == '\\'))
                bytes[write++] = bytes[read++];
            else
                bytes[write++] = c;
        }
        if (quoted)
            return usage("A quote is not closed.");
        // Compacting in place is safe: write never passes read.
        list.m_words.push_back({SecretSpan(bytes + start, write - start), list.m_words.size() + 1});
    }
    list.m_storage = std::move(line);
    return list;
}

bool ArgumentList::is(SecretSpan word, std::string_view ascii)
{
    return word.size() == ascii.size() && std::memcmp(word.data(), ascii.data(), ascii.size()) == 0;
}

bool ArgumentList::takeFlag(std::string_view name)
{
    for (std::size_t i = 0; i < m_words.size(); ++i) {
        if (is(m_words[i].text, name)) {
            m_words.erase(m_words.begin() + static_cast<std::ptrdiff_t>(i));
            return true;
        }
    }
    return false;
}

Result<std::optional<SecretSpan>> ArgumentList::takeOption(std::string_view name)
{
    for (std::size_t i = 0; i < m_words.size(); ++i) {
        const SecretSpan word = m_words[i].text;
        const auto at = m_words.begin() + static_cast<std::ptrdiff_t>(i);
        if (is(word, name)) {
            if (i + 1 >= m_words.size())
                return usage(std::string(name) + " needs a value.");
            const SecretSpan value = m_words[i + 1].text;
            m_words.erase(at, at + 2);
            return std::optional<SecretSpan>(value);
        }
        if (word.size() > name.size() && word[name.size()] == '=' &&
            std::memcmp(word.data(), name.data(), name.size()) == 0) {
            m_words.erase(at);
            return std::optional<SecretSpan>(word.sub(name.size() + 1));
        }
    }
    return std::optional<SecretSpan>();
}

Result<std::vector<SecretSpan>> ArgumentList::takeAll(std::string_view name)
{
    std::vector<SecretSpan> values;
    for (;;) {
        auto value = takeOption(name);
        if (!value)
            return value.error();
        if (!*value)
            return values;
        values.push_back(**value);
    }
}

Result<std::optional<std::uint32_t>>
ArgumentList::takeNumber(std::string_view name, std::uint32_t minimum, std::uint32_t maximum)
{
    auto value = takeOption(name);
    if (!value)
        return value.error();
    if (!*value)
        return std::optional<std::uint32_t>();
    const SecretSpan digits = **value;
    std::uint64_t number = 0;
    bool valid = !digits.empty() && digits.size() <= 10;
    for (std::uint8_t c : digits) {
        valid = valid && c >= '0' && c <= '9';
        number = number * 10 + (c - '0');
    }
    if (!valid || number < minimum || number > maximum)
        return usage(std::string(name) + " must be a number from " + std::to_string(minimum) +
                     " to " + std::to_string(maximum) + ".");
    return std::optional<std::uint32_t>(static_cast<std::uint32_t>(number));
}

std::optional<SecretSpan> ArgumentList::takePositional()
{
    const auto word = takePositionalAt();
    return word ? std::optional<SecretSpan>(word->first) : std::nullopt;
}

std::optional<std::pair<SecretSpan, std::size_t>> ArgumentList::takePositionalAt()
{
    for (std::size_t i = 0; i < m_words.size(); ++i) {
        std::size_t at = i;
        if (is(m_words[i].text, "--")) // everything after "--" is positional
            at = i + 1;
        else if (isOption(m_words[i].text))
            continue;
        if (at >= m_words.size())
            return std::nullopt;
        const Word word = m_words[at];
        m_words.erase(m_words.begin() + static_cast<std::ptrdiff_t>(at));
        return std::pair(word.text, word.position);
    }
    return std::nullopt;
}

Result<void> ArgumentList::expectNothingLeft() const
{
    for (const Word& word : m_words) {
        if (is(word.text, "--"))
            continue;
        // Never the word itself: an option nobody knows may be a password typed in the wrong
        // place (and stderr goes to logs).
        const std::string where =
            std::string(" (") + m_unit + " " + std::to_string(word.position) + ")";
        if (isOption(word.text))
            return usage("Unknown option" + where + ". See --help.");
        return usage("Unexpected argument" + where + ". See --help.");
    }
    return {};
}

} // namespace arcanum::cli
