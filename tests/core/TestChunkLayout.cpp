// Tests for ChunkLayout: the chunk arithmetic of docs/FORMAT.md §2.1 in both directions, and the
// ciphertext lengths no writer can produce.
#include "format/ChunkLayout.h"

#include <QtTest>

using namespace arcanum;

class TestChunkLayout : public QObject
{
    Q_OBJECT

private slots:
    void forPayload_data()
    {
        QTest::addColumn<qulonglong>("payload");
        QTest::addColumn<qulonglong>("chunks");
        QTest::addColumn<qulonglong>("lastPlain");
        QTest::newRow("empty") << 0ull << 1ull << 0ull;
        QTest::newRow("1 byte") << 1ull << 1ull << 1ull;
        QTest::newRow("one chunk less 1") << 65535ull << 1ull << 65535ull;
        QTest::newRow("exactly one chunk") << 65536ull << 1ull << 65536ull;
        QTest::newRow("one chunk and 1") << 65537ull << 2ull << 1ull;
        QTest::newRow("exactly two") << 131072ull << 2ull << 65536ull;
        QTest::newRow("5 MB") << 5114235ull << 79ull << 5114235ull - 78 * 65536;
    }
    void forPayload()
    {
        QFETCH(qulonglong, payload);
        QFETCH(qulonglong, chunks);
        QFETCH(qulonglong, lastPlain);
        const ChunkLayout layout = ChunkLayout::forPayload(payload);
        QCOMPARE(layout.chunks, chunks);
        QCOMPARE(layout.payloadBytes, payload);
        QCOMPARE(layout.ciphertextBytes, payload + 17 * chunks);
        QCOMPARE(layout.plainBytesOf(chunks - 1), lastPlain);
        if (chunks > 1)
            QCOMPARE(layout.plainBytesOf(0), 65536ull);
        // The reader finds the same layout from the ciphertext length alone.
        const auto back = ChunkLayout::forCiphertext(layout.ciphertextBytes);
        QVERIFY(back);
        QCOMPARE(back->chunks, chunks);
        QCOMPARE(back->payloadBytes, payload);
    }

    void impossibleCiphertextLengths()
    {
        for (qulonglong length : {0ull, 1ull, 16ull, // less than one chunk's MAC
                                  65553ull + 1, 65553ull + 16, 65553ull + 17, // empty last of many
                                  2 * 65553ull + 17})
            QVERIFY2(!ChunkLayout::forCiphertext(length), qPrintable(QString::number(length)));
        for (qulonglong length : {17ull, 18ull, 65553ull, 65553ull + 18, 2 * 65553ull})
            QVERIFY2(ChunkLayout::forCiphertext(length), qPrintable(QString::number(length)));
    }
};

QTEST_GUILESS_MAIN(TestChunkLayout)
#include "TestChunkLayout.moc"
