#include "vault/RecordWriter.h"

#include "vault/Record.h"

#include <algorithm>
#include <cstring>

namespace arcanum {

RecordWriter::RecordWriter(SecretArena& arena, std::size_t reserveBytes) : m_arena(arena)
{
    auto buffer = m_arena.allocate(reserveBytes);
    if (buffer)
        m_buffer = std::move(buffer.value());
    else
        m_error = buffer.error();
}

std::uint8_t* RecordWriter::grow(std::size_t bytes)
{
    if (m_error)
        return nullptr;
    const std::size_t needed = m_size + bytes;
    if (needed > m_buffer.size()) {
        auto resized = m_buffer.resize(std::max(needed, m_buffer.size() * 2));
        if (!resized) {
            m_error = resized.error();
            return nullptr;
        }
    }
    std::uint8_t* at = m_buffer.data() + m_size;
    m_size = needed;
    return at;
}

void RecordWriter::putU32(std::uint8_t* at, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        at[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

void RecordWriter::add(std::uint8_t tag, SecretSpan value)
{
    std::uint8_t* at = grow(Record::headerBytes + value.size());
    if (at == nullptr)
        return;
    at[0] = tag;
    putU32(at + 1, static_cast<std::uint32_t>(value.size()));
    if (!value.empty())
        std::memcpy(at + Record::headerBytes, value.data(), value.size());
}

void RecordWriter::addU8(std::uint8_t tag, std::uint8_t value)
{
    std::uint8_t* at = grow(Record::headerBytes + 1);
    if (at == nullptr)
        return;
    at[0] = tag;
    putU32(at + 1, 1);
    at[5] = value;
}

void RecordWriter::addU32(std::uint8_t tag, std::uint32_t value)
{
    std::uint8_t* at = grow(Record::headerBytes + 4);
    if (at == nullptr)
        return;
    at[0] = tag;
    putU32(at + 1, 4);
    putU32(at + 5, value);
}

void RecordWriter::addU64(std::uint8_t tag, std::uint64_t value)
{
    std::uint8_t* at = grow(Record::headerBytes + 8);
    if (at == nullptr)
        return;
    at[0] = tag;
    putU32(at + 1, 8);
    putU32(at + 5, static_cast<std::uint32_t>(value));
    putU32(at + 9, static_cast<std::uint32_t>(value >> 32));
}

void RecordWriter::appendRaw(SecretSpan records)
{
    std::uint8_t* at = grow(records.size());
    if (at != nullptr && !records.empty())
        std::memcpy(at, records.data(), records.size());
}

std::size_t RecordWriter::begin(std::uint8_t tag)
{
    const std::size_t mark = m_size;
    std::uint8_t* at = grow(Record::headerBytes);
    if (at != nullptr) {
        at[0] = tag;
        putU32(at + 1, 0);
    }
    return mark;
}

void RecordWriter::end(std::size_t mark)
{
    if (m_error)
        return;
    putU32(m_buffer.data() + mark + 1,
           static_cast<std::uint32_t>(m_size - mark - Record::headerBytes));
}

Result<SecretBuffer> RecordWriter::finish()
{
    if (m_error)
        return *m_error;
    if (auto trimmed = m_buffer.resize(m_size); !trimmed)
        return trimmed.error();
    return std::move(m_buffer);
}

} // namespace arcanum
