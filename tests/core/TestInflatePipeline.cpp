// Tests for InflatePipeline: a large gzip member inflated on its own thread arrives whole and in
// order; errors (truncation, the size limit) arrive after every chunk before them; a reader that
// stops early does not hang; small members are inflated on the reader's thread.
#include "TestSupport.h"
#include "kdbx/GzipDeflater.h"
#include "kdbx/InflatePipeline.h"

#include <QtTest>
#include <cstring>
#include <sodium.h>

using namespace arcanum;

class TestInflatePipeline : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;
    SecretBuffer m_original;   // 3 MiB: random 4 KiB blocks, each repeated, so gzip halves it
    SecretBuffer m_compressed; // well above the thread threshold

    // Everything the pipeline hands out, appended; the error it ends with, if any.
    struct Drained
    {
        SecretBuffer bytes;
        std::optional<Error> error;
        int pieces = 0;
    };
    Drained drain(InflatePipeline& pipeline)
    {
        Drained out;
        auto buffer = m_arena->allocate(0);
        out.bytes = std::move(buffer.value());
        for (;;) {
            auto piece = pipeline.next();
            if (!piece) {
                out.error = piece.error();
                return out;
            }
            if (piece->empty())
                return out;
            ++out.pieces;
            const std::size_t old = out.bytes.size();
            if (!out.bytes.resize(old + piece->size()))
                return out;
            std::memcpy(out.bytes.data() + old, piece->data(), piece->size());
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        m_arena = test::makeArena();
        auto original = m_arena->allocate(3 << 20);
        QVERIFY(original);
        for (std::size_t at = 0; at < original->size(); at += 8192) {
            randombytes_buf(original->data() + at, 4096);
            std::memcpy(original->data() + at + 4096, original->data() + at, 4096);
        }
        m_original = std::move(original.value());
        auto compressed = GzipDeflater::compress(*m_arena, m_original.span());
        QVERIFY(compressed);
        m_compressed = std::move(compressed.value());
        QVERIFY(m_compressed.size() >= InflatePipeline::threadThreshold);
    }

    void largeMemberArrivesWholeAndInOrder()
    {
        auto pipeline = InflatePipeline::start(*m_arena, m_compressed.span(), 16 << 20);
        QVERIFY(pipeline);
        QVERIFY((*pipeline)->threaded());
        Drained out = drain(**pipeline);
        QVERIFY(!out.error);
        QVERIFY(out.pieces >= int(m_original.size() / InflatePipeline::chunkBytes));
        QCOMPARE(out.bytes.size(), m_original.size());
        QVERIFY(std::memcmp(out.bytes.data(), m_original.data(), m_original.size()) == 0);
        auto after = (*pipeline)->next(); // stays at the end
        QVERIFY(after && after->empty());
    }

    void truncationArrivesAfterTheDataBeforeIt()
    {
        const SecretSpan cut = m_compressed.span().sub(0, m_compressed.size() * 3 / 4);
        auto pipeline = InflatePipeline::start(*m_arena, cut, 16 << 20);
        QVERIFY(pipeline);
        Drained out = drain(**pipeline);
        QVERIFY(out.error);
        QCOMPARE(out.error->code, ErrorCode::FileTruncated);
        QVERIFY(out.bytes.size() > m_original.size() / 2); // everything inflatable came first
        QVERIFY(std::memcmp(out.bytes.data(), m_original.data(), out.bytes.size()) == 0);
    }

    void theLimitStopsItWhileInflating()
    {
        auto pipeline = InflatePipeline::start(*m_arena, m_compressed.span(), 1 << 20);
        QVERIFY(pipeline);
        Drained out = drain(**pipeline);
        QVERIFY(out.error);
        QCOMPARE(out.error->code, ErrorCode::LimitExceeded);
        QVERIFY(out.bytes.size() <= std::size_t(1 << 20));
    }

    // The reader gives up after one piece (an XML error): destroying the pipeline stops the
    // thread, which may be waiting for a free chunk.
    void aReaderThatStopsEarlyDoesNotHang()
    {
        for (int i = 0; i < 20; ++i) {
            auto pipeline = InflatePipeline::start(*m_arena, m_compressed.span(), 16 << 20);
            QVERIFY(pipeline);
            auto first = (*pipeline)->next();
            QVERIFY(first && !first->empty());
            if (i % 2 == 0)
                QTest::qWait(5); // let the thread fill every chunk and wait
        }
    }

    void smallMembersAreInflatedHere()
    {
        const SecretSpan small = m_original.span().sub(0, 100 * 1024);
        auto compressed = GzipDeflater::compress(*m_arena, small);
        QVERIFY(compressed);
        auto pipeline = InflatePipeline::start(*m_arena, compressed->span(), 16 << 20);
        QVERIFY(pipeline);
        QVERIFY(!(*pipeline)->threaded());
        Drained out = drain(**pipeline);
        QVERIFY(!out.error);
        QCOMPARE(out.bytes.size(), small.size());
        QVERIFY(std::memcmp(out.bytes.data(), small.data(), small.size()) == 0);
    }
};

QTEST_GUILESS_MAIN(TestInflatePipeline)
#include "TestInflatePipeline.moc"
