// Record: the payload's only building block, a tag-length-value triple read in place.
//
//   tag (u8) | length (u32, little-endian) | value (length bytes)
//
// Values of container records (entries, custom fields, history) are themselves sequences of
// records. Tags with the high bit (0x80) set are "ignorable": a reader that does not know them
// skips them and keeps them (docs/FORMAT.md). RecordReader never copies a value: it hands out
// spans into the buffer it walks.
#pragma once

#include "secret/SecretSpan.h"

#include <cstddef>
#include <cstdint>

namespace arcanum {

struct Record
{
    static constexpr std::size_t headerBytes = 5;
    static constexpr std::uint8_t ignorableBit = 0x80;

    std::uint8_t tag = 0;
    SecretSpan value;
    SecretSpan whole; // tag + length + value, for copying a record as it is

    [[nodiscard]] bool isIgnorable() const { return (tag & ignorableBit) != 0; }
};

class RecordReader
{
public:
    explicit RecordReader(SecretSpan data) : m_data(data) {}

    // Reads the next record. False at the end of the data or when the data is malformed
    // (then damaged() is true: a header cut short, or a length past the end). Inline: opening,
    // searching and sorting walk every record of every entry through here.
    [[nodiscard]] bool next(Record& out)
    {
        if (m_damaged || m_offset >= m_data.size())
            return false;
        const std::size_t left = m_data.size() - m_offset;
        if (left < Record::headerBytes) {
            m_damaged = true;
            return false;
        }
        const std::uint8_t* start = m_data.data() + m_offset;
        const std::uint32_t length = readU32(start + 1);
        if (length > left - Record::headerBytes) {
            m_damaged = true;
            return false;
        }
        out.tag = start[0];
        out.value = SecretSpan(start + Record::headerBytes, length);
        out.whole = SecretSpan(start, Record::headerBytes + length);
        m_offset += Record::headerBytes + length;
        return true;
    }
    [[nodiscard]] bool damaged() const { return m_damaged; }
    [[nodiscard]] std::size_t offset() const { return m_offset; }

    [[nodiscard]] static std::uint32_t readU32(const std::uint8_t* bytes)
    {
        return std::uint32_t(bytes[0]) | std::uint32_t(bytes[1]) << 8 |
               std::uint32_t(bytes[2]) << 16 | std::uint32_t(bytes[3]) << 24;
    }
    [[nodiscard]] static std::uint64_t readU64(const std::uint8_t* bytes)
    {
        return std::uint64_t(readU32(bytes)) | std::uint64_t(readU32(bytes + 4)) << 32;
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
    // A time stamp (u64 ms) record's value, or 0 when it is absent or not 8 bytes.
    [[nodiscard]] static std::int64_t timeOf(SecretSpan value)
    {
        return value.size() == 8 ? static_cast<std::int64_t>(readU64(value.data())) : 0;
    }

private:
    SecretSpan m_data;
    std::size_t m_offset = 0;
    bool m_damaged = false;
};

} // namespace arcanum
