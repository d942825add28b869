// Tests for HibernationProbe (each source x can / cannot / unknown, via a temporary power-state
// file and an injected logind answer, plus the real D-Bus query against a private bus) and for
// HibernationBanner's show/hide rule (DESIGN.md §7).
#include "platform/HibernationBanner.h"
#include "platform/HibernationProbe.h"
#include "support/PrivateDBus.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <optional>

using namespace arcanum;

Q_DECLARE_METATYPE(arcanum::HibernationState)
Q_DECLARE_METATYPE(std::optional<QString>)

namespace {

// A logind stand-in that remembers whether it was asked.
struct CountingLogind
{
    std::optional<QString> answer;
    int calls = 0;

    HibernationProbe::LogindQuery query()
    {
        return [this] {
            ++calls;
            return answer;
        };
    }
};

} // namespace

class TestHibernationProbe : public QObject
{
    Q_OBJECT

private slots:
    void kernelFileDecides_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<HibernationState>("expected");
        QTest::newRow("disk listed")
            << QByteArray("freeze mem disk\n") << HibernationState::CanHibernate;
        QTest::newRow("disk first") << QByteArray("disk mem") << HibernationState::CanHibernate;
        QTest::newRow("no disk (secretmem exists, lockdown, nohibernate)")
            << QByteArray("freeze mem\n") << HibernationState::CannotHibernate;
        QTest::newRow("empty file") << QByteArray() << HibernationState::CannotHibernate;
        QTest::newRow("disk only as part of a word")
            << QByteArray("freeze diskless mem") << HibernationState::CannotHibernate;
    }

    void kernelFileDecides()
    {
        QFETCH(QByteArray, contents);
        QFETCH(HibernationState, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
        file.close();

        CountingLogind logind{QStringLiteral("na")}; // would say the opposite of "can"
        const HibernationVerdict verdict = HibernationProbe(path, logind.query()).probe();
        QCOMPARE(verdict.state, expected);
        QVERIFY2(verdict.reason.contains(path), qPrintable(verdict.reason));
        QCOMPARE(logind.calls, 0); // the kernel's word is final
    }

    void logindDecidesWhenFileIsMissing_data()
    {
        QTest::addColumn<std::optional<QString>>("answer");
        QTest::addColumn<HibernationState>("expected");
        QTest::newRow("yes") << std::optional<QString>(QStringLiteral("yes"))
                             << HibernationState::CanHibernate;
        QTest::newRow("challenge") << std::optional<QString>(QStringLiteral("challenge"))
                                   << HibernationState::CanHibernate;
        QTest::newRow("no") << std::optional<QString>(QStringLiteral("no"))
                            << HibernationState::CannotHibernate;
        QTest::newRow("na") << std::optional<QString>(QStringLiteral("na"))
                            << HibernationState::CannotHibernate;
        QTest::newRow("unexpected word")
            << std::optional<QString>(QStringLiteral("maybe")) << HibernationState::Unknown;
        QTest::newRow("no answer") << std::optional<QString>() << HibernationState::Unknown;
    }

    void logindDecidesWhenFileIsMissing()
    {
        QFETCH(std::optional<QString>, answer);
        QFETCH(HibernationState, expected);
        QTemporaryDir dir;
        CountingLogind logind{answer};
        const HibernationVerdict verdict =
            HibernationProbe(dir.filePath(QStringLiteral("absent")), logind.query()).probe();
        QCOMPARE(verdict.state, expected);
        QCOMPARE(logind.calls, 1);
        QVERIFY(!verdict.reason.isEmpty());
        if (answer)
            QVERIFY2(verdict.reason.contains(*answer), qPrintable(verdict.reason));
    }

    void unreadableFileFallsThroughToLogind()
    {
        // A directory cannot be read as a file: like /sys/power hidden or mode 000.
        QTemporaryDir dir;
        CountingLogind logind{QStringLiteral("yes")};
        QCOMPARE(HibernationProbe(dir.path(), logind.query()).probe().state,
                 HibernationState::CanHibernate);
        QCOMPARE(logind.calls, 1);
    }

    void noLogindQueryIsUnknown()
    {
        QTemporaryDir dir;
        QCOMPARE(HibernationProbe(dir.filePath(QStringLiteral("absent")), {}).probe().state,
                 HibernationState::Unknown);
    }

    void realQueryAsksLogindOnTheBus()
    {
        test::PrivateDBus bus;
        QVERIFY2(bus.isRunning(), qPrintable(bus.error()));
        test::FakeLogindHost host(bus);
        QVERIFY(host.isOk());
        const QDBusConnection client = bus.connect(QStringLiteral("probe-client"));
        QVERIFY(client.isConnected());
        QTemporaryDir dir;
        const QString absent = dir.filePath(QStringLiteral("absent"));

        host.logind().setCanHibernate(QStringLiteral("challenge"));
        QCOMPARE(HibernationProbe(absent, HibernationProbe::logindQuery(client)).probe().state,
                 HibernationState::CanHibernate);
        host.logind().setCanHibernate(QStringLiteral("na"));
        QCOMPARE(HibernationProbe(absent, HibernationProbe::logindQuery(client)).probe().state,
                 HibernationState::CannotHibernate);
        QCOMPARE(host.logind().calls().count(QStringLiteral("CanHibernate")), 2);
    }

    void realQueryWithoutLogindIsUnknown()
    {
        test::PrivateDBus bus;
        QVERIFY2(bus.isRunning(), qPrintable(bus.error()));
        const QDBusConnection client = bus.connect(QStringLiteral("probe-lonely"));
        QVERIFY(client.isConnected());
        QTemporaryDir dir;
        const HibernationVerdict verdict =
            HibernationProbe(dir.filePath(QStringLiteral("absent")),
                             HibernationProbe::logindQuery(client, 1000))
                .probe();
        QCOMPARE(verdict.state, HibernationState::Unknown);
        // The bus's own error, e.g. what Flatpak's proxy or a bus without logind answers.
        QVERIFY2(
            verdict.reason.contains(QStringLiteral("org.freedesktop.DBus.Error.ServiceUnknown")),
            qPrintable(verdict.reason));
    }

    void withoutSystemBusTheReasonSaysSo()
    {
        // Inside Flatpak without --system-talk-name=org.freedesktop.login1 there is no system bus.
        const LogindReply reply =
            HibernationProbe::logindQuery(QDBusConnection(QStringLiteral("nowhere")))();
        QVERIFY(!reply.answer);
        QVERIFY2(reply.error.contains(QStringLiteral("no system bus")), qPrintable(reply.error));
        QTemporaryDir dir;
        const HibernationVerdict verdict =
            HibernationProbe(
                dir.filePath(QStringLiteral("absent")),
                HibernationProbe::logindQuery(QDBusConnection(QStringLiteral("nowhere"))))
                .probe();
        QCOMPARE(verdict.state, HibernationState::Unknown);
        QVERIFY2(
            verdict.reason.contains(QStringLiteral("--system-talk-name=org.freedesktop.login1")),
            qPrintable(verdict.reason));
    }

    void silentLogindEndsInUnknownAfterTheTimeout()
    {
        test::PrivateDBus bus;
        QVERIFY2(bus.isRunning(), qPrintable(bus.error()));
        test::FakeLogindHost host(bus);
        QVERIFY(host.isOk());
        host.logind().setSilent(true);
        const QDBusConnection client = bus.connect(QStringLiteral("probe-patient"));
        QTemporaryDir dir;
        QElapsedTimer clock;
        clock.start();
        const HibernationVerdict verdict =
            HibernationProbe(dir.filePath(QStringLiteral("absent")),
                             HibernationProbe::logindQuery(client, 300))
                .probe();
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(verdict.state, HibernationState::Unknown);
        QVERIFY2(verdict.reason.contains(QStringLiteral("no reply within 300 ms")),
                 qPrintable(verdict.reason));
        QVERIFY2(elapsed >= 250 && elapsed < 5000, qPrintable(QString::number(elapsed)));
        QCOMPARE(host.logind().calls().count(QStringLiteral("CanHibernate")), 1);
    }

    void messageSaysWhyAndWhatToDo()
    {
        const QString text = HibernationProbe::unlockedMessage();
        QVERIFY(text.contains(QStringLiteral("secret memory")));
        QVERIFY(text.contains(QStringLiteral("Lock the vault")));
    }

    void bannerShowsOnlyWhileUnlockedOnAMachineThatCanHibernate()
    {
        QWidget window;
        auto* banner = new HibernationBanner(&window);
        window.show();
        QCOMPARE(banner->text(), HibernationProbe::unlockedMessage());
        QVERIFY(!banner->isVisible()); // locked, state unknown

        banner->setHibernationState(HibernationState::CanHibernate);
        QVERIFY(!banner->isVisible()); // still locked
        banner->setVaultUnlocked(true);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->wantsToShow());

        banner->setVaultUnlocked(false); // lock hides it
        QVERIFY(!banner->isVisible());
        banner->setVaultUnlocked(true);
        QVERIFY(banner->isVisible());

        banner->setEnabledBySettings(false); // the setting turns it off
        QVERIFY(!banner->isVisible());
        banner->setEnabledBySettings(true);
        QVERIFY(banner->isVisible());

        // The locked-memory fallback does not block hibernation: the sentence would be false.
        banner->setProtectionLevel(ProtectionLevel::LockedMemory);
        QVERIFY(!banner->isVisible());
        banner->setProtectionLevel(ProtectionLevel::SecretMemory);
        QVERIFY(banner->isVisible());
    }

    void bannerStaysHiddenUnlessTheProbeSaysCan_data()
    {
        QTest::addColumn<HibernationState>("state");
        QTest::newRow("cannot") << HibernationState::CannotHibernate;
        QTest::newRow("unknown") << HibernationState::Unknown;
    }

    void bannerStaysHiddenUnlessTheProbeSaysCan()
    {
        QFETCH(HibernationState, state);
        QWidget window;
        auto* banner = new HibernationBanner(&window);
        window.show();
        banner->setHibernationState(state);
        banner->setVaultUnlocked(true);
        QVERIFY(!banner->isVisible());
        QVERIFY(!banner->wantsToShow());
    }
};

QTEST_MAIN(TestHibernationProbe)
#include "TestHibernationProbe.moc"
