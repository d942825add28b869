// JsonObjectReader: reads one protocol message — a JSON object — in place, with RapidJSON's
// SAX parser, and hands each value it finds to a visitor as a span into the parsed buffer.
//
// In-situ parsing: string values are unescaped where they lie, so a decrypted message is parsed
// without a byte of it being copied; the parser's own stack comes from an ArenaJsonAllocator.
// Strict: the text must be valid UTF-8 JSON whose top level is an object, nested at most
// maxJsonDepth deep (the iterative parser, so depth cannot exhaust the call stack), with no NUL
// byte in the raw text. The visitor sees strings and booleans at the top level (`key`) and in
// arrays directly under the top level (`key`[index], or `key`[index].`member` for an array of
// objects); everything else is checked for syntax and skipped.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace arcanum::autofill {

struct JsonValue
{
    enum class Kind
    {
        String,
        True,
        False,
        Other // null or a number: present, but not text
    };
    Kind kind = Kind::Other;
    SecretSpan text; // the unescaped string (Kind::String), in the parsed buffer
};

class JsonVisitor
{
public:
    virtual ~JsonVisitor() = default;
    // Return false to stop parsing (e.g. a duplicate key): the parse then fails.
    virtual bool topLevel(std::string_view key, const JsonValue& value) = 0;
    // An element of the array `key`; `member` is empty for an element that is not an object.
    virtual bool inArray(std::string_view key, std::size_t index, std::string_view member,
                         const JsonValue& value) = 0;
};

class JsonObjectReader
{
public:
    // Parses `text` in place. `text` must be writable and followed by one zero byte
    // (text[size] == 0). With an arena (decrypted messages) the parser's stack comes from it;
    // without (the outer, unencrypted envelope) from the heap. Errors: InvalidArgument with a
    // sentence that names the JSON error and its byte offset (never the text itself),
    // OutOfMemory when the arena is full.
    [[nodiscard]] static Result<void> parse(std::uint8_t* text, std::size_t size,
                                            SecretArena* arena, JsonVisitor& visitor);
};

} // namespace arcanum::autofill
