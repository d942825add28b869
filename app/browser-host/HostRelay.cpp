#include "HostRelay.h"

#include "autofill/OuterMessage.h"
#include "autofill/OuterReply.h"
#include "autofill/ProtocolLimits.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace arcanum::host {

using autofill::FrameDecoder;
using autofill::maxFrameBytes;
using autofill::OuterReply;
using autofill::ProtocolError;

namespace {

// Past this much unsent output towards the browser, stop reading from the app until the
// browser catches up (it reads as fast as it can; this only bounds memory).
constexpr std::size_t outputHighWater = 4 * maxFrameBytes;

void setNonBlocking(int fd)
{
    const int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

void note(const char* text) // stderr: Firefox shows it in the browser console
{
    std::fprintf(stderr, "arcanum-browser-host: %s\n", text);
}

} // namespace

HostRelay::HostRelay(Options options)
    : m_options(std::move(options)), m_browserFrames(maxFrameBytes, FrameDecoder::Order::Native),
      m_appFrames(maxFrameBytes, FrameDecoder::Order::LittleEndian)
{
    setNonBlocking(m_options.input);
    setNonBlocking(m_options.output);
}

HostRelay::~HostRelay()
{
    if (m_socket >= 0)
        close(m_socket);
}

bool HostRelay::connectToApp()
{
    if (m_socket >= 0)
        return true;
    sockaddr_un address{};
    if (m_options.socketPath.empty() || m_options.socketPath.size() >= sizeof address.sun_path)
        return false;
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return false;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, m_options.socketPath.c_str(), m_options.socketPath.size() + 1);
    // A Unix socket connects at once or fails at once (EAGAIN: the app's queue is full).
    if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        close(fd);
        return false;
    }
    ucred peer{};
    socklen_t length = sizeof peer;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0 || peer.uid != geteuid()) {
        note("refused the socket: it belongs to another user");
        close(fd);
        return false;
    }
    m_socket = fd;
    return true;
}

void HostRelay::dropApp()
{
    if (m_socket >= 0)
        close(m_socket);
    m_socket = -1;
    m_appClosed = true;
}

void HostRelay::toBrowser(std::string_view json)
{
    FrameDecoder::appendFrame(m_toBrowser,
                              {reinterpret_cast<const std::uint8_t*>(json.data()), json.size()},
                              FrameDecoder::Order::Native);
}

void HostRelay::fromBrowser(std::span<const std::uint8_t> frame)
{
    if (connectToApp()) {
        FrameDecoder::appendFrame(m_toApp, frame, FrameDecoder::Order::LittleEndian);
        return;
    }
    // Arcanum is not running: answer in its place, naming the request so the extension takes
    // the answer as the reply to it.
    if (m_options.startApp && !m_startedApp) {
        m_startedApp = true;
        m_options.startApp();
    }
    std::vector<std::uint8_t> storage;
    const auto message = autofill::OuterMessage::parse(frame, storage);
    toBrowser(message ? OuterReply::notRunning(message->action, message->requestId)
                      : OuterReply::notRunning({}));
}

void HostRelay::fromApp(std::span<const std::uint8_t> frame)
{
    FrameDecoder::appendFrame(m_toBrowser, frame, FrameDecoder::Order::Native);
}

bool HostRelay::flush(int fd, std::vector<std::uint8_t>& buffer, std::size_t& written)
{
    while (written < buffer.size()) {
        const ssize_t n = write(fd, buffer.data() + written, buffer.size() - written);
        if (n > 0) {
            written += std::size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return true;
        return false;
    }
    buffer.clear();
    written = 0;
    return true;
}

int HostRelay::run()
{
    bool browserOpen = true;
    std::uint8_t chunk[64 * 1024]; // envelopes of ciphertext: not secret
    while (browserOpen && !m_failed) {
        pollfd fds[3];
        nfds_t count = 0;
        fds[count++] = {m_options.input, POLLIN, 0};
        const bool browserPending = m_toBrowserWritten < m_toBrowser.size();
        fds[count++] = {m_options.output, short(browserPending ? POLLOUT : 0), 0};
        const nfds_t appIndex = count;
        if (m_socket >= 0) {
            short events = m_toAppWritten < m_toApp.size() ? POLLOUT : 0;
            if (m_toBrowser.size() < outputHighWater)
                events |= POLLIN;
            fds[count++] = {m_socket, events, 0};
        }
        if (poll(fds, count, -1) < 0) {
            if (errno == EINTR)
                continue;
            return 1;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = read(m_options.input, chunk, sizeof chunk);
            if (n > 0) {
                m_browserFrames.feed(
                    {chunk, std::size_t(n)}, [&](auto frame) { fromBrowser(frame); },
                    [&](std::uint64_t) {
                        note("refused a message larger than 1 MiB from the browser");
                        toBrowser(OuterReply::error({}, ProtocolError::EmptyMessageReceived,
                                                    "The message is larger than Arcanum "
                                                    "accepts (1 MiB)."));
                    });
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                browserOpen = false;
                if (m_browserFrames.midFrame()) {
                    note("the browser's last message was cut off");
                    m_failed = true;
                }
            }
        }
        if (m_socket >= 0 && (fds[appIndex].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = read(m_socket, chunk, sizeof chunk);
            if (n > 0) {
                m_appFrames.feed(
                    {chunk, std::size_t(n)}, [&](auto frame) { fromApp(frame); },
                    [&](std::uint64_t) {
                        note("dropped a message larger than 1 MiB from Arcanum");
                        toBrowser(OuterReply::error({}, ProtocolError::Unknown,
                                                    "Arcanum's answer was too large to pass on."));
                    });
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                dropApp();
            }
        }
        if (m_socket >= 0 && !flush(m_socket, m_toApp, m_toAppWritten))
            dropApp();
        if (!flush(m_options.output, m_toBrowser, m_toBrowserWritten))
            return 1; // the browser is gone
        if (m_appClosed && m_toBrowserWritten == m_toBrowser.size())
            break; // Arcanum went away: end, so that the browser starts afresh
    }
    return m_failed ? 1 : 0;
}

} // namespace arcanum::host
