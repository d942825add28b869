#include "vault/TagList.h"

#include "secret/SecretArena.h"
#include "vault/EntryView.h"

#include <cstring>

namespace arcanum {

namespace {

constexpr char separator[] = ", ";
constexpr std::size_t separatorLength = sizeof separator - 1;

bool isBlank(std::uint8_t byte)
{
    return byte == ' ' || byte == '\t';
}

} // namespace

SecretSpan TagList::trimmed(SecretSpan text)
{
    std::size_t from = 0, to = text.size();
    while (from < to && isBlank(text[from]))
        ++from;
    while (to > from && isBlank(text[to - 1]))
        --to;
    return text.sub(from, to - from);
}

Result<SecretBuffer> TagList::join(const EntryView& entry, SecretArena& arena)
{
    std::size_t length = 0;
    entry.forEachTag(
        [&](SecretSpan tag) { length += (length > 0 ? separatorLength : 0) + tag.size(); });
    auto buffer = arena.allocate(length);
    if (!buffer)
        return buffer.error();
    std::size_t at = 0;
    entry.forEachTag([&](SecretSpan tag) {
        if (at > 0) {
            std::memcpy(buffer->data() + at, separator, separatorLength);
            at += separatorLength;
        }
        if (!tag.empty())
            std::memcpy(buffer->data() + at, tag.data(), tag.size());
        at += tag.size();
    });
    return buffer;
}

} // namespace arcanum
