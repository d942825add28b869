// Tests for LockController (every trigger, the sleep-inhibitor dance, disabled triggers) driven
// by a fake LockSignalSource, and for DBusLockSignalSource against a private dbus-daemon with a
// fake logind: real subscriptions, real Inhibit file descriptor (DESIGN.md §7).
#include "lock/DBusLockSignalSource.h"
#include "lock/LockController.h"
#include "lock/LockSignalSource.h"
#include "support/FakeLockSignalSource.h"
#include "support/PrivateDBus.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QSignalSpy>
#include <QWidget>
#include <QtTest>

using namespace arcanum;
using namespace std::chrono_literals;
using arcanum::test::FakeLockSignalSource;

namespace {

LockTriggers triggers(std::chrono::milliseconds idle, bool onScreenLock, bool beforeSleep)
{
    LockTriggers t;
    t.idleTimeout = idle;
    t.onScreenLock = onScreenLock;
    t.beforeSleep = beforeSleep;
    return t;
}

LockReason reasonAt(const QSignalSpy& spy, int index)
{
    return spy.at(index).at(0).value<LockReason>();
}

void typeKey(QWidget& widget)
{
    QKeyEvent press(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier, QStringLiteral("a"));
    QCoreApplication::sendEvent(&widget, &press);
}

} // namespace

class TestLockController : public QObject
{
    Q_OBJECT

private slots:
    void lockNowAsksOnlyWhileUnlocked()
    {
        FakeLockSignalSource source;
        LockController controller(&source);
        QSignalSpy spy(&controller, &LockController::lockRequested);
        controller.lockNow();
        QCOMPARE(spy.count(), 0); // nothing to lock

        controller.setUnlocked(true);
        controller.lockNow();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(reasonAt(spy, 0), LockReason::OnDemand);
        QVERIFY(controller.isLockRequested());
        controller.lockFinished();
        QVERIFY(!controller.isUnlocked());
        QVERIFY(!controller.isLockRequested());
        controller.lockNow();
        QCOMPARE(spy.count(), 1);
    }

    void idleTimeoutFires()
    {
        LockController controller(nullptr);
        controller.setTriggers(triggers(150ms, true, true));
        QSignalSpy spy(&controller, &LockController::lockRequested);
        QElapsedTimer clock;
        clock.start();
        controller.setUnlocked(true);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
        QVERIFY(clock.elapsed() >= 140);
        QCOMPARE(reasonAt(spy, 0), LockReason::IdleTimeout);
        QTest::qWait(400); // single shot: no second request while the first is outstanding
        QCOMPARE(spy.count(), 1);
    }

    void userInputResetsTheIdleTimer()
    {
        QWidget window;
        window.show();
        LockController controller(nullptr);
        controller.setTriggers(triggers(400ms, true, true));
        QSignalSpy spy(&controller, &LockController::lockRequested);
        controller.setUnlocked(true);

        // Keep typing for three timeouts: never idle long enough.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 1200) {
            typeKey(window);
            QTest::qWait(50);
        }
        QCOMPARE(spy.count(), 0);

        QElapsedTimer sinceLastKey;
        typeKey(window);
        sinceLastKey.start();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
        QVERIFY(sinceLastKey.elapsed() >= 390);
        QCOMPARE(reasonAt(spy, 0), LockReason::IdleTimeout);
    }

    void mouseInputCountsToo()
    {
        QWidget window;
        window.show();
        LockController controller(nullptr);
        controller.setTriggers(triggers(300ms, true, true));
        QSignalSpy spy(&controller, &LockController::lockRequested);
        controller.setUnlocked(true);
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 900) {
            QTest::mouseClick(&window, Qt::LeftButton);
            QTest::qWait(50);
        }
        QCOMPARE(spy.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
    }

    void idleTimeoutZeroIsOffAndLockedIsQuiet()
    {
        LockController controller(nullptr);
        controller.setTriggers(triggers(0ms, true, true));
        QSignalSpy spy(&controller, &LockController::lockRequested);
        controller.setUnlocked(true);
        QTest::qWait(300);
        QCOMPARE(spy.count(), 0);

        controller.setTriggers(triggers(100ms, true, true));
        controller.setUnlocked(false); // locked: the idle timer does not run
        QTest::qWait(300);
        QCOMPARE(spy.count(), 0);
    }

    void screenLockAsksToLock()
    {
        FakeLockSignalSource source;
        LockController controller(&source);
        controller.setTriggers(triggers(0ms, true, true));
        QSignalSpy spy(&controller, &LockController::lockRequested);

        source.lockScreen(); // locked already: nothing
        QCOMPARE(spy.count(), 0);
        controller.setUnlocked(true);
        source.lockScreen();
        source.lockScreen(); // GNOME + logind both report it: folded into one request
        QCOMPARE(spy.count(), 1);
        QCOMPARE(reasonAt(spy, 0), LockReason::ScreenLocked);
    }

    void prepareForSleepAsksToLockAndKeepsTheInhibitorUntilLockFinished()
    {
        FakeLockSignalSource source;
        LockController controller(&source);
        controller.setTriggers(triggers(0ms, true, true));
        QSignalSpy spy(&controller, &LockController::lockRequested);
        QVERIFY(!source.held); // locked: no inhibitor

        controller.setUnlocked(true);
        QVERIFY(source.held);
        QCOMPARE(source.acquires, 1);

        source.sleep(true);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(reasonAt(spy, 0), LockReason::BeforeSleep);
        QVERIFY(source.held); // logind must keep waiting while we lock

        controller.lockFinished();
        QVERIFY(!source.held); // now sleep may proceed
        QCOMPARE(source.releases, 1);

        source.sleep(false); // resumed while locked: no inhibitor
        QVERIFY(!source.held);
        QCOMPARE(source.acquires, 1);
    }

    void inhibitorIsRetakenAfterResumeWhenStillUnlocked()
    {
        FakeLockSignalSource source;
        LockController controller(&source);
        controller.setTriggers(triggers(0ms, true, true));
        controller.setUnlocked(true);
        source.sleep(true);
        // The owner could not lock; logind slept after its delay; we hold a stale inhibitor.
        source.releaseSleepInhibitor(); // e.g. logind dropped it
        source.sleep(false);
        QVERIFY(source.held);
        QCOMPARE(source.acquires, 2);
    }

    void prepareForSleepWhileLockedDoesNothing()
    {
        FakeLockSignalSource source;
        LockController controller(&source);
        QSignalSpy spy(&controller, &LockController::lockRequested);
        source.sleep(true);
        source.sleep(false);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(source.acquires, 0);
    }

    void disabledTriggersDoNotFire()
    {
        FakeLockSignalSource source;
        LockController controller(&source);
        controller.setTriggers(triggers(0ms, false, false));
        QSignalSpy spy(&controller, &LockController::lockRequested);
        controller.setUnlocked(true);
        QVERIFY(!source.held); // before-sleep off: no inhibitor either
        QCOMPARE(source.acquires, 0);

        source.lockScreen();
        source.sleep(true);
        source.sleep(false);
        QTest::qWait(200);
        QCOMPARE(spy.count(), 0);
        QVERIFY(!source.held);

        controller.lockNow(); // on demand always works
        QCOMPARE(spy.count(), 1);
    }

    void turningBeforeSleepOffReleasesTheInhibitor()
    {
        FakeLockSignalSource source;
        LockController controller(&source);
        controller.setTriggers(triggers(0ms, true, true));
        controller.setUnlocked(true);
        QVERIFY(source.held);
        controller.setTriggers(triggers(0ms, true, false));
        QVERIFY(!source.held);
        controller.setTriggers(triggers(0ms, true, true));
        QVERIFY(source.held);
    }

    void reasonsHaveText()
    {
        for (LockReason reason : {LockReason::OnDemand, LockReason::IdleTimeout,
                                  LockReason::ScreenLocked, LockReason::BeforeSleep})
            QVERIFY(!lockReasonText(reason).isEmpty());
    }

    // --- the real QtDBus source on a private bus -------------------------------------------

    void dbusSourceSeesScreenSaversOnTheSessionBus()
    {
        test::PrivateDBus bus;
        QVERIFY2(bus.isRunning(), qPrintable(bus.error()));
        const QDBusConnection sessionBus = bus.connect(QStringLiteral("ours"));
        QDBusConnection desktop = bus.connect(QStringLiteral("desktop"));
        DBusLockSignalSource source(sessionBus, QDBusConnection(QStringLiteral("no-system-bus")));
        QSignalSpy spy(&source, &LockSignalSource::screenLocked);
        test::PrivateDBus::roundTrip(sessionBus); // the subscriptions are in place
        QVERIFY(!source.problems().isEmpty());    // no system bus: said so

        auto activeChanged = [&](const QString& path, const QString& interface, bool active) {
            QDBusMessage signal =
                QDBusMessage::createSignal(path, interface, QStringLiteral("ActiveChanged"));
            signal << active;
            QVERIFY(desktop.send(signal));
        };
        activeChanged(QStringLiteral("/org/freedesktop/ScreenSaver"),
                      QStringLiteral("org.freedesktop.ScreenSaver"), true);
        QTRY_COMPARE(spy.count(), 1);
        activeChanged(QStringLiteral("/ScreenSaver"), QStringLiteral("org.freedesktop.ScreenSaver"),
                      false); // unlocking the screen is not a reason to lock
        activeChanged(QStringLiteral("/org/gnome/ScreenSaver"),
                      QStringLiteral("org.gnome.ScreenSaver"), true);
        QTRY_COMPARE(spy.count(), 2);
        activeChanged(QStringLiteral("/org/example/Other"), QStringLiteral("org.example.Other"),
                      true);
        QTest::qWait(200);
        QCOMPARE(spy.count(), 2);
    }

    void dbusSourceSeesLogindSignalsFromLogindOnly()
    {
        test::PrivateDBus bus;
        QVERIFY2(bus.isRunning(), qPrintable(bus.error()));
        test::FakeLogindHost logind(bus);
        QVERIFY(logind.isOk());
        DBusLockSignalSource source(QDBusConnection(QStringLiteral("no-session-bus")),
                                    bus.connect(QStringLiteral("system")));
        QSignalSpy sleeps(&source, &LockSignalSource::prepareForSleep);
        QSignalSpy locks(&source, &LockSignalSource::screenLocked);
        QTRY_COMPARE(source.sessionPath(), test::FakeLogind::sessionPath);

        logind.emitSignal(test::FakeLogind::path, test::FakeLogind::manager,
                          QStringLiteral("PrepareForSleep"), {true});
        QTRY_COMPARE(sleeps.count(), 1);
        QCOMPARE(sleeps.at(0).at(0).toBool(), true);
        logind.emitSignal(test::FakeLogind::path, test::FakeLogind::manager,
                          QStringLiteral("PrepareForSleep"), {false});
        QTRY_COMPARE(sleeps.count(), 2);
        QCOMPARE(sleeps.at(1).at(0).toBool(), false);

        const QString session = QStringLiteral("org.freedesktop.login1.Session");
        logind.emitSignal(QStringLiteral("/org/freedesktop/login1/session/_33"), session,
                          QStringLiteral("Lock")); // someone else's session
        logind.emitSignal(test::FakeLogind::sessionPath, session, QStringLiteral("Lock"));
        QTRY_COMPARE(locks.count(), 1);

        // The same signals from an ordinary client are not logind's: ignored.
        QDBusConnection impostor = bus.connect(QStringLiteral("impostor"));
        QDBusMessage fake = QDBusMessage::createSignal(
            test::FakeLogind::path, test::FakeLogind::manager, QStringLiteral("PrepareForSleep"));
        fake << true;
        QVERIFY(impostor.send(fake));
        QTest::qWait(300);
        QCOMPARE(sleeps.count(), 2);
        QCOMPARE(locks.count(), 1);
    }

    void dbusSourceHoldsAndClosesARealInhibitor()
    {
        test::PrivateDBus bus;
        QVERIFY2(bus.isRunning(), qPrintable(bus.error()));
        test::FakeLogindHost logind(bus);
        QVERIFY(logind.isOk());
        DBusLockSignalSource source(QDBusConnection(QStringLiteral("no-session-bus")),
                                    bus.connect(QStringLiteral("system")));
        QSignalSpy changes(&source, &LockSignalSource::sleepInhibitorChanged);

        source.acquireSleepInhibitor();
        source.acquireSleepInhibitor(); // idempotent: one request in flight
        QTRY_VERIFY(source.holdsSleepInhibitor());
        QCOMPARE(logind.logind().inhibitorsHanded(), 1);
        QCOMPARE(
            logind.logind().inhibitArguments(),
            (QStringList{QStringLiteral("sleep"), QStringLiteral("Arcanum"),
                         QStringLiteral("Lock the vault before sleep"), QStringLiteral("delay")}));
        QTest::qWait(100); // let every transient copy (bus, reply message) go
        QCOMPARE(logind.logind().inhibitorsOpen(), 1);

        source.releaseSleepInhibitor();
        QVERIFY(!source.holdsSleepInhibitor());
        QTRY_COMPARE(logind.logind().inhibitorsOpen(), 0); // really closed: logind may sleep
        QCOMPARE(changes.count(), 2);

        // Released before logind answered: the late descriptor is dropped, not kept.
        source.acquireSleepInhibitor();
        source.releaseSleepInhibitor();
        QTRY_COMPARE(logind.logind().inhibitorsHanded(), 2);
        QTest::qWait(100);
        QVERIFY(!source.holdsSleepInhibitor());
        QTRY_COMPARE(logind.logind().inhibitorsOpen(), 0);
    }

    void controllerAndDbusSourceTogether()
    {
        test::PrivateDBus bus;
        QVERIFY2(bus.isRunning(), qPrintable(bus.error()));
        test::FakeLogindHost logind(bus);
        QVERIFY(logind.isOk());
        DBusLockSignalSource source(QDBusConnection(QStringLiteral("no-session-bus")),
                                    bus.connect(QStringLiteral("system")));
        LockController controller(&source);
        controller.setTriggers(triggers(0ms, true, true));
        bool lockedBeforeRelease = false;
        // The owner locks right away; the inhibitor must still be open at that moment.
        connect(&controller, &LockController::lockRequested, this, [&](LockReason reason) {
            QCOMPARE(reason, LockReason::BeforeSleep);
            lockedBeforeRelease = logind.logind().inhibitorsOpen() == 1;
            controller.lockFinished();
        });

        controller.setUnlocked(true);
        QTRY_COMPARE(logind.logind().inhibitorsOpen(), 1);
        logind.emitSignal(test::FakeLogind::path, test::FakeLogind::manager,
                          QStringLiteral("PrepareForSleep"), {true});
        QTRY_VERIFY(lockedBeforeRelease);
        QTRY_COMPARE(logind.logind().inhibitorsOpen(), 0);
        logind.emitSignal(test::FakeLogind::path, test::FakeLogind::manager,
                          QStringLiteral("PrepareForSleep"), {false});
        QTest::qWait(200);
        QCOMPARE(logind.logind().inhibitorsHanded(), 1); // locked: not re-taken
    }
};

QTEST_MAIN(TestLockController)
#include "TestLockController.moc"
