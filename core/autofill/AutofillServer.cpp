#include "autofill/AutofillServer.h"

#include "autofill/AssociationActions.h"
#include "autofill/Base64.h"
#include "autofill/LoginActions.h"
#include "autofill/OuterReply.h"
#include "autofill/ProtocolLimits.h"
#include "autofill/VaultActions.h"

#include <algorithm>

namespace arcanum::autofill {

namespace {

// The actions that carry an encrypted message.
constexpr std::string_view encryptedActions[] = {
    "get-databasehash",  "associate",     "test-associate",      "get-logins",       "set-login",
    "generate-password", "lock-database", "get-database-groups", "create-new-group", "get-totp",
};

bool isEncryptedAction(std::string_view action)
{
    return std::find(std::begin(encryptedActions), std::end(encryptedActions), action) !=
           std::end(encryptedActions);
}

} // namespace

AutofillServer::Connection::Connection(ConnectionId id)
    : id(id), decoder(maxFrameBytes, FrameDecoder::Order::LittleEndian)
{}

AutofillServer::AutofillServer(Transport& transport) : AutofillServer(transport, Options()) {}

AutofillServer::AutofillServer(Transport& transport, Options options)
    : m_transport(transport), m_options(std::move(options))
{}

AutofillServer::~AutofillServer()
{
    if (m_prompter)
        for (const auto& [id, decision] : m_pending)
            m_prompter->withdraw(id);
}

void AutofillServer::log(const std::string& line) const
{
    if (m_options.log)
        m_options.log(line);
}

std::size_t AutofillServer::sessionCount() const
{
    std::size_t count = 0;
    for (const auto& [id, connection] : m_connections)
        count += connection->sessions.size();
    return count;
}

// --- connections ------------------------------------------------------------------------------

ConnectionId AutofillServer::openConnection()
{
    const ConnectionId id = m_nextConnection++;
    m_connections.emplace(id, std::make_unique<Connection>(id));
    return id;
}

AutofillServer::Connection* AutofillServer::findConnection(ConnectionId id)
{
    const auto it = m_connections.find(id);
    return it == m_connections.end() ? nullptr : it->second.get();
}

ClientSession* AutofillServer::findSession(ConnectionId id, std::string_view clientId)
{
    Connection* connection = findConnection(id);
    if (connection == nullptr)
        return nullptr;
    for (auto& session : connection->sessions)
        if (session->clientId() == clientId)
            return session.get();
    return nullptr;
}

void AutofillServer::receive(ConnectionId id, std::span<const std::uint8_t> bytes)
{
    Connection* connection = findConnection(id);
    if (connection == nullptr)
        return;
    connection->decoder.feed(
        bytes, [&](std::span<const std::uint8_t> frame) { handleMessage(id, frame); },
        [&](std::uint64_t length) {
            log("Browser connection " + std::to_string(id) + ": refused a message of " +
                std::to_string(length) + " bytes (the limit is " + std::to_string(maxFrameBytes) +
                ").");
            sendJson(id, OuterReply::error({}, ProtocolError::EmptyMessageReceived,
                                           "The message is larger than Arcanum accepts."));
        });
}

void AutofillServer::closeConnection(ConnectionId id)
{
    const auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    if (it->second->decoder.midFrame())
        log("Browser connection " + std::to_string(id) + " closed inside a message.");
    // Out of the table first, so that nothing is sent to it any more; then its questions go,
    // then its sessions (their keys are wiped).
    const std::unique_ptr<Connection> closed = std::move(it->second);
    m_connections.erase(it);
    withdrawPending(
        [&](const PendingDecision& d) { return d.request->envelope().connection == id; },
        ProtocolError::Unknown);
}

void AutofillServer::sendJson(ConnectionId connection, std::string_view json)
{
    if (findConnection(connection) == nullptr)
        return;
    std::vector<std::uint8_t> frame;
    frame.reserve(FrameDecoder::headerBytes + json.size());
    FrameDecoder::appendFrame(frame,
                              {reinterpret_cast<const std::uint8_t*>(json.data()), json.size()},
                              FrameDecoder::Order::LittleEndian);
    m_transport.send(connection, frame);
}

void AutofillServer::broadcast(std::string_view action)
{
    const std::string json = OuterReply::notification(action);
    std::vector<ConnectionId> ids;
    for (const auto& [id, connection] : m_connections)
        ids.push_back(id);
    for (ConnectionId id : ids)
        sendJson(id, json);
}

// --- messages ---------------------------------------------------------------------------------

void AutofillServer::handleMessage(ConnectionId id, std::span<const std::uint8_t> json)
{
    Connection* connection = findConnection(id);
    if (connection == nullptr)
        return;
    std::vector<std::uint8_t> storage;
    auto message = OuterMessage::parse(json, storage);
    if (!message) {
        sendJson(id, OuterReply::error({}, ProtocolError::EmptyMessageReceived,
                                       message.error().message));
        return;
    }
    const OuterMessage& m = *message;
    if (m.action.empty()) {
        sendJson(id, OuterReply::error({}, ProtocolError::IncorrectAction, {}, m.requestId));
        return;
    }
    if (m.action == "change-public-keys") {
        changePublicKeys(*connection, m);
        return;
    }
    if (m.action == "request-autotype") {
        sendJson(id, OuterReply::error(m.action, ProtocolError::IncorrectAction,
                                       "Arcanum does not type logins into other windows "
                                       "(Auto-Type).",
                                       m.requestId));
        return;
    }
    if (!isEncryptedAction(m.action)) {
        sendJson(id, OuterReply::error(m.action, ProtocolError::IncorrectAction, {}, m.requestId));
        return;
    }
    handleEncrypted(*connection, m);
}

void AutofillServer::changePublicKeys(Connection& connection, const OuterMessage& m)
{
    SessionKeys::PublicKey clientKey{};
    const auto nonce = BoxNonce::fromBase64(m.nonce);
    if (!nonce || m.clientId.empty() || m.clientId.size() > 256 ||
        !Base64::decodeExact(
            {reinterpret_cast<const std::uint8_t*>(m.publicKey.data()), m.publicKey.size()},
            clientKey)) {
        sendJson(connection.id,
                 OuterReply::error(m.action, ProtocolError::ClientPublicKeyNotReceived, {},
                                   m.requestId));
        return;
    }
    SecretArena* arena = keyArena();
    auto keys = arena ? SessionKeys::create(*arena, clientKey)
                      : Result<SessionKeys>(makeError(ErrorCode::OutOfMemory, "no key memory"));
    if (!keys) {
        log("Browser connection " + std::to_string(connection.id) +
            ": key exchange failed: " + keys.error().message);
        sendJson(connection.id,
                 OuterReply::error(m.action, ProtocolError::KeyChangeFailed, {}, m.requestId));
        return;
    }
    auto& sessions = connection.sessions;
    // A new exchange under a known clientID replaces the old one (and its nonces and grants).
    std::erase_if(sessions, [&](const auto& s) { return s->clientId() == m.clientId; });
    if (sessions.size() >= maxClientsPerConnection)
        sessions.erase(sessions.begin());
    sessions.push_back(
        std::make_unique<ClientSession>(std::string(m.clientId), std::move(keys.value())));
    sendJson(connection.id, OuterReply::publicKeys(sessions.back()->keys().publicKey(),
                                                   nonce->incremented(), m_options.version));
}

void AutofillServer::handleEncrypted(Connection& connection, const OuterMessage& m)
{
    auto fail = [&](ProtocolError error, std::string_view text = {}) {
        sendJson(connection.id, OuterReply::error(m.action, error, text, m.requestId));
    };
    ClientSession* session = findSession(connection.id, m.clientId);
    if (session == nullptr)
        return fail(ProtocolError::ClientPublicKeyNotReceived);
    if (m_vault == nullptr) {
        if (m.triggerUnlock && m_options.unlockRequested)
            m_options.unlockRequested();
        return fail(ProtocolError::DatabaseNotOpened);
    }
    if (session->nonceLimitReached())
        return fail(ProtocolError::KeyChangeFailed,
                    "Too many messages on one key exchange: reconnect the extension.");
    const auto nonce = BoxNonce::fromBase64(m.nonce);
    const auto ciphertext = Base64::decode(m.message);
    if (!nonce || !ciphertext || ciphertext->empty())
        return fail(ProtocolError::CannotDecryptMessage);
    auto plaintext =
        session->keys().open(*ciphertext, *nonce, m_vault->arena(), maxRequestPlaintextBytes);
    if (!plaintext) {
        switch (plaintext.error().code) {
        case ErrorCode::AuthenticationFailed:
            return fail(ProtocolError::CannotDecryptMessage);
        case ErrorCode::InvalidArgument:
            return fail(ProtocolError::EmptyMessageReceived, plaintext.error().message);
        default:
            return fail(ProtocolError::Unknown, plaintext.error().message);
        }
    }
    // Only an authentic message is remembered: a forged one cannot fill the replay set.
    if (!session->rememberNonce(*nonce)) {
        log("Browser connection " + std::to_string(connection.id) +
            ": refused a replayed message.");
        return fail(ProtocolError::CannotDecryptMessage,
                    "Arcanum refused a message it had already received (a replayed nonce).");
    }
    auto inner = InnerRequest::parse(plaintext.value());
    if (!inner)
        return fail(ProtocolError::EmptyMessageReceived, inner.error().message);
    if (!InnerRequest::equals(inner->action, m.action))
        return fail(ProtocolError::IncorrectAction,
                    "The encrypted message is for another action than its envelope.");
    AutofillRequest::Envelope envelope{connection.id, std::string(m.clientId),
                                       std::string(m.action), *nonce, std::string(m.requestId)};
    dispatch(std::make_unique<AutofillRequest>(*this, m_options.version, std::move(envelope),
                                               *session, std::move(plaintext.value()),
                                               std::move(inner.value())));
}

void AutofillServer::dispatch(std::unique_ptr<AutofillRequest> request)
{
    AutofillVault& vault = *m_vault;
    const std::string& action = request->envelope().action;
    if (action == "associate")
        return AssociationActions::associate(std::move(request), vault, *this);
    if (action == "get-logins")
        return LoginActions::getLogins(std::move(request), vault, *this);
    if (action == "get-databasehash")
        VaultActions::databaseHash(*request, vault);
    else if (action == "test-associate")
        AssociationActions::testAssociate(*request, vault);
    else if (action == "set-login")
        LoginActions::setLogin(*request, vault);
    else if (action == "get-totp")
        LoginActions::getTotp(*request, vault);
    else if (action == "generate-password")
        VaultActions::generatePassword(*request, vault);
    else if (action == "lock-database")
        VaultActions::lockDatabase(*request, vault);
    else if (action == "get-database-groups")
        VaultActions::databaseGroups(*request, vault);
    else if (action == "create-new-group")
        VaultActions::createGroup(*request, vault);
    if (!request->answered())
        request->fail(ProtocolError::Unknown);
}

// --- questions to the user --------------------------------------------------------------------

void AutofillServer::ask(std::unique_ptr<PendingDecision> decision)
{
    const ConnectionId connection = decision->request->envelope().connection;
    const auto waiting = std::count_if(m_pending.begin(), m_pending.end(), [&](const auto& p) {
        return p.second->request->envelope().connection == connection;
    });
    if (std::size_t(waiting) >= maxPendingPerConnection) {
        decision->request->fail(ProtocolError::ActionCancelledOrDenied,
                                "Too many questions are waiting in Arcanum.");
        return;
    }
    if (m_prompter == nullptr) {
        log("A browser asked for something only the user can allow, and nobody can be asked: "
            "refused.");
        finish(std::move(decision), {}, {});
        return;
    }
    const DecisionId id = m_nextDecision++;
    PendingDecision& pending = *decision;
    m_pending.emplace(id, std::move(decision));
    // The prompter may answer at once (tests do): nothing of `pending` is used after this.
    if (pending.kind == PendingDecision::Kind::Association)
        m_prompter->askAssociation(id, pending.association);
    else
        m_prompter->askSiteAccess(id, pending.siteAccess);
}

std::unique_ptr<PendingDecision> AutofillServer::takePending(DecisionId id,
                                                             PendingDecision::Kind kind)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second->kind != kind)
        return nullptr;
    auto decision = std::move(it->second);
    m_pending.erase(it);
    return decision;
}

void AutofillServer::answerAssociation(DecisionId id, SecretSpan name)
{
    if (auto decision = takePending(id, PendingDecision::Kind::Association))
        finish(std::move(decision), name, {});
}

void AutofillServer::answerSiteAccess(DecisionId id, std::span<const EntryDecision> answers)
{
    if (auto decision = takePending(id, PendingDecision::Kind::SiteAccess))
        finish(std::move(decision), {}, answers);
}

void AutofillServer::finish(std::unique_ptr<PendingDecision> decision, SecretSpan name,
                            std::span<const EntryDecision> answers)
{
    AutofillRequest& request = *decision->request;
    const auto& envelope = request.envelope();
    ClientSession* session = findSession(envelope.connection, envelope.clientId);
    if (session == nullptr || m_vault == nullptr) {
        request.fail(ProtocolError::ClientPublicKeyNotReceived); // dropped if the peer is gone
        return;
    }
    request.rebind(*session);
    if (decision->kind == PendingDecision::Kind::Association)
        AssociationActions::finishAssociate(*decision, *m_vault, name);
    else
        LoginActions::finishGetLogins(*decision, *m_vault, answers);
    if (!request.answered())
        request.fail(ProtocolError::Unknown);
}

void AutofillServer::withdrawPending(std::function<bool(const PendingDecision&)> which,
                                     ProtocolError error)
{
    std::vector<std::unique_ptr<PendingDecision>> withdrawn;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (which(*it->second)) {
            if (m_prompter)
                m_prompter->withdraw(it->first);
            withdrawn.push_back(std::move(it->second));
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& decision : withdrawn)
        decision->request->fail(error);
}

// --- locking ----------------------------------------------------------------------------------

SecretArena* AutofillServer::keyArena()
{
    if (m_vault != nullptr)
        return &m_vault->arena();
    if (!m_keyArena) {
        SecretArenaOptions options;
        options.lockedMemoryOnly = true;
        options.minimumRegionBytes = 4096;
        auto arena = SecretArena::create(options, 4096);
        if (!arena) {
            log("No memory for browser session keys: " + arena.error().message);
            return nullptr;
        }
        m_keyArena = std::move(arena.value());
    }
    return m_keyArena.get();
}

void AutofillServer::moveKeys(SecretArena& arena)
{
    for (auto& [key, connection] : m_connections) {
        const ConnectionId id = key; // (clang 14 cannot capture a structured binding)
        std::erase_if(connection->sessions, [&](const auto& session) {
            if (session->keys().moveTo(arena))
                return false;
            log("Browser connection " + std::to_string(id) +
                ": dropped a key exchange (no memory to keep its key).");
            return true;
        });
    }
}

void AutofillServer::associationsChanged()
{
    for (auto& [id, connection] : m_connections)
        for (auto& session : connection->sessions)
            session->forget();
    if (m_vault != nullptr)
        broadcast("database-unlocked");
}

void AutofillServer::setVault(AutofillVault* vault)
{
    if (vault == m_vault)
        return;
    if (m_vault != nullptr) {
        withdrawPending([](const PendingDecision&) { return true; },
                        ProtocolError::DatabaseNotOpened);
        m_vault = nullptr;
        for (auto& [id, connection] : m_connections)
            for (auto& session : connection->sessions)
                session->forget();
        if (sessionCount() > 0) {
            if (SecretArena* arena = keyArena())
                moveKeys(*arena);
            else
                for (auto& [id, connection] : m_connections)
                    connection->sessions.clear();
        }
        broadcast("database-locked");
    }
    if (vault != nullptr) {
        m_vault = vault;
        moveKeys(vault->arena());
        m_keyArena.reset(); // wiped and unmapped
        broadcast("database-unlocked");
    }
}

} // namespace arcanum::autofill
