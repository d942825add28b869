// Record: the payload's only building block, a tag-length-value triple read in place.
//
//   tag (u8) | length (LEB128, 1-4 bytes, minimal, < 2^28) | value (length bytes)
//
// (docs/FORMAT.md §3; version-1 payloads, with a u32 length, are converted before they are read:
// PayloadUpgrade.) Values of container records (entries, custom fields, history, ...) are
// themselves sequences of records. Tags with the high bit (0x80) set are "ignorable": a reader
// that does not know them skips them and keeps them. RecordReader never copies a value: it hands
// out spans into the buffer it walks.
#pragma once

#include "common/Error.h"
#include "secret/SecretSpan.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace arcanum {

struct Record
{
    static constexpr std::size_t maxHeaderBytes = 5; // tag + a 4-byte length
    static constexpr std::uint32_t maxLength = (1u << 28) - 1;
    static constexpr std::uint8_t ignorableBit = 0x80;
    static constexpr std::size_t timeBytes = 6;
    static constexpr std::int64_t maxTime = (std::int64_t(1) << 48) - 1;

    std::uint8_t tag = 0;
    SecretSpan value;
    SecretSpan whole; // tag + length + value, for copying a record as it is

    [[nodiscard]] bool isIgnorable() const { return (tag & ignorableBit) != 0; }
    [[nodiscard]] std::size_t headerBytes() const { return whole.size() - value.size(); }

    // Bytes the LEB128 encoding of `length` takes (1-4; lengths above maxLength are refused
    // before they get here).
    [[nodiscard]] static constexpr std::size_t lengthBytes(std::size_t length)
    {
        return length < (1u << 7) ? 1 : length < (1u << 14) ? 2 : length < (1u << 21) ? 3 : 4;
    }
    // Writes the LEB128 encoding of `length` (at most maxLength) at `at`; returns its size.
    static std::size_t putLength(std::uint8_t* at, std::uint32_t length)
    {
        std::size_t i = 0;
        while (length >= 0x80) {
            at[i++] = static_cast<std::uint8_t>(length | 0x80);
            length >>= 7;
        }
        at[i++] = static_cast<std::uint8_t>(length);
        return i;
    }
};

// True when two values hold the same bytes (names and sites are compared this way).
[[nodiscard]] inline bool sameBytes(SecretSpan a, SecretSpan b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// The error for a tag below 0x80 that this version does not know in `where` ("An entry").
[[nodiscard]] inline Error unknownTagError(const std::string& where, std::uint8_t tag)
{
    return Error{ErrorCode::UnsupportedVersion,
                 where + " uses record tag " + std::to_string(tag) +
                     " that this version of Arcanum does not know; a newer version wrote it."};
}

class RecordReader
{
public:
    explicit RecordReader(SecretSpan data) : m_data(data) {}

    // Reads the next record. False at the end of the data or when the data is malformed
    // (then damaged() is true: a header cut short, a length that is too long, not minimal, or
    // past the end). Inline, with lengths below 128 (one byte) on the fast path: opening,
    // searching and sorting walk every record of every entry through here.
    [[nodiscard]] bool next(Record& out)
    {
        if (m_offset >= m_data.size())
            return false;
        const std::size_t left = m_data.size() - m_offset;
        const std::uint8_t* start = m_data.data() + m_offset;
        if (left < 2) {
            m_damaged = true;
            m_offset = m_data.size();
            return false;
        }
        std::uint32_t length = start[1];
        std::size_t header = 2;
        if ((length & 0x80) != 0 && !readLongLength(start, left, length, header)) [[unlikely]] {
            m_damaged = true;
            m_offset = m_data.size();
            return false;
        }
        if (length > left - header) {
            m_damaged = true;
            m_offset = m_data.size();
            return false;
        }
        out.tag = start[0];
        out.value = SecretSpan(start + header, length);
        out.whole = SecretSpan(start, header + length);
        m_offset += header + length;
        return true;
    }
    [[nodiscard]] bool damaged() const { return m_damaged; }
    [[nodiscard]] std::size_t offset() const { return m_offset; }

    [[nodiscard]] static std::uint32_t readU32(const std::uint8_t* bytes)
    {
        return std::uint32_t(bytes[0]) | std::uint32_t(bytes[1]) << 8 |
               std::uint32_t(bytes[2]) << 16 | std::uint32_t(bytes[3]) << 24;
    }

    // The value of the first record tagged `tag` in `records`, or an empty span.
    [[nodiscard]] static SecretSpan findFirst(SecretSpan records, std::uint8_t tag)
    {
        RecordReader reader(records);
        Record record;
        while (reader.next(record))
            if (record.tag == tag)
                return record.value;
        return {};
    }
    // A time record's value (6 bytes, ms since the epoch), or 0 when it is absent or malformed.
    [[nodiscard]] static std::int64_t timeOf(SecretSpan value)
    {
        if (value.size() != Record::timeBytes)
            return 0;
        std::int64_t time = 0;
        for (std::size_t i = Record::timeBytes; i-- > 0;)
            time = time << 8 | value[i];
        return time;
    }

private:
    // A length of 2-4 bytes; false if it is longer, not minimal or cut short.
    static bool readLongLength(const std::uint8_t* start, std::size_t left, std::uint32_t& length,
                               std::size_t& header)
    {
        length &= 0x7F;
        for (std::size_t i = 2; i <= 4; ++i) {
            if (i >= left)
                return false;
            const std::uint8_t byte = start[i];
            length |= std::uint32_t(byte & 0x7F) << (7 * (i - 1));
            if ((byte & 0x80) == 0) {
                header = i + 1;
                return byte != 0; // a last group of 0 would be a non-minimal encoding
            }
        }
        return false; // a fifth byte: 2^28 or more
    }

    SecretSpan m_data;
    std::size_t m_offset = 0;
    bool m_damaged = false;
};

} // namespace arcanum
