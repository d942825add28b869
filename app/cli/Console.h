// Console: arcanum-cli's only way in and out. Everything goes through read(2)/write(2), never
// through stdio or iostreams, whose buffers would keep copies of plaintext on the heap.
//
// Secrets are read byte by byte straight into the arena (so nothing past the newline is consumed
// and no buffer outside the arena ever holds them), from a file descriptor (--password-fd) or from
// the terminal with echo off. Secrets are written from the arena to stdout only on request.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <optional>
#include <string_view>

namespace arcanum::cli {

class Console
{
public:
    static constexpr std::size_t maxLineBytes = 1 << 20;

    void out(std::string_view text) const { writeAll(1, text.data(), text.size()); }
    void outSecret(SecretSpan bytes) const { writeAll(1, bytes.data(), bytes.size()); }
    // Writes `bytes` with tabs, newlines and other control characters shown as spaces, for
    // one-line listings.
    void outSecretOneLine(SecretSpan bytes) const;
    // The same on stderr (an import report naming an entry by its title).
    void errSecretOneLine(SecretSpan bytes) const;
    void err(std::string_view text) const { writeAll(2, text.data(), text.size()); }

    [[nodiscard]] static bool stdinIsTerminal();

    // One line from `fd` (without "\n" or "\r\n"); nullopt at end of input with nothing read.
    [[nodiscard]] static Result<std::optional<SecretBuffer>> readLine(int fd, SecretArena& arena);

    // Asks on the controlling terminal; `echo` false for passwords. Cancelled at end of input.
    [[nodiscard]] static Result<SecretBuffer> ask(const char* prompt, bool echo,
                                                  SecretArena& arena);
    // Asks twice without echo; InvalidArgument when the two answers differ (compared in place,
    // in constant time).
    [[nodiscard]] static Result<SecretBuffer> askTwice(const char* prompt, SecretArena& arena);
    // One line from `fd` (--password-fd and friends); InvalidArgument naming `what` when the
    // descriptor gives nothing.
    [[nodiscard]] static Result<SecretBuffer> readSecretLine(int fd, const char* what,
                                                             SecretArena& arena);

private:
    static void writeAll(int fd, const void* data, std::size_t size);
    static void writeOneLine(int fd, SecretSpan bytes);
};

} // namespace arcanum::cli
