#include "autofill/OuterMessage.h"

#include "autofill/JsonObjectReader.h"

namespace arcanum::autofill {

namespace {

class OuterVisitor : public JsonVisitor
{
public:
    explicit OuterVisitor(OuterMessage& message) : m_message(message) {}

    bool topLevel(std::string_view key, const JsonValue& value) override
    {
        if (key == "triggerUnlock") {
            m_message.triggerUnlock =
                value.kind == JsonValue::Kind::True ||
                (value.kind == JsonValue::Kind::String && view(value) == "true");
            return true;
        }
        std::string_view* field = nullptr;
        if (key == "action")
            field = &m_message.action;
        else if (key == "message")
            field = &m_message.message;
        else if (key == "nonce")
            field = &m_message.nonce;
        else if (key == "clientID")
            field = &m_message.clientId;
        else if (key == "publicKey")
            field = &m_message.publicKey;
        else if (key == "requestID")
            field = &m_message.requestId;
        if (field == nullptr)
            return true; // a field we do not use
        if (value.kind != JsonValue::Kind::String || field->data() != nullptr)
            return false; // wrong type, or given twice
        *field = view(value);
        if (field->data() == nullptr)
            *field = std::string_view("", 0); // present but empty: not "absent"
        return true;
    }
    bool inArray(std::string_view, std::size_t, std::string_view, const JsonValue&) override
    {
        return true;
    }

private:
    static std::string_view view(const JsonValue& value)
    {
        return {value.text.chars(), value.text.size()};
    }
    OuterMessage& m_message;
};

} // namespace

Result<OuterMessage> OuterMessage::parse(std::span<const std::uint8_t> frame,
                                         std::vector<std::uint8_t>& storage)
{
    storage.assign(frame.begin(), frame.end());
    storage.push_back(0);
    OuterMessage message;
    OuterVisitor visitor(message);
    if (auto parsed = JsonObjectReader::parse(storage.data(), frame.size(), nullptr, visitor);
        !parsed)
        return parsed.error();
    return message;
}

} // namespace arcanum::autofill
