#include "vault/Record.h"

namespace arcanum {

bool RecordReader::next(Record& out)
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

std::uint32_t RecordReader::readU32(const std::uint8_t* bytes)
{
    return std::uint32_t(bytes[0]) | std::uint32_t(bytes[1]) << 8 | std::uint32_t(bytes[2]) << 16 |
           std::uint32_t(bytes[3]) << 24;
}

std::uint64_t RecordReader::readU64(const std::uint8_t* bytes)
{
    return std::uint64_t(readU32(bytes)) | std::uint64_t(readU32(bytes + 4)) << 32;
}

} // namespace arcanum
