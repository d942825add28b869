// BrowserSocketServer: the app's end of the browser connection — a Unix socket that
// arcanum-browser-host connects to — feeding an AutofillServer.
//
// Listens on SocketPath::socket(): the folder is 0700, the socket 0600, a lock file keeps a
// second app from taking it over (a stale socket from a crashed app is replaced), and the socket
// is removed when the server goes. Every connection's peer is checked with SO_PEERCRED: another
// user's process is refused and logged (its uid and pid, nothing it sent). Non-blocking and
// single-threaded: the owner watches the descriptors (QSocketNotifier in the app, poll() in
// tests and pollOnce()) and calls the on...() functions; watchesChanged is called whenever the
// set of descriptors or the wish to write changes. What passes through here is ciphertext in
// its JSON envelope: nothing is decrypted at this level.
#pragma once

#include "autofill/AutofillServer.h"
#include "common/Result.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace arcanum::autofill {

class BrowserSocketServer : public AutofillServer::Transport
{
public:
    // Unsent bytes one connection may hold before it is dropped (a peer that stopped reading).
    static constexpr std::size_t maxPendingOutput = 8 * 1024 * 1024;

    // Creates the socket at `path` in a private folder (made when missing) (SocketPath::socket() in
    // the app; tests pass their own). AlreadyExists when another server holds the lock.
    [[nodiscard]] static Result<std::unique_ptr<BrowserSocketServer>>
    listen(const std::string& path, AutofillServer::Options options = {});
    ~BrowserSocketServer() override;
    BrowserSocketServer(const BrowserSocketServer&) = delete;
    BrowserSocketServer& operator=(const BrowserSocketServer&) = delete;

    [[nodiscard]] AutofillServer& protocol() { return *m_protocol; }
    [[nodiscard]] const std::string& path() const { return m_path; }

    // --- event loop -----------------------------------------------------------------------------
    [[nodiscard]] int listeningFd() const { return m_listenFd; }
    [[nodiscard]] std::vector<int> connectionFds() const;
    [[nodiscard]] bool wantsWrite(int fd) const;
    void setWatchesChanged(std::function<void()> callback)
    {
        m_watchesChanged = std::move(callback);
    }

    void onListenReadable(); // accepts every waiting connection
    void onReadable(int fd); // reads what is there; end of stream closes the connection
    void onWritable(int fd); // writes what is queued
    // One poll() over every descriptor, then the on...() calls; for loops without Qt.
    void pollOnce(int timeoutMs);

    // Refused peers so far (another uid).
    [[nodiscard]] std::size_t refusedPeers() const { return m_refused; }

private:
    struct Peer
    {
        int fd = -1;
        ConnectionId id = 0;
        std::vector<std::uint8_t> output;
        std::size_t written = 0; // bytes of `output` already sent
        bool dead = false;
    };

    BrowserSocketServer(std::string path, AutofillServer::Options options);
    void send(ConnectionId connection, std::span<const std::uint8_t> frame) override;
    void flush(Peer& peer);
    void closeDead();
    void log(const std::string& line) const;
    [[nodiscard]] Peer* peerByFd(int fd);

    std::string m_path;
    std::function<void(const std::string&)> m_log;
    int m_listenFd = -1;
    int m_lockFd = -1;
    ino_t m_socketInode = 0;
    std::map<int, Peer> m_peers; // by fd
    std::function<void()> m_watchesChanged;
    std::unique_ptr<AutofillServer> m_protocol;
    std::size_t m_refused = 0;
};

} // namespace arcanum::autofill
