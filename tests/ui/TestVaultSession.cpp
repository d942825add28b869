// Tests for VaultSession's unlock jobs: cancelUnlock() and lock() while busy return at once,
// the abandoned worker's result (a whole unlocked vault) is wiped in its thread whenever it
// finishes, a new unlock can start right away, and the caller's password arena may go as soon
// as unlock() returns (the job has its own copy).
#include "TestSupport.h"
#include "session/VaultSession.h"
#include "support/MainWindowFixture.h"

#include <QFile>
#include <QSignalSpy>

using namespace arcanum;
using namespace arcanum::test;

class TestVaultSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_slow; // Argon2 takes a few hundred milliseconds
    QString m_fast;

    // The master password in an arena of its own, which is destroyed before this returns.
    static void unlockWithThrowawayArena(VaultSession& session, const QString& path)
    {
        auto arena = makeArena();
        session.unlock(path, secret(*arena, masterPassword));
        arena.reset(); // the job copied the password; nothing may touch this arena any more
    }

private slots:
    void initTestCase()
    {
        m_slow = m_dir.filePath("slow.arcanum");
        m_fast = m_dir.filePath("fast.arcanum");
        writeVault(m_slow, Argon2Params::withRandomSalt(128 * 1024, 3, 1));
        writeVault(m_fast);
    }

    void cancelReturnsAtOnceAndTheResultIsWiped()
    {
        VaultSession session;
        QSignalSpy busy(&session, &VaultSession::busyChanged);
        QSignalSpy cancelled(&session, &VaultSession::unlockCancelled);
        QSignalSpy unlocked(&session, &VaultSession::unlocked);
        QSignalSpy failed(&session, &VaultSession::unlockFailed);
        unlockWithThrowawayArena(session, m_slow);
        QCOMPARE(session.state(), VaultSession::State::Busy);
        QCOMPARE(session.runningWorkers(), 1);

        session.cancelUnlock();
        QCOMPARE(session.state(), VaultSession::State::Locked);
        QCOMPARE(busy.count(), 2); // on, off
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(session.runningWorkers(), 1); // Argon2 cannot be interrupted

        QTRY_COMPARE_WITH_TIMEOUT(session.runningWorkers(), 0, 30000);
        QTest::qWait(50); // let the worker's finished() arrive: it must be ignored
        QCOMPARE(unlocked.count(), 0);
        QCOMPARE(failed.count(), 0);
        QVERIFY(session.vault() == nullptr);
        QCOMPARE(secretMappings(), 0); // the vault it opened was wiped and unmapped
    }

    void aNewUnlockStartsWhileTheAbandonedOneRuns()
    {
        VaultSession session;
        QSignalSpy unlocked(&session, &VaultSession::unlocked);
        unlockWithThrowawayArena(session, m_slow);
        session.cancelUnlock();
        unlockWithThrowawayArena(session, m_fast);
        QCOMPARE(session.state(), VaultSession::State::Busy);
        // The abandoned Argon2 (128 MiB, 3 passes) is still running; the new job's 256 KiB
        // may already have finished in its thread on a fast machine, so 1 or 2 here.
        QVERIFY2(session.runningWorkers() >= 1,
                 qPrintable(QString::number(session.runningWorkers())));
        QVERIFY(unlocked.wait(30000));
        QVERIFY(session.isUnlocked());
        QCOMPARE(session.path(), m_fast);
        QTRY_COMPARE_WITH_TIMEOUT(session.runningWorkers(), 0, 30000);
        QTest::qWait(50);
        QCOMPARE(unlocked.count(), 1);
        QCOMPARE(secretMappings(), int(session.vault()->arena().regionCount()));
        session.lock();
        QCOMPARE(secretMappings(), 0);
    }

    void lockWhileBusyLocksAtOnce()
    {
        VaultSession session;
        QSignalSpy locked(&session, &VaultSession::locked);
        QSignalSpy unlocked(&session, &VaultSession::unlocked);
        unlockWithThrowawayArena(session, m_slow);
        session.lock();
        QCOMPARE(session.state(), VaultSession::State::Locked);
        QCOMPARE(locked.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(session.runningWorkers(), 0, 30000);
        QTest::qWait(50);
        QCOMPARE(unlocked.count(), 0);
        QCOMPARE(secretMappings(), 0);
    }

    void destroyingTheSessionDoesNotWaitForArgon2()
    {
        auto session = std::make_unique<VaultSession>();
        unlockWithThrowawayArena(*session, m_slow);
        QElapsedTimer timer;
        timer.start();
        session.reset();
        QVERIFY2(timer.elapsed() < 50, qPrintable(QString::number(timer.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(secretMappings(), 0, 30000);
    }

    // Cancelling "Create new vault" leaves no file behind, whenever the worker gets there.
    void cancelledCreateLeavesNoFile()
    {
        VaultSession session;
        QSignalSpy unlocked(&session, &VaultSession::unlocked);
        const QString path = m_dir.filePath("cancelled.arcanum");
        auto arena = makeArena();
        session.create(path, secret(*arena, masterPassword),
                       Argon2Params::withRandomSalt(128 * 1024, 3, 1));
        arena.reset();
        session.cancelUnlock();
        QCOMPARE(session.state(), VaultSession::State::Locked);
        QTRY_COMPARE_WITH_TIMEOUT(session.runningWorkers(), 0, 30000);
        QTest::qWait(50);
        QCOMPARE(unlocked.count(), 0);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(secretMappings(), 0);
    }

    void wrongPasswordStillSaysSo()
    {
        VaultSession session;
        QSignalSpy failed(&session, &VaultSession::unlockFailed);
        auto arena = makeArena();
        session.unlock(m_fast, secret(*arena, "not it"));
        QVERIFY(failed.wait(30000));
        QCOMPARE(failed.at(0).at(0).toInt(), int(ErrorCode::WrongPassword));
        QCOMPARE(session.runningWorkers(), 0);
    }
};

QTEST_MAIN(TestVaultSession)
#include "TestVaultSession.moc"
