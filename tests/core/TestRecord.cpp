// Tests for Record / RecordReader (core/vault/Record.h): the version-2 record framing of
// docs/FORMAT.md §3 — LEB128 lengths of 1 to 4 bytes, minimal, below 2^28 — read from any
// bytes, with every malformed header reported as damage and never read past.
#include "TestSupport.h"
#include "vault/Record.h"

using namespace arcanum;
using namespace arcanum::test;

class TestRecord : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void readsLengths_data()
    {
        QTest::addColumn<QByteArray>("header"); // tag + length bytes
        QTest::addColumn<int>("valueBytes");    // -1: damaged
        QTest::newRow("0") << QByteArray("\x10\x00", 2) << 0;
        QTest::newRow("127, one byte") << QByteArray("\x10\x7f", 2) << 127;
        QTest::newRow("128, two bytes") << QByteArray("\x10\x80\x01", 3) << 128;
        QTest::newRow("300") << QByteArray("\x10\xac\x02", 3) << 300;
        QTest::newRow("16383, two bytes") << QByteArray("\x10\xff\x7f", 3) << 16383;
        QTest::newRow("16384, three bytes") << QByteArray("\x10\x80\x80\x01", 4) << 16384;
        QTest::newRow("2^21, four bytes") << QByteArray("\x10\x80\x80\x80\x01", 5) << (1 << 21);
        QTest::newRow("0 as 80 00: not minimal") << QByteArray("\x10\x80\x00", 3) << -1;
        QTest::newRow("127 as ff 00: not minimal") << QByteArray("\x10\xff\x00", 3) << -1;
        QTest::newRow("1 as 81 80 00: not minimal") << QByteArray("\x10\x81\x80\x00", 4) << -1;
        QTest::newRow("five bytes: 2^28 or more")
            << QByteArray("\x10\x80\x80\x80\x80\x01", 6) << -1;
        QTest::newRow("four bytes with the high bit")
            << QByteArray("\x10\xff\xff\xff\xff", 5) << -1;
        QTest::newRow("tag only") << QByteArray("\x10", 1) << -1;
        QTest::newRow("length cut short") << QByteArray("\x10\x80", 2) << -1;
        QTest::newRow("length cut short, 3 bytes") << QByteArray("\x10\x80\x80", 3) << -1;
    }
    void readsLengths()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, valueBytes);
        // The header, the value it announces (when it parses) and one more record after it.
        QByteArray bytes = header;
        if (valueBytes >= 0)
            bytes += QByteArray(valueBytes, 'v') + QByteArray("\x11\x01w", 3);
        SecretBuffer buffer = secret(*m_arena, bytes);
        RecordReader reader(buffer.span());
        Record record;
        if (valueBytes < 0) {
            QVERIFY(!reader.next(record));
            QVERIFY(reader.damaged());
            QVERIFY(!reader.next(record)); // and stays at the end
            return;
        }
        QVERIFY(reader.next(record));
        QCOMPARE(record.tag, std::uint8_t(0x10));
        QCOMPARE(record.value.size(), std::size_t(valueBytes));
        QCOMPARE(record.headerBytes(), std::size_t(header.size()));
        QCOMPARE(record.whole.size(), std::size_t(header.size() + valueBytes));
        QCOMPARE(record.value.data(), buffer.data() + header.size()); // in place
        QCOMPARE(Record::lengthBytes(std::size_t(valueBytes)), std::size_t(header.size() - 1));
        QVERIFY(reader.next(record));
        QCOMPARE(record.tag, std::uint8_t(0x11));
        QVERIFY(equals(record.value, "w"));
        QVERIFY(!reader.next(record));
        QVERIFY(!reader.damaged());
    }

    void refusesValuesPastTheEnd()
    {
        for (const QByteArray& bytes : {QByteArray("\x10\x05"
                                                   "abcd",
                                                   6),
                                        QByteArray("\x10\x80\x01"
                                                   "x",
                                                   4),
                                        QByteArray("\x10\xff\xff\xff\x7f", 5)}) {
            SecretBuffer buffer = secret(*m_arena, bytes);
            RecordReader reader(buffer.span());
            Record record;
            QVERIFY(!reader.next(record));
            QVERIFY(reader.damaged());
        }
    }

    void putLengthIsTheInverse()
    {
        for (std::uint32_t length :
             {0u, 1u, 127u, 128u, 16383u, 16384u, (1u << 21) - 1, 1u << 21, Record::maxLength}) {
            std::uint8_t bytes[6] = {0x20};
            const std::size_t size = Record::putLength(bytes + 1, length);
            QCOMPARE(size, Record::lengthBytes(length));
            const QByteArray header(reinterpret_cast<const char*>(bytes), int(1 + size));
            Record record;
            if (length > (1u << 21)) { // too big to build here: the header alone is damage
                SecretBuffer alone = secret(*m_arena, header);
                RecordReader reader(alone.span());
                QVERIFY(!reader.next(record));
                QVERIFY(reader.damaged());
                continue;
            }
            SecretBuffer full = secret(*m_arena, header + QByteArray(int(length), 'x'));
            RecordReader reader(full.span());
            QVERIFY(reader.next(record));
            QCOMPARE(record.value.size(), std::size_t(length));
            QVERIFY(!reader.next(record));
            QVERIFY(!reader.damaged());
        }
    }

    void timesAreSixBytes()
    {
        SecretBuffer six = secret(*m_arena, QByteArray("\x01\x02\x03\x04\x05\x06", 6));
        QCOMPARE(RecordReader::timeOf(six.span()), std::int64_t(0x060504030201));
        SecretBuffer eight = secret(*m_arena, QByteArray(8, '\x01'));
        QCOMPARE(RecordReader::timeOf(eight.span()), std::int64_t(0));
        QCOMPARE(RecordReader::timeOf(SecretSpan()), std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestRecord)
#include "TestRecord.moc"
