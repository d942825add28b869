// AccessibleTextPool: every QString of plaintext handed to Qt's accessibility code is zeroed in
// place once only the pool holds it, and at wipeAll() even while someone else still does.
#include "TestSupport.h"
#include "accessibility/AccessibleTextPool.h"
#include "canary/CanaryScanner.h"
#include "canary/CanarySet.h"
#include "crypto/Random.h"
#include "secret/SecretArena.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

bool allZero(const char16_t* data, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i)
        if (data[i] != 0)
            return false;
    return true;
}

} // namespace

class TestAccessibleTextPool : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { AccessibleTextPool::instance().wipeAll(); }

    void decodesTheArenaText()
    {
        auto arena = makeArena();
        SecretBuffer text = secret(*arena, "caf\xc3\xa9 \xe2\x82\xac");
        const QString made = AccessibleTextPool::instance().text(text.span());
        QCOMPARE(made, QStringLiteral(u"café €"));
    }

    void keptWhileQtHoldsItDroppedAfter()
    {
        auto arena = makeArena();
        SecretBuffer text = secret(*arena, "correct horse");
        {
            const QString held = AccessibleTextPool::instance().text(text.span());
            AccessibleTextPool::instance().sweep();
            QCOMPARE(AccessibleTextPool::instance().pending(), std::size_t(1)); // still held
            QCOMPARE(held, QStringLiteral("correct horse"));                    // and intact
        }
        // The pool is the only holder now: the event loop's next sweep zeroes and frees it
        // (noCopyIsLeftOnceQtLetsGo scans for what would remain).
        QTRY_COMPARE(AccessibleTextPool::instance().pending(), std::size_t(0));
    }

    void piecesAreZeroedToo()
    {
        auto arena = makeArena();
        SecretBuffer text = secret(*arena, "alpha beta");
        const QString whole = AccessibleTextPool::instance().text(text.span());
        const QString word = AccessibleTextPool::instance().adopt(whole.mid(6));
        QCOMPARE(word, QStringLiteral("beta"));
        QCOMPARE(AccessibleTextPool::instance().pending(), std::size_t(2));
        // Adopting the same block twice keeps it once.
        (void)AccessibleTextPool::instance().adopt(whole);
        QCOMPARE(AccessibleTextPool::instance().pending(), std::size_t(2));
    }

    void noCopyIsLeftOnceQtLetsGo()
    {
        // The whole path a screen reader's read takes through our code: decode, pieces, release.
        auto set = CanarySet::create();
        QVERIFY(set.ok());
        {
            auto staging = makeArena();
            SecretBuffer value = std::move(staging->allocate(26).value());
            static constexpr char letters[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
            for (std::size_t i = 0; i < value.size(); ++i)
                value.data()[i] = std::uint8_t(letters[Random::uniform(sizeof letters - 1)]);
            QVERIFY(set->add("title", value.span()).ok());
        }
        {
            const QString whole =
                AccessibleTextPool::instance().text(set->pattern(0, CanaryEncoding::Utf8));
            const QString piece = AccessibleTextPool::instance().adopt(whole.mid(2, 20));
            QCOMPARE(piece.size(), 20);
        }
        QTRY_COMPARE(AccessibleTextPool::instance().pending(), std::size_t(0));
        auto report = CanaryScanner::scanForkedCopy(*set);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
        QVERIFY2(report->clean(), report->summary().c_str());
    }

    void wipeAllZeroesWhatIsStillHeld()
    {
        auto arena = makeArena();
        SecretBuffer text = secret(*arena, "still held by Qt");
        const QString held = AccessibleTextPool::instance().text(text.span());
        AccessibleTextPool::instance().wipeAll(); // lock
        QCOMPARE(AccessibleTextPool::instance().pending(), std::size_t(0));
        QVERIFY(allZero(reinterpret_cast<const char16_t*>(held.constData()), held.size()));
    }
};

QTEST_MAIN(TestAccessibleTextPool)
#include "TestAccessibleTextPool.moc"
