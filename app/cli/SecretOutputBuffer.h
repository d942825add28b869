// SecretOutputBuffer: gathers the pieces of a listing (ids, tabs, titles, user names, URLs) in one
// arena buffer and hands them to Console in blocks, so `ls` and `search` make one write(2) per
// block instead of one per piece.
//
// Holds plaintext: the pending bytes live in a SecretBuffer of the arena it is given, never in a
// stdio, iostream or heap buffer. After every flush the bytes that were written are wiped
// (sodium_memzero); destruction flushes what is left and frees the buffer, which wipes it again.
// When the arena cannot spare a buffer (the memory-lock limit), every piece goes straight to
// Console as before: slower, same bytes, never a failure. Write errors are Console's: a closed
// pipe ends the output silently.
#pragma once

#include "cli/Console.h"
#include "secret/SecretArena.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace arcanum::cli {

class SecretOutputBuffer
{
public:
    static constexpr std::size_t defaultCapacity = 64 * 1024;

    // Takes `capacity` bytes from `arena` (falls back to unbuffered output if it cannot).
    SecretOutputBuffer(const Console& console, SecretArena& arena,
                       std::size_t capacity = defaultCapacity);
    ~SecretOutputBuffer();
    SecretOutputBuffer(const SecretOutputBuffer&) = delete;
    SecretOutputBuffer& operator=(const SecretOutputBuffer&) = delete;

    // The same output as Console::out, Console::outSecret and Console::outSecretOneLine.
    void out(std::string_view text);
    void outSecret(SecretSpan bytes);
    void outSecretOneLine(SecretSpan bytes);

    // Writes what is pending to stdout and wipes it.
    void flush();

    // False when the arena had no room and output goes straight through Console.
    [[nodiscard]] bool isBuffered() const { return !m_buffer.isNull(); }

private:
    // Copies `size` bytes in, flushing whenever the buffer fills; `oneLine` turns control
    // characters into spaces on the way.
    void append(const std::uint8_t* data, std::size_t size, bool oneLine);

    const Console& m_console;
    SecretBuffer m_buffer; // null when unbuffered; its first m_used bytes are pending output
    std::size_t m_used = 0;
};

} // namespace arcanum::cli
