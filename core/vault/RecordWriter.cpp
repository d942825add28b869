#include "vault/RecordWriter.h"

#include "vault/Record.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace arcanum {

RecordWriter::RecordWriter(SecretArena& arena, std::size_t reserveBytes) : m_arena(arena)
{
    auto buffer = m_arena.allocate(reserveBytes);
    if (buffer)
        m_buffer = std::move(buffer.value());
    else
        m_error = buffer.error();
}

Error RecordWriter::tooLong(std::size_t bytes)
{
    return Error{ErrorCode::InvalidArgument,
                 "A field of " + std::to_string(bytes) +
                     " bytes is longer than a vault can hold (at most " +
                     std::to_string(Record::maxLength) + " bytes, 256 MiB, per field)."};
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

std::uint8_t* RecordWriter::header(std::uint8_t tag, std::size_t valueBytes)
{
    if (valueBytes > Record::maxLength) {
        if (!m_error)
            m_error = tooLong(valueBytes);
        return nullptr;
    }
    const std::size_t lengthBytes = Record::lengthBytes(valueBytes);
    std::uint8_t* at = grow(1 + lengthBytes + valueBytes);
    if (at == nullptr)
        return nullptr;
    at[0] = tag;
    Record::putLength(at + 1, static_cast<std::uint32_t>(valueBytes));
    return at + 1 + lengthBytes;
}

void RecordWriter::add(std::uint8_t tag, SecretSpan value)
{
    std::uint8_t* at = header(tag, value.size());
    if (at != nullptr && !value.empty())
        std::memcpy(at, value.data(), value.size());
}

void RecordWriter::addU8(std::uint8_t tag, std::uint8_t value)
{
    if (std::uint8_t* at = header(tag, 1))
        at[0] = value;
}

void RecordWriter::addU32(std::uint8_t tag, std::uint32_t value)
{
    if (std::uint8_t* at = header(tag, 4))
        for (int i = 0; i < 4; ++i)
            at[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

void RecordWriter::addId(std::uint8_t tag, std::span<const std::uint8_t, 16> id)
{
    add(tag, SecretSpan(id.data(), id.size()));
}

void RecordWriter::putTime(std::uint8_t* at, std::int64_t milliseconds)
{
    const auto value =
        static_cast<std::uint64_t>(std::clamp<std::int64_t>(milliseconds, 0, Record::maxTime));
    for (std::size_t i = 0; i < Record::timeBytes; ++i)
        at[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

void RecordWriter::addTime(std::uint8_t tag, std::int64_t milliseconds)
{
    if (std::uint8_t* at = header(tag, Record::timeBytes))
        putTime(at, milliseconds);
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
    if (std::uint8_t* at = grow(Record::maxHeaderBytes))
        at[0] = tag;
    return mark;
}

void RecordWriter::end(std::size_t mark)
{
    if (m_error)
        return;
    const std::size_t contentStart = mark + Record::maxHeaderBytes;
    const std::size_t length = m_size - contentStart;
    if (length > Record::maxLength) {
        m_error = tooLong(length);
        return;
    }
    std::uint8_t* at = m_buffer.data() + mark;
    const std::size_t header = 1 + Record::putLength(at + 1, static_cast<std::uint32_t>(length));
    const std::size_t gap = Record::maxHeaderBytes - header;
    if (gap == 0)
        return;
    // The tail this leaves behind is overwritten by what comes next, or wiped by finish().
    std::memmove(at + header, at + Record::maxHeaderBytes, length);
    m_size -= gap;
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
