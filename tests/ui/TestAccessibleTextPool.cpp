// AccessibleTextPool: every QString of plaintext handed to Qt's accessibility code is zeroed in
// place once only the pool holds it, and at wipeAll() even while someone else still does.
#include "TestSupport.h"
#include "accessibility/AccessibleTextPool.h"
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

    void zeroedOnceQtLetsGo()
    {
        auto arena = makeArena();
        SecretBuffer text = secret(*arena, "correct horse");
        const char16_t* data = nullptr;
        qsizetype size = 0;
        {
            const QString held = AccessibleTextPool::instance().text(text.span());
            data = reinterpret_cast<const char16_t*>(held.constData());
            size = held.size();
            AccessibleTextPool::instance().sweep();
            QCOMPARE(AccessibleTextPool::instance().pending(), std::size_t(1)); // still held
            QCOMPARE(held, QStringLiteral("correct horse"));
        }
        // The pool is the only holder now: the next sweep (the event loop's) zeroes it.
        QTRY_COMPARE(AccessibleTextPool::instance().pending(), std::size_t(0));
        QVERIFY(allZero(data, size)); // the pool's reference kept the block alive until then
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
