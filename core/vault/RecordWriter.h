// RecordWriter: appends records (see Record.h) to a SecretBuffer in the arena.
//
// Errors are sticky, like a stream: once an allocation fails, or a record would be longer than
// the format allows (Record::maxLength, 256 MiB), every later call is a no-op and finish()
// returns the error. Reserve the size up front when it is known, so the record is built without
// moving. A container opened with begin() reserves the longest length; end() writes the real,
// minimal one and moves the container's content down to meet it.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <optional>
#include <span>

namespace arcanum {

class RecordWriter
{
public:
    explicit RecordWriter(SecretArena& arena, std::size_t reserveBytes = 256);

    void add(std::uint8_t tag, SecretSpan value);
    void addU32(std::uint8_t tag, std::uint32_t value);
    void addU8(std::uint8_t tag, std::uint8_t value);
    void addId(std::uint8_t tag, std::span<const std::uint8_t, 16> id);
    // A time (ms since the epoch) as the format's 6 bytes, clamped to 0 .. Record::maxTime.
    void addTime(std::uint8_t tag, std::int64_t milliseconds);
    // Appends bytes that already are whole records (copying an unchanged record).
    void appendRaw(SecretSpan records);

    // Opens a container record; returns a mark for end().
    [[nodiscard]] std::size_t begin(std::uint8_t tag);
    void end(std::size_t mark);

    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] Result<SecretBuffer> finish();

    // The 6 bytes of a time value, clamped (shared with the version-1 upgrade).
    static void putTime(std::uint8_t* at, std::int64_t milliseconds);
    // The error for a value too long for a record.
    [[nodiscard]] static Error tooLong(std::size_t bytes);

private:
    std::uint8_t* grow(std::size_t bytes); // room for `bytes` more, or nullptr after an error
    std::uint8_t* header(std::uint8_t tag, std::size_t valueBytes); // writes tag + length

    SecretArena& m_arena;
    SecretBuffer m_buffer;
    std::size_t m_size = 0;
    std::optional<Error> m_error;
};

} // namespace arcanum
