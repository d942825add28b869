// Tests for RecordWriter: minimal LEB128 lengths for plain and container records at every size
// boundary (a container reserves the longest header and moves its content down at end()),
// 6-byte clamped times, and a field longer than the format allows as a sticky error.
#include "TestSupport.h"
#include "vault/Record.h"
#include "vault/RecordWriter.h"

using namespace arcanum;
using namespace arcanum::test;

class TestRecordWriter : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void containersGetMinimalLengths_data()
    {
        QTest::addColumn<int>("innerBytes");
        for (int size : {0, 1, 120, 121, 122, 123, 124, 125, 126, 127, 128, 16380, 16381, 16382,
                         16383, 16384, 16385, 3 << 20})
            QTest::addRow("%d", size) << size;
    }
    void containersGetMinimalLengths()
    {
        QFETCH(int, innerBytes);
        SecretBuffer inner = m_arena->allocate(std::size_t(innerBytes)).value();
        for (int i = 0; i < innerBytes; ++i)
            inner.data()[i] = std::uint8_t(i * 13);
        RecordWriter writer(*m_arena, 16);
        const std::size_t outer = writer.begin(0x03);
        writer.addU8(0x01, 0xAB);
        const std::size_t container = writer.begin(0x17);
        writer.add(0x02, inner.span());
        writer.end(container);
        writer.addTime(0x04, 1700000000000);
        writer.end(outer);
        auto bytes = writer.finish();
        ARCANUM_VERIFY_OK(bytes);

        RecordReader top(bytes->span());
        Record record;
        QVERIFY(top.next(record));
        QCOMPARE(record.tag, std::uint8_t(0x03));
        QCOMPARE(record.whole.size(), bytes->size());
        QCOMPARE(record.headerBytes(), 1 + Record::lengthBytes(record.value.size()));
        QVERIFY(!top.next(record));
        RecordReader fields(RecordReader::findFirst(bytes->span(), 0x03));
        QVERIFY(fields.next(record));
        QCOMPARE(record.value[0], std::uint8_t(0xAB));
        QVERIFY(fields.next(record));
        QCOMPARE(record.tag, std::uint8_t(0x17));
        QCOMPARE(record.headerBytes(), 1 + Record::lengthBytes(record.value.size()));
        const SecretSpan value = RecordReader::findFirst(record.value, 0x02);
        QVERIFY(std::equal(value.begin(), value.end(), inner.span().begin(), inner.span().end()));
        QVERIFY(fields.next(record));
        QCOMPARE(RecordReader::timeOf(record.value), std::int64_t(1700000000000));
        QVERIFY(!fields.next(record));
        QVERIFY(!fields.damaged());
    }

    void timesAreClamped()
    {
        RecordWriter writer(*m_arena);
        writer.addTime(0x01, -1);
        writer.addTime(0x02, std::int64_t(1) << 50);
        writer.addTime(0x03, Record::maxTime);
        auto bytes = writer.finish();
        ARCANUM_VERIFY_OK(bytes);
        QCOMPARE(bytes->size(), std::size_t(3 * 8));
        QCOMPARE(RecordReader::timeOf(RecordReader::findFirst(bytes->span(), 0x01)),
                 std::int64_t(0));
        QCOMPARE(RecordReader::timeOf(RecordReader::findFirst(bytes->span(), 0x02)),
                 Record::maxTime);
        QCOMPARE(RecordReader::timeOf(RecordReader::findFirst(bytes->span(), 0x03)),
                 Record::maxTime);
    }

    void refusesFieldsTooLongForTheFormat()
    {
        // A span that claims 2^28 bytes: the writer refuses it by its size, before reading it.
        static const std::uint8_t small[1] = {0};
        RecordWriter writer(*m_arena);
        writer.add(0x01, SecretSpan(small, std::size_t(Record::maxLength) + 1));
        writer.addU8(0x02, 1); // a no-op after the error
        auto bytes = writer.finish();
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::InvalidArgument);
        QVERIFY(bytes.error().message.find("256 MiB") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRecordWriter)
#include "TestRecordWriter.moc"
