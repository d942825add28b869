// Tests for DBusMessage: the method call it writes has the layout of the D-Bus specification
// (checked byte by byte for a known message), its length adds up, a buffer too small is
// refused; reply headers of either byte order are read, and malformed ones are rejected.
#include "platform/DBusMessage.h"

#include <QtTest>
#include <array>
#include <vector>

using namespace arcanum;

namespace {

// A reply header built by hand: type, serial, REPLY_SERIAL and (for errors) ERROR_NAME.
std::vector<std::uint8_t> replyHeader(bool bigEndian, DBusMessage::Type type, std::uint32_t serial,
                                      std::uint32_t replySerial, const std::string& errorName)
{
    std::vector<std::uint8_t> out;
    const auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out.push_back(std::uint8_t(bigEndian ? v >> (24 - 8 * i) : v >> (8 * i)));
    };
    const auto align = [&](std::size_t n) {
        while (out.size() % n != 0)
            out.push_back(0);
    };
    out = {std::uint8_t(bigEndian ? 'B' : 'l'), std::uint8_t(type), 0, 1};
    u32(0);      // body length
    u32(serial); // serial
    u32(0);      // fields length, patched below
    align(8);
    out.insert(out.end(), {5, 1, 'u', 0});
    u32(replySerial);
    if (!errorName.empty()) {
        align(8);
        out.insert(out.end(), {4, 1, 's', 0});
        u32(std::uint32_t(errorName.size()));
        out.insert(out.end(), errorName.begin(), errorName.end());
        out.push_back(0);
    }
    const auto fields = std::uint32_t(out.size() - 16);
    for (int i = 0; i < 4; ++i)
        out[12 + i] = std::uint8_t(bigEndian ? fields >> (24 - 8 * i) : fields >> (8 * i));
    align(8);
    return out;
}

} // namespace

class TestDBusMessage : public QObject
{
    Q_OBJECT

private slots:
    void writesTheSpecifiedLayout()
    {
        std::array<std::uint8_t, 256> buffer{};
        DBusMessage::Writer writer(buffer, 7, "a.b", "/p", "i.f", "M", "sas");
        const std::uint8_t text[] = {'x', 'y', 'z'};
        writer.appendString(text);
        writer.appendEmptyArray(4);
        const auto length = writer.finish();
        QVERIFY(length);
        // Header: 'l', METHOD_CALL, flags 0, version 1, body length, serial 7, fields length,
        // then PATH 'o' "/p", INTERFACE 's' "i.f", MEMBER 's' "M", DESTINATION 's' "a.b",
        // SIGNATURE 'g' "sas", each field 8-aligned; the body 8-aligned: "xyz", empty array.
        const std::vector<std::uint8_t> expected = {
            'l', 1,   0,   1, 12,  0,   0,   0,   7, 0, 0,   0,   73,  0,   0,   0,   1,   1,
            'o', 0,   2,   0, 0,   0,   '/', 'p', 0, 0, 0,   0,   0,   0,   2,   1,   's', 0,
            3,   0,   0,   0, 'i', '.', 'f', 0,   0, 0, 0,   0,   3,   1,   's', 0,   1,   0,
            0,   0,   'M', 0, 0,   0,   0,   0,   0, 0, 6,   1,   's', 0,   3,   0,   0,   0,
            'a', '.', 'b', 0, 0,   0,   0,   0,   8, 1, 'g', 0,   3,   's', 'a', 's', 0,   0,
            0,   0,   0,   0, 0,   0,   3,   0,   0, 0, 'x', 'y', 'z', 0,   0,   0,   0,   0};
        QCOMPARE(*length, expected.size());
        QVERIFY(std::equal(expected.begin(), expected.end(), buffer.begin()));
        QCOMPARE(DBusMessage::totalLength(std::span(buffer).first<16>()), *length);
        const auto header = DBusMessage::parseHeader(std::span(buffer).first(*length));
        QVERIFY(header);
        QCOMPARE(header->type, DBusMessage::Type::MethodCall);
        QCOMPARE(header->serial, 7u);
    }

    void aBufferTooSmallIsRefused()
    {
        for (std::size_t size : {0, 10, 60, 100}) {
            std::vector<std::uint8_t> buffer(size);
            DBusMessage::Writer writer(buffer, 1, "org.example", "/org/example", "org.example",
                                       "Call", "s");
            const std::uint8_t text[] = "a long enough argument to overflow";
            writer.appendString(text);
            QVERIFY2(!writer.finish(), qPrintable(QString::number(size)));
        }
    }

    void readsRepliesOfBothByteOrders()
    {
        for (bool bigEndian : {false, true}) {
            const auto error = replyHeader(bigEndian, DBusMessage::Type::Error, 9, 2,
                                           "org.freedesktop.DBus.Error.ServiceUnknown");
            const auto parsed = DBusMessage::parseHeader(error);
            QVERIFY(parsed);
            QCOMPARE(parsed->type, DBusMessage::Type::Error);
            QCOMPARE(parsed->serial, 9u);
            QCOMPARE(parsed->replySerial, std::optional<std::uint32_t>(2));
            QCOMPARE(parsed->errorName, std::string("org.freedesktop.DBus.Error.ServiceUnknown"));
            QCOMPARE(DBusMessage::totalLength(std::span(error).first<16>()), error.size());
            const auto ok = replyHeader(bigEndian, DBusMessage::Type::MethodReturn, 3, 2, "");
            QCOMPARE(DBusMessage::parseHeader(ok)->type, DBusMessage::Type::MethodReturn);
        }
    }

    void malformedHeadersAreRejected()
    {
        const auto good = replyHeader(false, DBusMessage::Type::Error, 9, 2, "x.y.Z");
        auto badOrder = good;
        badOrder[0] = 'x';
        QVERIFY(!DBusMessage::parseHeader(badOrder));
        QVERIFY(!DBusMessage::totalLength(std::span(badOrder).first<16>()));
        auto badVersion = good;
        badVersion[3] = 2;
        QVERIFY(!DBusMessage::parseHeader(badVersion));
        auto truncated = good;
        truncated.resize(30);
        QVERIFY(!DBusMessage::parseHeader(truncated));
        auto longString = good;
        longString[28] = 200; // the error name claims 200 bytes
        QVERIFY(!DBusMessage::parseHeader(longString));
        auto badType = good;
        badType[18] = 'v'; // a variant type no header field has
        QVERIFY(!DBusMessage::parseHeader(badType));
        auto huge = good;
        huge[7] = 0x7f; // a body of 2 GiB
        QVERIFY(!DBusMessage::totalLength(std::span(huge).first<16>()));
    }
};

QTEST_GUILESS_MAIN(TestDBusMessage)
#include "TestDBusMessage.moc"
