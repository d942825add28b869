// AutofillServer: the KeePassXC-Browser protocol, as the app speaks it to its browser
// connections (docs/AUTOFILL.md). Qt-free and I/O-free: bytes come in through receive(), frames
// go out through a Transport, so it can be driven by a socket loop, by tests and by a fuzzer.
//
// Per connection: a frame decoder (little-endian lengths, at most maxFrameBytes), and one
// ClientSession per clientID (a key exchange). Per request: envelope checks, the lock check, the
// replay check, decryption into the vault's arena, in-place parsing, the action, an answer built
// in the arena and encrypted from there. Requests that need the user wait as PendingDecisions
// and are answered when the AutofillPrompter's answer arrives.
//
// Locking: setVault(nullptr) must be called while the vault's arena is still mapped (the app
// does it on VaultSession::aboutToLock). Pending requests are answered "locked", sessions forget
// their association and grants, and the session keys move to a small arena of their own in
// locked (mlock) memory: no secretmem file stays open while the vault is locked, so the machine
// can hibernate, and the extension keeps its key exchange across the lock. Every connection
// then gets {"action":"database-locked"}; setVault(vault) moves the keys back into the vault's
// arena and sends {"action":"database-unlocked"}.
#pragma once

#include "autofill/AutofillPrompter.h"
#include "autofill/AutofillRequest.h"
#include "autofill/AutofillVault.h"
#include "autofill/ClientSession.h"
#include "autofill/DecisionAsker.h"
#include "autofill/FrameDecoder.h"
#include "autofill/OuterMessage.h"
#include "autofill/PendingDecision.h"

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace arcanum::autofill {

class AutofillServer : public ReplySink, public DecisionAsker
{
public:
    class Transport
    {
    public:
        virtual ~Transport() = default;
        // Queues `frame` (header included) for `connection`. Must not call back into the
        // server (e.g. closeConnection) from inside.
        virtual void send(ConnectionId connection, std::span<const std::uint8_t> frame) = 0;
    };

    struct Options
    {
        // What "version" says. The extension enables features by KeePassXC version (2.7.0: the
        // generator's answer is a string; 2.6.1: get-totp), so Arcanum names the KeePassXC
        // release whose protocol it implements.
        std::string version = "2.7.4";
        // A line for the log: never holds plaintext (no URL, no name, no message content).
        std::function<void(const std::string&)> log;
        // A locked request carried triggerUnlock: the app may raise its unlock window.
        std::function<void()> unlockRequested;
    };

    explicit AutofillServer(Transport& transport);
    AutofillServer(Transport& transport, Options options);
    ~AutofillServer() override;
    AutofillServer(const AutofillServer&) = delete;
    AutofillServer& operator=(const AutofillServer&) = delete;

    // --- connections --------------------------------------------------------------------------
    [[nodiscard]] ConnectionId openConnection();
    // Bytes read from the connection (framed). Answers go out through the transport.
    void receive(ConnectionId connection, std::span<const std::uint8_t> bytes);
    // The peer closed (or the app dropped it): its sessions are wiped, its questions withdrawn.
    void closeConnection(ConnectionId connection);
    // One message (the JSON of one frame), as receive() passes it on; for the fuzzer.
    void handleMessage(ConnectionId connection, std::span<const std::uint8_t> json);

    // --- the vault and the user ---------------------------------------------------------------
    void setVault(AutofillVault* vault); // null: locked
    [[nodiscard]] bool isUnlocked() const { return m_vault != nullptr; }
    // Null: nobody to ask; associations and new sites are then refused.
    void setPrompter(AutofillPrompter* prompter) { m_prompter = prompter; }
    // The user named the browser (or refused it, with an empty name). Unknown ids are ignored.
    void answerAssociation(DecisionId id, SecretSpan name);
    void answerSiteAccess(DecisionId id, std::span<const EntryDecision> answers);
    // The user removed a browser association (Settings): every session must prove its
    // association again and be given entries again, so a removed browser's open connection can
    // do nothing more. Connections hear {"action":"database-unlocked"}, on which the extension
    // re-checks its association (test-associate).
    void associationsChanged();

    // --- for tests and status -----------------------------------------------------------------
    [[nodiscard]] std::size_t connectionCount() const { return m_connections.size(); }
    [[nodiscard]] std::size_t pendingCount() const { return m_pending.size(); }
    [[nodiscard]] std::size_t sessionCount() const;
    // Where the session keys are while locked (null while unlocked or without sessions).
    [[nodiscard]] const SecretArena* lockedKeyArena() const { return m_keyArena.get(); }

private:
    struct Connection
    {
        explicit Connection(ConnectionId id);
        ConnectionId id;
        FrameDecoder decoder;
        std::vector<std::unique_ptr<ClientSession>> sessions; // oldest first
    };

    void sendJson(ConnectionId connection, std::string_view json) override;
    void ask(std::unique_ptr<PendingDecision> decision) override;

    void changePublicKeys(Connection& connection, const OuterMessage& message);
    void handleEncrypted(Connection& connection, const OuterMessage& message);
    void dispatch(std::unique_ptr<AutofillRequest> request);
    void finish(std::unique_ptr<PendingDecision> decision, SecretSpan name,
                std::span<const EntryDecision> answers);
    [[nodiscard]] std::unique_ptr<PendingDecision> takePending(DecisionId id,
                                                               PendingDecision::Kind kind);
    [[nodiscard]] Connection* findConnection(ConnectionId id);
    [[nodiscard]] ClientSession* findSession(ConnectionId id, std::string_view clientId);
    [[nodiscard]] SecretArena* keyArena(); // the vault's, or the locked one (made on demand)
    void moveKeys(SecretArena& arena);
    void withdrawPending(std::function<bool(const PendingDecision&)> which, ProtocolError error);
    void broadcast(std::string_view action);
    void log(const std::string& line) const;

    Transport& m_transport;
    Options m_options;
    AutofillVault* m_vault = nullptr;
    AutofillPrompter* m_prompter = nullptr;
    std::unique_ptr<SecretArena> m_keyArena;
    std::map<ConnectionId, std::unique_ptr<Connection>> m_connections;
    std::map<DecisionId, std::unique_ptr<PendingDecision>> m_pending;
    ConnectionId m_nextConnection = 1;
    DecisionId m_nextDecision = 1;
};

} // namespace arcanum::autofill
