#include "autofill/JsonObjectReader.h"

#include "autofill/ArenaJsonAllocator.h"
#include "autofill/ProtocolLimits.h"

#include <cstring>
#include <new>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace arcanum::autofill {

namespace {

// What each open container is: the top-level object, an array under it, an object in that
// array, or anything deeper (skipped).
enum class Container : std::uint8_t
{
    TopObject,
    TopArray,
    ElementObject,
    Skipped
};

class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler>
{
public:
    explicit Handler(JsonVisitor& visitor) : m_visitor(visitor) {}

    bool Default() { return value({}); } // numbers
    bool Null() { return value({}); }
    bool Bool(bool b) { return value({b ? JsonValue::Kind::True : JsonValue::Kind::False, {}}); }
    bool String(const char* str, rapidjson::SizeType length, bool)
    {
        return value(
            {JsonValue::Kind::String, {reinterpret_cast<const std::uint8_t*>(str), length}});
    }
    bool Key(const char* str, rapidjson::SizeType length, bool)
    {
        const std::string_view key(str, length);
        if (current() == Container::TopObject)
            m_topKey = key;
        else if (current() == Container::ElementObject)
            m_member = key;
        return true;
    }
    bool StartObject()
    {
        if (m_depth == 0)
            return open(Container::TopObject);
        if (current() == Container::TopArray) {
            m_member = {};
            return open(Container::ElementObject);
        }
        return open(Container::Skipped);
    }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray()
    {
        if (m_depth == 0)
            return false; // the message must be an object
        if (current() == Container::TopObject) {
            m_index = 0;
            return open(Container::TopArray);
        }
        return open(Container::Skipped);
    }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    [[nodiscard]] Container current() const { return m_stack[m_depth - 1]; }

    bool open(Container kind)
    {
        if (m_depth >= maxJsonDepth)
            return false;
        m_stack[m_depth++] = kind;
        return true;
    }
    bool close()
    {
        const Container closed = m_stack[--m_depth];
        if (closed == Container::ElementObject)
            ++m_index;
        return true;
    }
    bool value(const JsonValue& v)
    {
        if (m_depth == 0)
            return false; // a bare scalar is not a message
        switch (current()) {
        case Container::TopObject:
            return m_visitor.topLevel(m_topKey, v);
        case Container::TopArray:
            return m_visitor.inArray(m_topKey, m_index++, {}, v);
        case Container::ElementObject:
            return m_visitor.inArray(m_topKey, m_index, m_member, v);
        case Container::Skipped:
            return true;
        }
        return false;
    }

    JsonVisitor& m_visitor;
    Container m_stack[maxJsonDepth] = {};
    int m_depth = 0;
    std::string_view m_topKey;
    std::string_view m_member;
    std::size_t m_index = 0;
};

template <typename Allocator>
Result<void> parseWith(std::uint8_t* text, Allocator* allocator, JsonVisitor& visitor)
{
    constexpr unsigned flags = rapidjson::kParseInsituFlag | rapidjson::kParseValidateEncodingFlag |
                               rapidjson::kParseIterativeFlag;
    rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, Allocator> reader(allocator,
                                                                                     256);
    rapidjson::InsituStringStream stream(reinterpret_cast<char*>(text));
    Handler handler(visitor);
    const rapidjson::ParseResult result = reader.template Parse<flags>(stream, handler);
    if (result.IsError())
        return makeError(ErrorCode::InvalidArgument,
                         std::string("The message is not valid JSON: ") +
                             rapidjson::GetParseError_En(result.Code()) + " (at byte " +
                             std::to_string(result.Offset()) + ").");
    return {};
}

} // namespace

Result<void> JsonObjectReader::parse(std::uint8_t* text, std::size_t size, SecretArena* arena,
                                     JsonVisitor& visitor)
{
    if (text[size] != 0)
        return makeError(ErrorCode::InvalidArgument, "The message is not terminated.");
    if (std::memchr(text, 0, size) != nullptr)
        return makeError(ErrorCode::InvalidArgument, "The message holds a NUL byte.");
    if (arena == nullptr) {
        rapidjson::CrtAllocator heap;
        return parseWith(text, &heap, visitor);
    }
    try {
        ArenaJsonAllocator allocator(*arena);
        return parseWith(text, &allocator, visitor);
    } catch (const std::bad_alloc&) {
        return makeError(ErrorCode::OutOfMemory, "No secret memory left to parse the message.");
    }
}

} // namespace arcanum::autofill
