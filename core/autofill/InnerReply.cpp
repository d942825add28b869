#include "autofill/InnerReply.h"

#include "autofill/ProtocolLimits.h"

namespace arcanum::autofill {

InnerReply::InnerReply(SecretArena& arena, const BoxNonce& replyNonce, std::string_view version)
    : m_stream(arena, maxReplyPlaintextBytes), m_writer(m_stream)
{
    m_writer.StartObject();
    field("version", version);
    field("success", std::string_view("true"));
    field("nonce", std::string_view(replyNonce.toBase64()));
}

void InnerReply::key(std::string_view key)
{
    m_writer.Key(key.data(), rapidjson::SizeType(key.size()));
}

void InnerReply::value(SecretSpan value)
{
    m_writer.String(value.empty() ? "" : value.chars(), rapidjson::SizeType(value.size()));
}

void InnerReply::value(std::string_view value)
{
    m_writer.String(value.data(), rapidjson::SizeType(value.size()));
}

void InnerReply::field(std::string_view key, SecretSpan value)
{
    this->key(key);
    this->value(value);
}

void InnerReply::field(std::string_view key, std::string_view value)
{
    this->key(key);
    this->value(value);
}

Result<SecretSpan> InnerReply::finish()
{
    m_writer.EndObject();
    if (m_stream.tooLarge())
        return makeError(ErrorCode::InvalidArgument, "The reply would be too large to send.");
    if (m_stream.failed())
        return makeError(ErrorCode::OutOfMemory, "No secret memory left to build the reply.");
    return m_stream.text();
}

} // namespace arcanum::autofill
