#include "autofill/AutofillRequest.h"

#include "autofill/ClientSession.h"
#include "autofill/OuterReply.h"

namespace arcanum::autofill {

AutofillRequest::AutofillRequest(ReplySink& sink, std::string_view version, Envelope envelope,
                                 ClientSession& client, SecretBuffer plaintext, InnerRequest inner)
    : m_sink(&sink), m_version(version), m_envelope(std::move(envelope)), m_client(&client),
      m_plaintext(std::move(plaintext)), m_inner(std::move(inner))
{}

InnerReply AutofillRequest::startReply(SecretArena& arena) const
{
    return InnerReply(arena, m_envelope.nonce.incremented(), m_version);
}

void AutofillRequest::reply(InnerReply& reply)
{
    if (m_answered)
        return;
    const auto text = reply.finish();
    if (!text) {
        fail(text.error().code == ErrorCode::OutOfMemory ? ProtocolError::CannotEncryptMessage
                                                         : ProtocolError::Unknown,
             text.error().message);
        return;
    }
    const BoxNonce replyNonce = m_envelope.nonce.incremented();
    const auto ciphertext = m_client->keys().seal(text.value(), replyNonce);
    if (ciphertext.empty()) {
        fail(ProtocolError::CannotEncryptMessage);
        return;
    }
    m_answered = true;
    // A reply's nonce must never be accepted as a request's: a reflected reply would decrypt.
    (void)m_client->rememberNonce(replyNonce);
    m_sink->sendJson(
        m_envelope.connection,
        OuterReply::encrypted(m_envelope.action, ciphertext, replyNonce, m_envelope.requestId));
}

void AutofillRequest::fail(ProtocolError error, std::string_view message)
{
    if (m_answered)
        return;
    m_answered = true;
    m_sink->sendJson(m_envelope.connection,
                     OuterReply::error(m_envelope.action, error, message, m_envelope.requestId));
}

} // namespace arcanum::autofill
