// RecordWriter: appends records (see Record.h) to a SecretBuffer in the arena.
//
// Errors are sticky, like a stream: once an allocation fails every later call is a no-op and
// finish() returns the error. Reserve the exact size up front when it is known (saving does),
// so the payload is built without moving.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <optional>

namespace arcanum {

class RecordWriter
{
public:
    explicit RecordWriter(SecretArena& arena, std::size_t reserveBytes = 256);

    void add(std::uint8_t tag, SecretSpan value);
    void addU32(std::uint8_t tag, std::uint32_t value);
    void addU64(std::uint8_t tag, std::uint64_t value);
    void addU8(std::uint8_t tag, std::uint8_t value);
    // Appends bytes that already are whole records (copying an unchanged record).
    void appendRaw(SecretSpan records);

    // Opens a container record; returns a mark for end().
    [[nodiscard]] std::size_t begin(std::uint8_t tag);
    void end(std::size_t mark);

    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] Result<SecretBuffer> finish();

private:
    std::uint8_t* grow(std::size_t bytes); // room for `bytes` more, or nullptr after an error
    static void putU32(std::uint8_t* at, std::uint32_t value);

    SecretArena& m_arena;
    SecretBuffer m_buffer;
    std::size_t m_size = 0;
    std::optional<Error> m_error;
};

} // namespace arcanum
