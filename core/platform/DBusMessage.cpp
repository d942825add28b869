#include "platform/DBusMessage.h"

#include <cstring>

namespace arcanum {

namespace {

constexpr std::uint8_t protocolVersion = 1;

enum HeaderField : std::uint8_t
{
    Path = 1,
    Interface = 2,
    Member = 3,
    ErrorName = 4,
    ReplySerial = 5,
    Destination = 6,
    Signature = 8,
};

std::size_t alignUp(std::size_t value, std::size_t alignment)
{
    return (value + alignment - 1) / alignment * alignment;
}

std::uint32_t readUint32(const std::uint8_t* at, bool bigEndian)
{
    return bigEndian ? (std::uint32_t(at[0]) << 24) | (std::uint32_t(at[1]) << 16) |
                           (std::uint32_t(at[2]) << 8) | at[3]
                     : (std::uint32_t(at[3]) << 24) | (std::uint32_t(at[2]) << 16) |
                           (std::uint32_t(at[1]) << 8) | at[0];
}

} // namespace

DBusMessage::Writer::Writer(std::span<std::uint8_t> out, std::uint32_t serial,
                            std::string_view destination, std::string_view path,
                            std::string_view interface, std::string_view member,
                            std::string_view signature)
    : m_out(out)
{
    put('l'); // little-endian
    put(static_cast<std::uint8_t>(Type::MethodCall));
    put(0); // flags: a reply is wanted, auto-start allowed
    put(protocolVersion);
    putUint32(0); // body length, set by finish()
    putUint32(serial);
    putUint32(0); // length of the header fields array, set below
    const std::size_t fieldsStart = m_at;
    headerField(Path, 'o', path);
    if (!interface.empty())
        headerField(Interface, 's', interface);
    headerField(Member, 's', member);
    if (!destination.empty())
        headerField(Destination, 's', destination);
    if (!signature.empty())
        headerField(Signature, 'g', signature);
    const auto fieldsLength = static_cast<std::uint32_t>(m_at - fieldsStart);
    if (!m_overflow)
        std::memcpy(m_out.data() + 12, &fieldsLength, 4);
    align(8); // the body starts on an 8-byte boundary
    m_bodyStart = m_at;
}

void DBusMessage::Writer::put(std::uint8_t byte)
{
    if (m_at >= m_out.size()) {
        m_overflow = true;
        return;
    }
    m_out[m_at++] = byte;
}

void DBusMessage::Writer::putUint32(std::uint32_t value)
{
    for (int shift = 0; shift < 32; shift += 8)
        put(static_cast<std::uint8_t>(value >> shift));
}

void DBusMessage::Writer::putBytes(std::span<const std::uint8_t> bytes)
{
    if (bytes.empty())
        return; // an empty string's span may have no data pointer at all
    if (bytes.size() > m_out.size() - std::min(m_at, m_out.size())) {
        m_overflow = true;
        return;
    }
    std::memcpy(m_out.data() + m_at, bytes.data(), bytes.size());
    m_at += bytes.size();
}

void DBusMessage::Writer::align(std::size_t alignment)
{
    while (m_at % alignment != 0 && !m_overflow)
        put(0);
}

void DBusMessage::Writer::putString(std::string_view text)
{
    align(4);
    putUint32(static_cast<std::uint32_t>(text.size()));
    putBytes({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
    put(0);
}

void DBusMessage::Writer::putSignature(std::string_view text)
{
    put(static_cast<std::uint8_t>(text.size()));
    putBytes({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
    put(0);
}

void DBusMessage::Writer::headerField(std::uint8_t code, char type, std::string_view value)
{
    align(8); // each field is a STRUCT (BYTE, VARIANT)
    put(code);
    putSignature(std::string_view(&type, 1));
    if (type == 'g')
        putSignature(value);
    else
        putString(value);
}

void DBusMessage::Writer::appendString(std::span<const std::uint8_t> utf8)
{
    align(4);
    putUint32(static_cast<std::uint32_t>(utf8.size()));
    putBytes(utf8);
    put(0);
}

void DBusMessage::Writer::appendEmptyArray(std::size_t alignment)
{
    align(4);
    putUint32(0);
    align(alignment); // the padding before the (absent) first element is still there
}

std::optional<std::size_t> DBusMessage::Writer::finish()
{
    if (m_overflow)
        return std::nullopt;
    const auto bodyLength = static_cast<std::uint32_t>(m_at - m_bodyStart);
    std::memcpy(m_out.data() + 4, &bodyLength, 4);
    return m_at;
}

std::optional<std::size_t>
DBusMessage::totalLength(std::span<const std::uint8_t, fixedHeaderBytes> fixedHeader)
{
    if ((fixedHeader[0] != 'l' && fixedHeader[0] != 'B') || fixedHeader[3] != protocolVersion)
        return std::nullopt;
    const bool bigEndian = fixedHeader[0] == 'B';
    const std::size_t body = readUint32(fixedHeader.data() + 4, bigEndian);
    const std::size_t fields = readUint32(fixedHeader.data() + 12, bigEndian);
    if (body > maximumBytes || fields > maximumBytes)
        return std::nullopt;
    const std::size_t total = alignUp(fixedHeaderBytes + fields, 8) + body;
    if (total > maximumBytes)
        return std::nullopt;
    return total;
}

std::optional<DBusMessage::Header> DBusMessage::parseHeader(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < fixedHeaderBytes)
        return std::nullopt;
    const bool bigEndian = bytes[0] == 'B';
    if ((bytes[0] != 'l' && !bigEndian) || bytes[3] != protocolVersion)
        return std::nullopt;
    Header header;
    header.type = static_cast<Type>(bytes[1]);
    header.serial = readUint32(bytes.data() + 8, bigEndian);
    const std::size_t end = fixedHeaderBytes + readUint32(bytes.data() + 12, bigEndian);
    if (end > bytes.size())
        return std::nullopt;
    std::size_t at = fixedHeaderBytes;
    while (at < end) {
        at = alignUp(at, 8);
        if (at + 3 > end)
            return std::nullopt;
        const std::uint8_t code = bytes[at];
        // The variant's signature: one type code.
        if (bytes[at + 1] != 1 || bytes[at + 3] != 0)
            return std::nullopt;
        const char type = static_cast<char>(bytes[at + 2]);
        at += 4;
        if (type == 'u' || type == 's' || type == 'o') {
            at = alignUp(at, 4);
            if (at + 4 > end)
                return std::nullopt;
            const std::uint32_t value = readUint32(bytes.data() + at, bigEndian);
            at += 4;
            if (type == 'u') {
                if (code == ReplySerial)
                    header.replySerial = value;
                continue;
            }
            if (value >= end - at) // the string and its NUL
                return std::nullopt;
            if (code == ErrorName)
                header.errorName.assign(reinterpret_cast<const char*>(bytes.data() + at), value);
            at += value + 1;
        } else if (type == 'g') {
            if (at >= end || std::size_t(bytes[at]) + 2 > end - at) // length, bytes, NUL
                return std::nullopt;
            at += 1 + bytes[at] + 1;
        } else {
            return std::nullopt; // no other type appears in a header field we could receive
        }
    }
    return header;
}

} // namespace arcanum
