// TagList: an entry's tags as one line of text, "a, b, c", for editing in a single field.
//
// Both directions run in the arena: forEach() splits the text in place (spans into it, no
// copies), join() writes the joined line into one new arena buffer. A tag that itself holds a
// comma is split in two when the line is read back (imports can bring such tags).
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"
#include "secret/SecretSpan.h"

#include <cstddef>

namespace arcanum {

class EntryView;
class SecretArena;

class TagList
{
public:
    // Calls f(SecretSpan) for each comma-separated tag of `line`, with spaces and tabs trimmed
    // from both ends; empty tags are skipped.
    template <typename F>
    static void forEach(SecretSpan line, F f)
    {
        std::size_t start = 0;
        for (std::size_t i = 0; i <= line.size(); ++i) {
            if (i < line.size() && line[i] != ',')
                continue;
            const SecretSpan tag = trimmed(line.sub(start, i - start));
            if (!tag.empty())
                f(tag);
            start = i + 1;
        }
    }

    // The tags of `entry` joined by ", " in a new buffer in `arena` (empty when it has none).
    [[nodiscard]] static Result<SecretBuffer> join(const EntryView& entry, SecretArena& arena);

    [[nodiscard]] static SecretSpan trimmed(SecretSpan text);
};

} // namespace arcanum
