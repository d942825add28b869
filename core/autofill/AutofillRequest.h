// AutofillRequest: one decrypted request in flight, and the way to answer it.
//
// Holds plaintext: the decrypted message (a buffer of the vault's arena) and the fields parsed
// from it in place. It is answered exactly once, with reply() (built in the arena, encrypted
// with the client's session keys, nonce + 1) or fail() (an unencrypted error carrying nothing
// from the vault). A request that waits for the user (PendingDecision) keeps its buffers until
// then; the vault locking drops it, answered with "locked".
#pragma once

#include "autofill/BoxNonce.h"
#include "autofill/InnerReply.h"
#include "autofill/InnerRequest.h"
#include "autofill/ProtocolError.h"
#include "autofill/ReplySink.h"
#include "secret/SecretBuffer.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace arcanum::autofill {

class ClientSession;

class AutofillRequest
{
public:
    struct Envelope
    {
        ConnectionId connection = 0;
        std::string clientId;
        std::string action; // the outer action (checked equal to the inner one)
        BoxNonce nonce;
        std::string requestId;
    };

    AutofillRequest(ReplySink& sink, std::string_view version, Envelope envelope,
                    ClientSession& client, SecretBuffer plaintext, InnerRequest inner);

    [[nodiscard]] const Envelope& envelope() const { return m_envelope; }
    [[nodiscard]] const InnerRequest& inner() const { return m_inner; }
    [[nodiscard]] ClientSession& client() { return *m_client; }
    // After waiting for the user, the session is looked up again (it may have gone).
    void rebind(ClientSession& client) { m_client = &client; }
    [[nodiscard]] bool answered() const { return m_answered; }

    // A reply with version, success and nonce filled in, to add fields to and pass to reply().
    [[nodiscard]] InnerReply startReply(SecretArena& arena) const;
    void reply(InnerReply& reply);
    void fail(ProtocolError error, std::string_view message = {});

private:
    ReplySink* m_sink;
    std::string m_version;
    Envelope m_envelope;
    ClientSession* m_client;
    SecretBuffer m_plaintext;
    InnerRequest m_inner;
    bool m_answered = false;
};

} // namespace arcanum::autofill
