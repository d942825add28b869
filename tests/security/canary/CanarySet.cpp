#include "canary/CanarySet.h"

#include "text/Utf8.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace arcanum {

static_assert(std::endian::native == std::endian::little,
              "char16_t in memory is UTF-16LE only on little-endian machines");

const char* canaryEncodingName(CanaryEncoding encoding)
{
    return encoding == CanaryEncoding::Utf8 ? "UTF-8" : "UTF-16LE";
}

Result<CanarySet> CanarySet::create(const SecretArenaOptions& options)
{
    auto arena = SecretArena::create(options);
    if (!arena)
        return arena.error();
    return CanarySet(std::move(arena.value()));
}

Result<void> CanarySet::add(std::string label, SecretSpan pattern)
{
    if (pattern.empty())
        return Error{ErrorCode::InvalidArgument, "canary \"" + label + "\" is empty"};
    auto utf8 = m_arena->copyOf(pattern);
    if (!utf8)
        return utf8.error();
    const std::size_t units = Utf8::utf16Length(pattern);
    auto utf16le = m_arena->allocate(units * sizeof(char16_t));
    if (!utf16le)
        return utf16le.error();
    // Arena memory has no declared type, so it may be written as char16_t.
    Utf8::toUtf16(pattern, {reinterpret_cast<char16_t*>(utf16le->data()), units});
    m_canaries.push_back({std::move(label), std::move(utf8.value()), std::move(utf16le.value())});
    return {};
}

Result<std::size_t> CanarySet::addFromFd(int fd)
{
    const std::string source = "descriptor " + std::to_string(fd);
    auto text = m_arena->allocate(4096);
    if (!text)
        return text.error();
    std::size_t used = 0;
    for (;;) {
        if (used == text->size()) {
            if (auto grown = text->resize(2 * used); !grown)
                return grown.error();
        }
        const ssize_t got = read(fd, text->data() + used, text->size() - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return errnoError("cannot read patterns from " + source, errno);
        if (got == 0)
            break;
        used += static_cast<std::size_t>(got);
    }

    const SecretSpan all = text->span().sub(0, used);
    std::size_t added = 0;
    std::size_t lineNumber = 0;
    for (std::size_t start = 0; start < used;) {
        const auto* newline =
            static_cast<const std::uint8_t*>(std::memchr(all.data() + start, '\n', used - start));
        const std::size_t end = newline ? static_cast<std::size_t>(newline - all.data()) : used;
        SecretSpan line = all.sub(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (!line.empty() && line[line.size() - 1] == '\r')
            line = line.sub(0, line.size() - 1);
        if (line.empty())
            continue;
        std::string label;
        if (const void* tab = std::memchr(line.data(), '\t', line.size())) {
            // The label is not secret by the file's contract: it may leave the arena.
            const auto labelLength =
                static_cast<std::size_t>(static_cast<const std::uint8_t*>(tab) - line.data());
            label.assign(line.chars(), labelLength);
            line = line.sub(labelLength + 1);
            if (line.empty())
                return Error{ErrorCode::InvalidArgument, "line " + std::to_string(lineNumber) +
                                                             " of " + source +
                                                             " has a label but no pattern"};
        } else {
            label = "pattern " + std::to_string(size() + 1);
        }
        if (auto result = add(std::move(label), line); !result)
            return result.error();
        ++added;
    }
    return added;
}

const std::string& CanarySet::label(std::size_t index) const
{
    return m_canaries.at(index).label;
}

SecretSpan CanarySet::pattern(std::size_t index, CanaryEncoding encoding) const
{
    const Canary& canary = m_canaries.at(index);
    return encoding == CanaryEncoding::Utf8 ? canary.utf8.span() : canary.utf16le.span();
}

std::size_t CanarySet::longestPattern() const
{
    std::size_t longest = 0;
    for (const Canary& canary : m_canaries)
        longest = std::max({longest, canary.utf8.size(), canary.utf16le.size()});
    return longest;
}

} // namespace arcanum
