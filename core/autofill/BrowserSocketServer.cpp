#include "autofill/BrowserSocketServer.h"

#include "autofill/ProtocolLimits.h"
#include "autofill/SocketPath.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace arcanum::autofill {

namespace {

std::string parentOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

} // namespace

BrowserSocketServer::BrowserSocketServer(std::string path, AutofillServer::Options options)
    : m_path(std::move(path)), m_log(options.log)
{
    m_protocol = std::make_unique<AutofillServer>(*this, std::move(options));
}

Result<std::unique_ptr<BrowserSocketServer>>
BrowserSocketServer::listen(const std::string& path, AutofillServer::Options options)
{
    sockaddr_un address{};
    if (path.empty() || path.size() >= sizeof address.sun_path)
        return makeError(ErrorCode::InvalidArgument,
                         "The socket path is too long for a Unix socket: " + path);
    const std::string folder = parentOf(path);
    if (auto made = SocketPath::ensureFolder(folder, true); !made)
        return made.error();

    std::unique_ptr<BrowserSocketServer> server(new BrowserSocketServer(path, std::move(options)));
    const std::string lockPath = folder + "/" + SocketPath::lockName;
    server->m_lockFd = open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (server->m_lockFd < 0)
        return errnoError("Cannot open " + lockPath, errno);
    if (flock(server->m_lockFd, LOCK_EX | LOCK_NB) != 0)
        return errno == EWOULDBLOCK
                   ? makeError(ErrorCode::AlreadyExists,
                               "Another Arcanum is already serving browsers on " + path + ".")
                   : errnoError("Cannot lock " + lockPath, errno);
    // We hold the lock: whatever socket is there belongs to an app that is gone.
    if (unlink(path.c_str()) != 0 && errno != ENOENT)
        return errnoError("Cannot remove the old socket " + path, errno);

    server->m_listenFd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (server->m_listenFd < 0)
        return errnoError("Cannot create a Unix socket", errno);
    // The socket file takes the socket's mode (less the umask) at bind(): 0600 from the start.
    if (fchmod(server->m_listenFd, 0600) != 0)
        return errnoError("Cannot set the socket's mode", errno);
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    if (bind(server->m_listenFd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
        return errnoError("Cannot listen on " + path, errno);
    struct stat info
    {};
    if (chmod(path.c_str(), 0600) != 0 || lstat(path.c_str(), &info) != 0)
        return errnoError("Cannot set the mode of " + path, errno);
    server->m_socketInode = info.st_ino;
    if (::listen(server->m_listenFd, 16) != 0)
        return errnoError("Cannot listen on " + path, errno);
    return server;
}

BrowserSocketServer::~BrowserSocketServer()
{
    m_protocol.reset(); // withdraws questions while the transport still exists
    for (auto& [fd, peer] : m_peers)
        close(fd);
    if (m_listenFd >= 0) {
        close(m_listenFd);
        struct stat info
        {};
        if (lstat(m_path.c_str(), &info) == 0 && info.st_ino == m_socketInode)
            unlink(m_path.c_str());
    }
    if (m_lockFd >= 0)
        close(m_lockFd); // releases the lock
}

void BrowserSocketServer::log(const std::string& line) const
{
    if (m_log)
        m_log(line);
}

std::vector<int> BrowserSocketServer::connectionFds() const
{
    std::vector<int> fds;
    for (const auto& [fd, peer] : m_peers)
        if (!peer.dead)
            fds.push_back(fd);
    return fds;
}

bool BrowserSocketServer::wantsWrite(int fd) const
{
    const auto it = m_peers.find(fd);
    return it != m_peers.end() && !it->second.dead && it->second.written < it->second.output.size();
}

BrowserSocketServer::Peer* BrowserSocketServer::peerByFd(int fd)
{
    const auto it = m_peers.find(fd);
    return it == m_peers.end() || it->second.dead ? nullptr : &it->second;
}

void BrowserSocketServer::onListenReadable()
{
    bool changed = false;
    for (;;) {
        const int fd = accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0)
            break; // EAGAIN: no more waiting (other errors: try again on the next wake-up)
        ucred peer{};
        socklen_t length = sizeof peer;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0 || peer.uid != geteuid()) {
            ++m_refused;
            log("Refused a browser connection from uid " + std::to_string(peer.uid) + " (pid " +
                std::to_string(peer.pid) + "): only this user's programs may connect.");
            close(fd);
            continue;
        }
        if (m_peers.size() >= maxConnections) {
            log("Refused a browser connection: " + std::to_string(maxConnections) +
                " are open already.");
            close(fd);
            continue;
        }
        Peer& added = m_peers[fd];
        added.fd = fd;
        added.id = m_protocol->openConnection();
        changed = true;
    }
    if (changed && m_watchesChanged)
        m_watchesChanged();
}

void BrowserSocketServer::onReadable(int fd)
{
    std::uint8_t buffer[64 * 1024]; // ciphertext in its envelope: not secret
    for (Peer* peer = peerByFd(fd); peer != nullptr && !peer->dead; peer = peerByFd(fd)) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n > 0) {
            m_protocol->receive(peer->id, {buffer, std::size_t(n)});
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            break;
        peer->dead = true; // end of stream, or an error
    }
    closeDead();
}

void BrowserSocketServer::send(ConnectionId connection, std::span<const std::uint8_t> frame)
{
    for (auto& [fd, peer] : m_peers) {
        if (peer.id != connection || peer.dead)
            continue;
        if (peer.output.size() - peer.written + frame.size() > maxPendingOutput) {
            log("Dropped browser connection " + std::to_string(connection) +
                ": it stopped reading.");
            peer.dead = true; // closed by closeDead(), outside the protocol's call
            return;
        }
        const bool wasIdle = peer.written == peer.output.size();
        peer.output.insert(peer.output.end(), frame.begin(), frame.end());
        flush(peer);
        if (wasIdle && peer.written < peer.output.size() && m_watchesChanged)
            m_watchesChanged();
        return;
    }
}

void BrowserSocketServer::flush(Peer& peer)
{
    while (peer.written < peer.output.size()) {
        const ssize_t n = ::send(peer.fd, peer.output.data() + peer.written,
                                 peer.output.size() - peer.written, MSG_NOSIGNAL);
        if (n > 0) {
            peer.written += std::size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        peer.dead = true;
        return;
    }
    peer.output.clear();
    peer.written = 0;
}

void BrowserSocketServer::onWritable(int fd)
{
    if (Peer* peer = peerByFd(fd)) {
        flush(*peer);
        if (!wantsWrite(fd) && m_watchesChanged)
            m_watchesChanged();
    }
    closeDead();
}

void BrowserSocketServer::closeDead()
{
    std::vector<Peer> dead;
    for (auto it = m_peers.begin(); it != m_peers.end();) {
        if (it->second.dead) {
            dead.push_back(std::move(it->second));
            it = m_peers.erase(it);
        } else {
            ++it;
        }
    }
    for (Peer& peer : dead) {
        close(peer.fd);
        m_protocol->closeConnection(peer.id);
    }
    if (!dead.empty() && m_watchesChanged)
        m_watchesChanged();
}

void BrowserSocketServer::pollOnce(int timeoutMs)
{
    std::vector<pollfd> fds{{m_listenFd, POLLIN, 0}};
    for (const auto& [fd, peer] : m_peers)
        fds.push_back({fd, short(POLLIN | (wantsWrite(fd) ? POLLOUT : 0)), 0});
    if (poll(fds.data(), fds.size(), timeoutMs) <= 0)
        return;
    if (fds[0].revents & POLLIN)
        onListenReadable();
    for (std::size_t i = 1; i < fds.size(); ++i) {
        if (fds[i].revents & POLLOUT)
            onWritable(fds[i].fd);
        if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
            onReadable(fds[i].fd);
    }
}

} // namespace arcanum::autofill
