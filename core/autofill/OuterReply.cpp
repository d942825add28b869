#include "autofill/OuterReply.h"

#include "autofill/Base64.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace arcanum::autofill {

namespace {

class Envelope
{
public:
    Envelope() : m_writer(m_buffer) { m_writer.StartObject(); }

    Envelope& field(std::string_view key, std::string_view value)
    {
        m_writer.Key(key.data(), rapidjson::SizeType(key.size()));
        m_writer.String(value.data(), rapidjson::SizeType(value.size()));
        return *this;
    }
    Envelope& number(std::string_view key, int value)
    {
        m_writer.Key(key.data(), rapidjson::SizeType(key.size()));
        m_writer.Int(value);
        return *this;
    }
    Envelope& requestId(std::string_view id)
    {
        if (!OuterReply::echoable(id).empty())
            field("requestID", id);
        return *this;
    }
    std::string text()
    {
        m_writer.EndObject();
        return {m_buffer.GetString(), m_buffer.GetSize()};
    }

private:
    rapidjson::StringBuffer m_buffer;
    rapidjson::Writer<rapidjson::StringBuffer> m_writer;
};

} // namespace

std::string_view OuterReply::echoable(std::string_view text)
{
    if (text.size() > 64)
        return {};
    for (char c : text)
        if (c < 0x20 || c > 0x7e)
            return {};
    return text;
}

std::string OuterReply::encrypted(std::string_view action, std::span<const std::uint8_t> ciphertext,
                                  const BoxNonce& replyNonce, std::string_view requestId)
{
    return Envelope()
        .field("action", echoable(action))
        .field("message", Base64::encode(ciphertext))
        .field("nonce", replyNonce.toBase64())
        .requestId(requestId)
        .text();
}

std::string OuterReply::error(std::string_view action, ProtocolError code, std::string_view message,
                              std::string_view requestId)
{
    return Envelope()
        .field("action", echoable(action))
        .field("errorCode", std::to_string(int(code)))
        .field("error", message.empty() ? protocolErrorMessage(code) : message)
        .requestId(requestId)
        .text();
}

std::string OuterReply::notRunning(std::string_view action, std::string_view requestId)
{
    return Envelope()
        .field("action", echoable(action))
        .number("errorCode", int(ProtocolError::TimeoutOrNotConnected))
        .field("error", protocolErrorMessage(ProtocolError::TimeoutOrNotConnected))
        .requestId(requestId)
        .text();
}

std::string OuterReply::publicKeys(std::span<const std::uint8_t> publicKey,
                                   const BoxNonce& replyNonce, std::string_view version)
{
    return Envelope()
        .field("action", "change-public-keys")
        .field("version", version)
        .field("publicKey", Base64::encode(publicKey))
        .field("success", "true")
        .field("nonce", replyNonce.toBase64())
        .text();
}

std::string OuterReply::notification(std::string_view action)
{
    return Envelope().field("action", action).text();
}

} // namespace arcanum::autofill
