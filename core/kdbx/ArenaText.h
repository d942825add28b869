// ArenaText: an append-only byte buffer in the arena, for building plaintext documents (the KDBX
// XML and inner header) without a std::string. Growing moves the bytes to a larger arena buffer
// and wipes the old one. Errors are sticky: after a failed growth every append is ignored and
// status() reports the arena's error, so a builder can check once at the end.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace arcanum {

class ArenaText
{
public:
    ArenaText(SecretArena& arena, std::size_t initialBytes);

    void append(std::string_view text);
    void append(SecretSpan bytes);
    void append(std::uint8_t byte);
    // `count` writable bytes at the end (zeroed), or an empty span after an error.
    [[nodiscard]] std::span<std::uint8_t> extend(std::size_t count);
    // Gives back the last `count` bytes (wiped).
    void truncate(std::size_t newSize);

    [[nodiscard]] const Result<void>& status() const { return m_status; }
    [[nodiscard]] SecretSpan span() const { return {m_buffer.data(), m_size}; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    // The buffer, trimmed to what was written; the ArenaText is empty afterwards.
    [[nodiscard]] Result<SecretBuffer> take();

private:
    [[nodiscard]] bool reserve(std::size_t extra);

    SecretArena& m_arena;
    SecretBuffer m_buffer; // size() == capacity in use; m_size bytes written
    std::size_t m_size = 0;
    Result<void> m_status;
};

} // namespace arcanum
