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
        // Locals, and the offset stored before `out` is written: `out` could alias the reader's
        // own span, and would force reloads.
        const std::size_t size = m_data.size();
        const std::size_t offset = m_offset;
        if (offset >= size)
            return false;
        const std::size_t left = size - offset;
        const std::uint8_t* start = m_data.data() + offset;
        if (left < 2) [[unlikely]]
            return fail();
        const std::size_t length = start[1];
        if (length >= 0x80) [[unlikely]]
            return nextLong(out, start, left);
        if (length > left - 2) [[unlikely]]
            return fail();
        m_offset = offset + 2 + length;
        out.tag = start[0];
        out.value = SecretSpan(start + 2, length);
        out.whole = SecretSpan(start, 2 + length);
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
    // The record at `start` has a length of 2 to 4 bytes (values of 128 bytes or more).
    bool nextLong(Record& out, const std::uint8_t* start, std::size_t left)
    {
        std::size_t length = start[1] & 0x7F;
        std::size_t header = 0;
        for (std::size_t i = 2; i <= 4 && i < left; ++i) {
            const std::uint8_t byte = start[i];
            length |= std::size_t(byte & 0x7F) << (7 * (i - 1));
            if ((byte & 0x80) == 0) {
                if (byte == 0) // a last group of 0: not the minimal encoding
                    return fail();
                header = i + 1;
                break;
            }
        }
        // No end within 4 bytes: cut short, or 2^28 or more.
        if (header == 0 || length > left - header)
            return fail();
        m_offset += header + length;
        out.tag = start[0];
        out.value = SecretSpan(start + header, length);
        out.whole = SecretSpan(start, header + length);
        return true;
    }
    bool fail()
    {
        m_damaged = true;
        m_offset = m_data.size();
        return false;
    }

    SecretSpan m_data;
    std::size_t m_offset = 0;
    bool m_damaged = false;
};

} // namespace arcanum
