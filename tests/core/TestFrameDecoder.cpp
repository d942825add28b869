// Tests for FrameDecoder: length-prefixed frames in any split, several per read, zero-length,
// oversized frames skipped without losing the stream, and truncation noticed.
#include "autofill/FrameDecoder.h"

#include <QtTest>
#include <string>
#include <vector>

using namespace arcanum::autofill;

namespace {

struct Collected
{
    std::vector<std::string> frames;
    std::vector<std::uint64_t> oversized;
};

void feed(FrameDecoder& decoder, const std::vector<std::uint8_t>& bytes, Collected& out,
          std::size_t chunk)
{
    for (std::size_t i = 0; i < bytes.size(); i += chunk) {
        const std::size_t n = std::min(chunk, bytes.size() - i);
        decoder.feed(
            {bytes.data() + i, n},
            [&](std::span<const std::uint8_t> f) { out.frames.emplace_back(f.begin(), f.end()); },
            [&](std::uint64_t length) { out.oversized.push_back(length); });
    }
}

std::vector<std::uint8_t> framed(const std::vector<std::string>& messages,
                                 FrameDecoder::Order order)
{
    std::vector<std::uint8_t> bytes;
    for (const std::string& m : messages)
        FrameDecoder::appendFrame(
            bytes, {reinterpret_cast<const std::uint8_t*>(m.data()), m.size()}, order);
    return bytes;
}

} // namespace

class TestFrameDecoder : public QObject
{
    Q_OBJECT

private slots:
    void anySplit_data()
    {
        QTest::addColumn<int>("chunk");
        for (int chunk : {1, 2, 3, 4, 5, 7, 64, 100000})
            QTest::newRow(qPrintable(QString::number(chunk))) << chunk;
    }
    void anySplit()
    {
        QFETCH(int, chunk);
        const std::vector<std::string> messages = {"{\"a\":1}", "", std::string(300, 'x'), "{}"};
        for (auto order : {FrameDecoder::Order::Native, FrameDecoder::Order::LittleEndian}) {
            FrameDecoder decoder(1024, order);
            Collected out;
            feed(decoder, framed(messages, order), out, std::size_t(chunk));
            QCOMPARE(out.frames, messages);
            QVERIFY(out.oversized.empty());
            QVERIFY(!decoder.midFrame());
        }
    }

    void littleEndianHeader()
    {
        std::vector<std::uint8_t> bytes;
        const std::string m(258, 'y');
        FrameDecoder::appendFrame(bytes,
                                  {reinterpret_cast<const std::uint8_t*>(m.data()), m.size()},
                                  FrameDecoder::Order::LittleEndian);
        QCOMPARE(bytes[0], std::uint8_t(2));
        QCOMPARE(bytes[1], std::uint8_t(1));
        QCOMPARE(bytes[2], std::uint8_t(0));
        QCOMPARE(bytes[3], std::uint8_t(0));
    }

    void oversizedIsSkipped_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::newRow("whole") << 100000;
        QTest::newRow("bytes") << 1;
        QTest::newRow("odd") << 13;
    }
    void oversizedIsSkipped()
    {
        QFETCH(int, chunk);
        auto bytes =
            framed({"first", std::string(2000, 'z'), "after"}, FrameDecoder::Order::LittleEndian);
        FrameDecoder decoder(1024, FrameDecoder::Order::LittleEndian);
        Collected out;
        feed(decoder, bytes, out, std::size_t(chunk));
        QCOMPARE(out.frames, (std::vector<std::string>{"first", "after"}));
        QCOMPARE(out.oversized, std::vector<std::uint64_t>{2000});
        QVERIFY(!decoder.midFrame());
    }

    void hugeLengthDoesNotAllocate()
    {
        const std::vector<std::uint8_t> header = {0xff, 0xff, 0xff, 0xff, 'a', 'b'};
        FrameDecoder decoder(1024, FrameDecoder::Order::LittleEndian);
        Collected out;
        feed(decoder, header, out, 6);
        QCOMPARE(out.oversized, std::vector<std::uint64_t>{0xffffffffu});
        QVERIFY(decoder.midFrame()); // still skipping: a stream that ends here is cut off
    }

    void truncation_data()
    {
        QTest::addColumn<int>("keep");
        QTest::newRow("half a header") << 2;
        QTest::newRow("header only") << 4;
        QTest::newRow("half a body") << 7;
    }
    void truncation()
    {
        QFETCH(int, keep);
        auto bytes = framed({"0123456789"}, FrameDecoder::Order::Native);
        bytes.resize(std::size_t(keep));
        FrameDecoder decoder(1024, FrameDecoder::Order::Native);
        Collected out;
        feed(decoder, bytes, out, 1);
        QVERIFY(out.frames.empty());
        QVERIFY(decoder.midFrame());
    }
};

QTEST_GUILESS_MAIN(TestFrameDecoder)
#include "TestFrameDecoder.moc"
