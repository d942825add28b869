#include "cli/Console.h"

#include "crypto/ConstantTime.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace arcanum::cli {

namespace {

// The terminal state to restore if the user presses Ctrl+C at a password prompt.
std::atomic<int> g_ttyFd{-1};
termios g_savedTermios{};

void restoreTerminalAndExit(int signal)
{
    const int fd = g_ttyFd.load();
    if (fd >= 0) {
        tcsetattr(fd, TCSAFLUSH, &g_savedTermios);
        (void)!::write(fd, "\n", 1);
    }
    _exit(128 + signal);
}

} // namespace

void Console::writeAll(int fd, const void* data, std::size_t size)
{
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, bytes, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // a closed pipe: nothing sensible left to do with the output
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
}

void Console::outSecretOneLine(SecretSpan bytes) const
{
    writeOneLine(1, bytes);
}

void Console::errSecretOneLine(SecretSpan bytes) const
{
    writeOneLine(2, bytes);
}

void Console::writeOneLine(int fd, SecretSpan bytes)
{
    std::size_t start = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] < 0x20 || bytes[i] == 0x7F) {
            writeAll(fd, bytes.data() + start, i - start);
            writeAll(fd, " ", 1);
            start = i + 1;
        }
    }
    writeAll(fd, bytes.data() + start, bytes.size() - start);
}

bool Console::stdinIsTerminal()
{
    return isatty(0) == 1;
}

Result<std::optional<SecretBuffer>> Console::readLine(int fd, SecretArena& arena)
{
    auto line = arena.allocate(64);
    if (!line)
        return line.error();
    std::size_t length = 0;
    bool sawAnything = false;
    for (;;) {
        if (length == line->size()) {
            if (length >= maxLineBytes)
                return Error{ErrorCode::InvalidArgument, "An input line is longer than 1 MiB."};
            if (auto grown = line->resize(length * 2); !grown)
                return grown.error();
        }
        const ssize_t n = ::read(fd, line->data() + length, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError("Cannot read input (file descriptor " + std::to_string(fd) + ")",
                              errno);
        if (n == 0)
            break;
        sawAnything = true;
        if (line->data()[length] == '\n')
            break;
        ++length;
    }
    if (!sawAnything)
        return std::optional<SecretBuffer>();
    if (length > 0 && line->data()[length - 1] == '\r')
        --length;
    if (auto trimmed = line->resize(length); !trimmed)
        return trimmed.error();
    return std::optional<SecretBuffer>(std::move(line.value()));
}

Result<SecretBuffer> Console::ask(const char* prompt, bool echo, SecretArena& arena)
{
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (tty < 0)
        return Error{ErrorCode::InvalidArgument,
                     "There is no terminal to ask on. Use --password-fd N to pass the password "
                     "from a file descriptor."};
    termios saved{};
    const bool isTty = tcgetattr(tty, &saved) == 0;
    if (!echo && isTty) {
        g_savedTermios = saved;
        g_ttyFd = tty;
        std::signal(SIGINT, restoreTerminalAndExit);
        std::signal(SIGTERM, restoreTerminalAndExit);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    writeAll(tty, prompt, std::strlen(prompt));
    auto line = readLine(tty, arena);
    if (!echo && isTty) {
        tcsetattr(tty, TCSAFLUSH, &saved);
        g_ttyFd = -1;
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }
    ::close(tty);
    if (!line)
        return line.error();
    if (!*line)
        return Error{ErrorCode::Cancelled, "Cancelled (end of input)."};
    return std::move(**line);
}

Result<SecretBuffer> Console::askTwice(const char* prompt, SecretArena& arena)
{
    auto first = ask(prompt, false, arena);
    if (!first)
        return first.error();
    auto second = ask("Repeat it: ", false, arena);
    if (!second)
        return second.error();
    if (!ConstantTime::equal(first->span().bytes(), second->span().bytes()))
        return Error{ErrorCode::InvalidArgument, "The two entries differ; nothing was changed."};
    return std::move(first.value());
}

Result<SecretBuffer> Console::readSecretLine(int fd, const char* what, SecretArena& arena)
{
    auto line = readLine(fd, arena);
    if (!line)
        return line.error();
    if (!*line)
        return Error{ErrorCode::InvalidArgument,
                     std::string("No ") + what + " on file descriptor " + std::to_string(fd) + "."};
    return std::move(**line);
}

} // namespace arcanum::cli
