// SessionBus: a minimal client connection to the D-Bus session bus (Unix socket, EXTERNAL
// authentication, Hello), for the one call that carries vault content (OpenUriPortal).
//
// Blocking, with a deadline on every wait; meant for a worker thread. Messages are built by
// DBusMessage::Writer in the caller's buffer and sent from there; every message received is read
// into the caller's scratch buffer (an arena buffer), and only its header is looked at.
#pragma once

#include "common/Result.h"
#include "platform/DBusMessage.h"

#include <chrono>
#include <span>
#include <string>

namespace arcanum {

class SessionBus
{
public:
    using Deadline = std::chrono::steady_clock::time_point;

    // $DBUS_SESSION_BUS_ADDRESS, else unix:path=$XDG_RUNTIME_DIR/bus; empty when neither is set.
    [[nodiscard]] static std::string defaultAddress();

    // Connects to the first usable `unix:path=` or `unix:abstract=` entry of `address`,
    // authenticates and says Hello. NotFound when there is no bus to talk to.
    [[nodiscard]] static Result<SessionBus> connect(const std::string& address, Deadline deadline);

    SessionBus(SessionBus&& other) noexcept;
    SessionBus& operator=(SessionBus&& other) noexcept;
    SessionBus(const SessionBus&) = delete;
    SessionBus& operator=(const SessionBus&) = delete;
    ~SessionBus();

    // The serial for the next message this connection sends.
    [[nodiscard]] std::uint32_t nextSerial() { return m_serial++; }

    [[nodiscard]] Result<void> send(std::span<const std::uint8_t> message, Deadline deadline);

    // Reads messages until the reply to `serial` (skipping signals and anything else), using
    // `scratch` (at least 512 bytes) to hold each one; a longer message is read through it in
    // pieces. Cancelled when the deadline passes first.
    [[nodiscard]] Result<DBusMessage::Header>
    awaitReply(std::uint32_t serial, std::span<std::uint8_t> scratch, Deadline deadline);

private:
    explicit SessionBus(int fd) : m_fd(fd) {}
    [[nodiscard]] Result<void> authenticate(Deadline deadline);
    [[nodiscard]] Result<void> hello(Deadline deadline);
    [[nodiscard]] Result<void> readExactly(std::span<std::uint8_t> out, Deadline deadline);
    [[nodiscard]] Result<void> waitFor(short events, Deadline deadline);

    int m_fd = -1;
    std::uint32_t m_serial = 1;
};

} // namespace arcanum
