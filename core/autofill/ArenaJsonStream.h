// ArenaJsonStream: a RapidJSON output stream (Put/Flush) that writes into a SecretArena.
//
// A reply holding passwords, user names, titles or TOTP codes is written by rapidjson::Writer
// straight into this stream, so its JSON text only ever exists in the arena; it is encrypted
// from there. The buffer doubles as it fills (the old one is wiped). Once a write fails (the
// arena is full, or the text would pass `maxBytes`) the stream stops writing and failed() says
// so; the caller then sends an error instead.
#pragma once

#include "secret/SecretArena.h"

#include <cstddef>

namespace arcanum::autofill {

class ArenaJsonStream
{
public:
    using Ch = char; // RapidJSON's stream concept

    ArenaJsonStream(SecretArena& arena, std::size_t maxBytes, std::size_t initialCapacity = 1024);

    void Put(Ch c);
    void Flush() {}

    [[nodiscard]] bool failed() const { return m_failed; }
    [[nodiscard]] bool tooLarge() const { return m_tooLarge; }
    [[nodiscard]] SecretSpan text() const { return {m_buffer.data(), m_length}; }
    [[nodiscard]] std::size_t size() const { return m_length; }

private:
    bool grow();

    SecretArena* m_arena;
    std::size_t m_maxBytes;
    SecretBuffer m_buffer;
    std::size_t m_length = 0;
    bool m_failed = false;
    bool m_tooLarge = false;
};

} // namespace arcanum::autofill
