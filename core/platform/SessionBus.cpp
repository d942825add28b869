#include "platform/SessionBus.h"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <utility>

namespace arcanum {

namespace {

Error noBus(const std::string& why)
{
    return Error{ErrorCode::NotFound, "No D-Bus session bus: " + why};
}

Error busFailed(const std::string& why)
{
    return Error{ErrorCode::SystemError, "The D-Bus session bus failed: " + why};
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// D-Bus addresses escape bytes as %xx.
std::string unescape(std::string_view value)
{
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '%' && i + 2 < value.size() && hexValue(value[i + 1]) >= 0 &&
            hexValue(value[i + 2]) >= 0) {
            out += static_cast<char>(hexValue(value[i + 1]) * 16 + hexValue(value[i + 2]));
            i += 2;
        } else {
            out += value[i];
        }
    }
    return out;
}

// One `unix:key=value,...` entry: the socket address, or nullopt when it is not one we use.
std::optional<std::pair<sockaddr_un, socklen_t>> unixSocket(std::string_view entry)
{
    if (entry.substr(0, 5) != "unix:")
        return std::nullopt;
    entry.remove_prefix(5);
    while (!entry.empty()) {
        const std::size_t comma = entry.find(',');
        const std::string_view pair = entry.substr(0, comma);
        entry = comma == std::string_view::npos ? std::string_view() : entry.substr(comma + 1);
        const std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos)
            continue;
        const std::string_view key = pair.substr(0, equals);
        const bool abstract = key == "abstract";
        if (key != "path" && !abstract)
            continue;
        const std::string path = unescape(pair.substr(equals + 1));
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const std::size_t offset = abstract ? 1 : 0; // abstract names start with a NUL
        if (path.empty() || path.size() + offset >= sizeof address.sun_path)
            return std::nullopt;
        std::memcpy(address.sun_path + offset, path.data(), path.size());
        const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + offset +
                                                   path.size() + (abstract ? 0 : 1));
        return std::pair(address, length);
    }
    return std::nullopt;
}

int millisecondsLeft(SessionBus::Deadline deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return left.count() <= 0 ? 0 : static_cast<int>(std::min<long long>(left.count(), 60000));
}

} // namespace

std::string SessionBus::defaultAddress()
{
    if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address)
        return address;
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime)
        return std::string("unix:path=") + runtime + "/bus";
    return {};
}

Result<SessionBus> SessionBus::connect(const std::string& address, Deadline deadline)
{
    std::string_view rest = address;
    std::optional<Error> lastError;
    while (!rest.empty()) {
        const std::size_t semicolon = rest.find(';');
        const std::string_view entry = rest.substr(0, semicolon);
        rest =
            semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
        const auto socketAddress = unixSocket(entry);
        if (!socketAddress)
            continue;
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            return busFailed(std::strerror(errno));
        SessionBus bus(fd);
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&socketAddress->first),
                      socketAddress->second) != 0 &&
            errno != EINPROGRESS) {
            lastError = noBus(std::strerror(errno));
            continue;
        }
        if (auto ready = bus.waitFor(POLLOUT, deadline); !ready)
            return ready.error();
        int socketError = 0;
        socklen_t length = sizeof socketError;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length) != 0 || socketError != 0) {
            lastError = noBus(std::strerror(socketError != 0 ? socketError : errno));
            continue;
        }
        if (auto authenticated = bus.authenticate(deadline); !authenticated)
            return authenticated.error();
        if (auto greeted = bus.hello(deadline); !greeted)
            return greeted.error();
        return bus;
    }
    return lastError ? *lastError : noBus("no usable address");
}

SessionBus::SessionBus(SessionBus&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_serial(other.m_serial)
{}

SessionBus& SessionBus::operator=(SessionBus&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_serial = other.m_serial;
    }
    return *this;
}

SessionBus::~SessionBus()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<void> SessionBus::waitFor(short events, Deadline deadline)
{
    pollfd entry{m_fd, events, 0};
    for (;;) {
        const int ready = ::poll(&entry, 1, millisecondsLeft(deadline));
        if (ready > 0)
            return {};
        if (ready == 0)
            return Error{ErrorCode::Cancelled, "The D-Bus session bus did not answer in time."};
        if (errno != EINTR)
            return busFailed(std::strerror(errno));
    }
}

Result<void> SessionBus::send(std::span<const std::uint8_t> message, Deadline deadline)
{
    std::size_t sent = 0;
    while (sent < message.size()) {
        const ssize_t n = ::send(m_fd, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (auto ready = waitFor(POLLOUT, deadline); !ready)
                return ready;
            continue;
        }
        return busFailed(n == 0 ? "connection closed" : std::strerror(errno));
    }
    return {};
}

Result<void> SessionBus::readExactly(std::span<std::uint8_t> out, Deadline deadline)
{
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::recv(m_fd, out.data() + got, out.size() - got, 0);
        if (n > 0) {
            got += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (auto ready = waitFor(POLLIN, deadline); !ready)
                return ready;
            continue;
        }
        return busFailed(n == 0 ? "connection closed" : std::strerror(errno));
    }
    return {};
}

Result<void> SessionBus::authenticate(Deadline deadline)
{
    // A NUL byte, then the SASL EXTERNAL mechanism with our uid in hex-encoded decimal.
    std::string request(1, '\0');
    request += "AUTH EXTERNAL ";
    static constexpr char hex[] = "0123456789abcdef";
    for (char digit : std::to_string(::getuid())) {
        request += hex[static_cast<unsigned char>(digit) >> 4];
        request += hex[static_cast<unsigned char>(digit) & 0xF];
    }
    request += "\r\n";
    if (auto sent =
            send({reinterpret_cast<const std::uint8_t*>(request.data()), request.size()}, deadline);
        !sent)
        return sent;
    // The answer is one line: "OK <server guid>\r\n" (or REJECTED / ERROR).
    std::array<std::uint8_t, 256> line{};
    std::size_t length = 0;
    while (length < 2 || line[length - 2] != '\r' || line[length - 1] != '\n') {
        if (length == line.size())
            return busFailed("authentication answer too long");
        if (auto read = readExactly(std::span(line).subspan(length, 1), deadline); !read)
            return read;
        ++length;
    }
    if (length < 3 || line[0] != 'O' || line[1] != 'K' || line[2] != ' ')
        return busFailed("authentication refused");
    static constexpr std::string_view begin = "BEGIN\r\n";
    return send({reinterpret_cast<const std::uint8_t*>(begin.data()), begin.size()}, deadline);
}

Result<void> SessionBus::hello(Deadline deadline)
{
    std::array<std::uint8_t, 256> message{};
    const std::uint32_t serial = nextSerial();
    DBusMessage::Writer writer(message, serial, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus", "Hello", "");
    const auto length = writer.finish();
    if (!length)
        return busFailed("message too long");
    if (auto sent = send(std::span(message).first(*length), deadline); !sent)
        return sent;
    std::array<std::uint8_t, 512> scratch{};
    auto reply = awaitReply(serial, scratch, deadline);
    if (!reply)
        return reply.error();
    if (reply->type != DBusMessage::Type::MethodReturn)
        return busFailed("Hello refused");
    return {};
}

Result<DBusMessage::Header>
SessionBus::awaitReply(std::uint32_t serial, std::span<std::uint8_t> scratch, Deadline deadline)
{
    if (scratch.size() < 512)
        return busFailed("scratch buffer too small");
    for (;;) {
        auto fixed = scratch.first<DBusMessage::fixedHeaderBytes>();
        if (auto read = readExactly(fixed, deadline); !read)
            return read.error();
        const auto total = DBusMessage::totalLength(fixed);
        if (!total)
            return busFailed("malformed message");
        // Read as much as fits (the header fields come first), then drain the rest through the
        // same buffer: only the header matters.
        const std::size_t first = std::min(*total, scratch.size());
        if (auto read = readExactly(scratch.subspan(fixed.size(), first - fixed.size()), deadline);
            !read)
            return read.error();
        const auto header = DBusMessage::parseHeader(scratch.first(first));
        for (std::size_t left = *total - first; left > 0;) {
            const std::size_t piece = std::min(left, scratch.size());
            if (auto read = readExactly(scratch.first(piece), deadline); !read)
                return read.error();
            left -= piece;
        }
        if (!header)
            return busFailed("malformed message header");
        const bool isReply = header->type == DBusMessage::Type::MethodReturn ||
                             header->type == DBusMessage::Type::Error;
        if (isReply && header->replySerial == serial)
            return *header;
    }
}

} // namespace arcanum
