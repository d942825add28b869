// DBusMessage: just enough of the D-Bus wire format to call a method and recognise its answer
// (https://dbus.freedesktop.org/doc/dbus-specification.html, "Message Format").
//
// Why not QtDBus or libdbus: both copy every argument into heap buffers they free without
// wiping. The one call Arcanum makes with vault content (the OpenURI portal, given an entry's
// URL) is written here straight into a caller's arena buffer, sent from there, and wiped.
// Writes little-endian messages; reads headers of either byte order. Bodies of replies are never
// read (an error message could quote the URL back).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace arcanum {

class DBusMessage
{
public:
    enum class Type : std::uint8_t
    {
        Invalid = 0,
        MethodCall = 1,
        MethodReturn = 2,
        Error = 3,
        Signal = 4
    };

    static constexpr std::size_t fixedHeaderBytes = 16;
    // The largest message the specification allows (128 MiB).
    static constexpr std::size_t maximumBytes = 128 * 1024 * 1024;

    // Writes a method call into `out`: header, then the body appended with the append*()
    // functions, then finish(). Every string must be valid UTF-8 without NUL (not checked).
    class Writer
    {
    public:
        Writer(std::span<std::uint8_t> out, std::uint32_t serial, std::string_view destination,
               std::string_view path, std::string_view interface, std::string_view member,
               std::string_view signature);

        void appendString(std::span<const std::uint8_t> utf8);
        // An array with no elements whose elements align to `alignment` (8 for a{sv}).
        void appendEmptyArray(std::size_t alignment);
        // The whole message's length, or nullopt when `out` was too small.
        [[nodiscard]] std::optional<std::size_t> finish();

    private:
        void align(std::size_t alignment);
        void put(std::uint8_t byte);
        void putUint32(std::uint32_t value);
        void putBytes(std::span<const std::uint8_t> bytes);
        void putString(std::string_view text);    // u32 length, bytes, NUL
        void putSignature(std::string_view text); // u8 length, bytes, NUL
        void headerField(std::uint8_t code, char type, std::string_view value);

        std::span<std::uint8_t> m_out;
        std::size_t m_at = 0;
        std::size_t m_bodyStart = 0;
        bool m_overflow = false;
    };

    // The total length of a message from its first 16 bytes; nullopt when they are not a
    // message header (wrong byte order mark, version, or too long).
    [[nodiscard]] static std::optional<std::size_t>
    totalLength(std::span<const std::uint8_t, fixedHeaderBytes> fixedHeader);

    struct Header
    {
        Type type = Type::Invalid;
        std::uint32_t serial = 0;
        std::optional<std::uint32_t> replySerial;
        std::string errorName; // ERROR messages: "org.freedesktop.DBus.Error.ServiceUnknown", ...
    };
    // Reads the header of a message whose first `bytes.size()` bytes are given (at least the
    // fixed header and the header fields); nullopt when malformed.
    [[nodiscard]] static std::optional<Header> parseHeader(std::span<const std::uint8_t> bytes);
};

} // namespace arcanum
