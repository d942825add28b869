#include "cli/SecretOutputBuffer.h"

#include <algorithm>
#include <cstring>
#include <sodium.h>

namespace arcanum::cli {

SecretOutputBuffer::SecretOutputBuffer(const Console& console, SecretArena& arena,
                                       std::size_t capacity)
    : m_console(console)
{
    // A failed allocation (typically the memory-lock limit) leaves m_buffer null: unbuffered.
    if (auto buffer = arena.allocate(std::max<std::size_t>(capacity, 1)))
        m_buffer = std::move(buffer.value());
}

SecretOutputBuffer::~SecretOutputBuffer()
{
    flush();
}

void SecretOutputBuffer::out(std::string_view text)
{
    if (isBuffered())
        append(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), false);
    else
        m_console.out(text);
}

void SecretOutputBuffer::outSecret(SecretSpan bytes)
{
    if (isBuffered())
        append(bytes.data(), bytes.size(), false);
    else
        m_console.outSecret(bytes);
}

void SecretOutputBuffer::outSecretOneLine(SecretSpan bytes)
{
    if (isBuffered())
        append(bytes.data(), bytes.size(), true);
    else
        m_console.outSecretOneLine(bytes);
}

void SecretOutputBuffer::flush()
{
    if (m_used == 0)
        return;
    m_console.outSecret(m_buffer.span().sub(0, m_used));
    sodium_memzero(m_buffer.data(), m_used);
    m_used = 0;
}

void SecretOutputBuffer::append(const std::uint8_t* data, std::size_t size, bool oneLine)
{
    while (size > 0) {
        if (m_used == m_buffer.size())
            flush();
        const std::size_t count = std::min(size, m_buffer.size() - m_used);
        std::uint8_t* to = m_buffer.data() + m_used;
        if (oneLine) {
            // The same rule as Console::outSecretOneLine: C0 controls and DEL become spaces.
            for (std::size_t i = 0; i < count; ++i)
                to[i] = data[i] < 0x20 || data[i] == 0x7F ? std::uint8_t(' ') : data[i];
        } else {
            std::memcpy(to, data, count);
        }
        m_used += count;
        data += count;
        size -= count;
    }
}

} // namespace arcanum::cli
