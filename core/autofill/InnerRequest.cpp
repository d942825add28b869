#include "autofill/InnerRequest.h"

#include "autofill/JsonObjectReader.h"
#include "autofill/ProtocolLimits.h"

#include <cstring>

namespace arcanum::autofill {

namespace {

bool isTrue(const JsonValue& value)
{
    return value.kind == JsonValue::Kind::True ||
           (value.kind == JsonValue::Kind::String && InnerRequest::equals(value.text, "true"));
}

class InnerVisitor : public JsonVisitor
{
public:
    explicit InnerVisitor(InnerRequest& request) : m_request(request) {}

    bool topLevel(std::string_view key, const JsonValue& value) override
    {
        if (key == "httpAuth") {
            m_request.httpAuth = isTrue(value);
            return true;
        }
        SecretSpan* field = stringField(key);
        if (field == nullptr)
            return true;
        if (value.kind != JsonValue::Kind::String || InnerRequest::present(*field))
            return false; // wrong type, or given twice
        *field = value.text;
        return true;
    }

    bool inArray(std::string_view key, std::size_t index, std::string_view member,
                 const JsonValue& value) override
    {
        if (key != "keys")
            return true; // connectedKeys and the like: not used
        if (index >= maxKeysPerRequest || value.kind != JsonValue::Kind::String)
            return false;
        if (m_request.keys.size() <= index)
            m_request.keys.resize(index + 1);
        InnerRequest::Key& entry = m_request.keys[index];
        SecretSpan* field = member == "id" ? &entry.id : member == "key" ? &entry.key : nullptr;
        if (field == nullptr)
            return true;
        if (InnerRequest::present(*field))
            return false;
        *field = value.text;
        return true;
    }

private:
    SecretSpan* stringField(std::string_view key)
    {
        InnerRequest& r = m_request;
        struct Name
        {
            std::string_view name;
            SecretSpan InnerRequest::*field;
        };
        static constexpr Name names[] = {
            {"action", &InnerRequest::action},
            {"id", &InnerRequest::id},
            {"key", &InnerRequest::key},
            {"idKey", &InnerRequest::idKey},
            {"url", &InnerRequest::url},
            {"submitUrl", &InnerRequest::submitUrl},
            {"login", &InnerRequest::login},
            {"password", &InnerRequest::password},
            {"uuid", &InnerRequest::uuid},
            {"group", &InnerRequest::group},
            {"groupUuid", &InnerRequest::groupUuid},
            {"groupName", &InnerRequest::groupName},
        };
        for (const Name& n : names)
            if (key == n.name)
                return &(r.*n.field);
        return nullptr;
    }

    InnerRequest& m_request;
};

} // namespace

bool InnerRequest::equals(SecretSpan field, std::string_view text)
{
    return field.size() == text.size() &&
           (text.empty() || std::memcmp(field.data(), text.data(), text.size()) == 0);
}

Result<InnerRequest> InnerRequest::parse(SecretBuffer& plaintext)
{
    InnerRequest request;
    InnerVisitor visitor(request);
    if (auto parsed =
            JsonObjectReader::parse(plaintext.data(), plaintext.size(), plaintext.arena(), visitor);
        !parsed)
        return parsed.error();
    return request;
}

} // namespace arcanum::autofill
