// Tests for Settings: defaults, round trips through the INI file, bounds and bad stored values,
// the recent-vaults list (order, duplicates, cap).
#include "settings/Settings.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace arcanum;
using namespace std::chrono_literals;

class TestSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    // Writes raw text into the INI file, as a hand edit or an older version might have.
    void writeRaw(const QByteArray& ini)
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(ini);
    }

private slots:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("%1.ini").arg(QTest::currentTestFunction()));
        QFile::remove(m_path);
    }

    void defaults()
    {
        Settings settings(m_path);
        QCOMPARE(settings.idleLockMinutes(), 5);
        QCOMPARE(settings.lockOnScreenLock(), true);
        QCOMPARE(settings.lockBeforeSleep(), true);
        QCOMPARE(settings.clipboardClearSeconds(), 10);
        QCOMPARE(settings.clipboardClearAfter(), 10s);
        QCOMPARE(settings.requireSecretMemory(), false);
        QCOMPARE(settings.showHibernationBanner(), true);
        QVERIFY(settings.recentVaults().isEmpty());
        const LockTriggers triggers = settings.lockTriggers();
        QCOMPARE(triggers.idleTimeout, std::chrono::milliseconds(5min));
        QVERIFY(triggers.onScreenLock);
        QVERIFY(triggers.beforeSleep);
    }

    void screenReaderAccessIsUnchosenUntilSet()
    {
        {
            Settings settings(m_path);
            QVERIFY(!settings.screenReaderAccess().has_value()); // the app will ask
            settings.setScreenReaderAccess(false);
            QCOMPARE(settings.screenReaderAccess(), std::optional<bool>(false));
            QVERIFY(settings.sync());
        }
        {
            Settings reread(m_path);
            QCOMPARE(reread.screenReaderAccess(), std::optional<bool>(false));
            reread.setScreenReaderAccess(true);
            QCOMPARE(reread.screenReaderAccess(), std::optional<bool>(true));
        }
        writeRaw("[accessibility]\nscreenReaderAccess=maybe\n");
        QVERIFY(!Settings(m_path).screenReaderAccess().has_value()); // unreadable: ask again
    }

    void valuesSurviveAReopen()
    {
        {
            Settings settings(m_path);
            settings.setIdleLockMinutes(0);
            settings.setLockOnScreenLock(false);
            settings.setLockBeforeSleep(false);
            settings.setClipboardClearSeconds(45);
            settings.setRequireSecretMemory(true);
            settings.setShowHibernationBanner(false);
            settings.addRecentVault(m_dir.filePath(QStringLiteral("a.arcanum")));
            QVERIFY(settings.sync());
        }
        QVERIFY(QFile::exists(m_path));
        Settings settings(m_path);
        QCOMPARE(settings.idleLockMinutes(), 0);
        QCOMPARE(settings.lockOnScreenLock(), false);
        QCOMPARE(settings.lockBeforeSleep(), false);
        QCOMPARE(settings.clipboardClearSeconds(), 45);
        QCOMPARE(settings.requireSecretMemory(), true);
        QCOMPARE(settings.showHibernationBanner(), false);
        QCOMPARE(settings.recentVaults(), QStringList{m_dir.filePath(QStringLiteral("a.arcanum"))});
        const LockTriggers triggers = settings.lockTriggers();
        QCOMPARE(triggers.idleTimeout.count(), 0);
        QVERIFY(!triggers.onScreenLock);
        QVERIFY(!triggers.beforeSleep);
    }

    void settersClampToBounds_data()
    {
        QTest::addColumn<int>("idleIn");
        QTest::addColumn<int>("idleOut");
        QTest::addColumn<int>("clipboardIn");
        QTest::addColumn<int>("clipboardOut");
        QTest::newRow("negative") << -3 << 0 << -3 << 1;
        QTest::newRow("zero") << 0 << 0 << 0 << 1;
        QTest::newRow("in range") << 30 << 30 << 20 << 20;
        QTest::newRow("huge") << 1'000'000 << 1440 << 1'000'000 << 3600;
    }

    void settersClampToBounds()
    {
        QFETCH(int, idleIn);
        QFETCH(int, idleOut);
        QFETCH(int, clipboardIn);
        QFETCH(int, clipboardOut);
        Settings settings(m_path);
        settings.setIdleLockMinutes(idleIn);
        settings.setClipboardClearSeconds(clipboardIn);
        QCOMPARE(settings.idleLockMinutes(), idleOut);
        QCOMPARE(settings.clipboardClearSeconds(), clipboardOut);
    }

    void badStoredValuesReadAsDefaults_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::newRow("not numbers") << QByteArray("[lock]\nidleMinutes=soon\nonScreenLock=maybe\n"
                                                   "[clipboard]\nclearSeconds=ten\n");
        QTest::newRow("out of range")
            << QByteArray("[lock]\nidleMinutes=-1\n[clipboard]\nclearSeconds=0\n");
        QTest::newRow("too large")
            << QByteArray("[lock]\nidleMinutes=99999\n[clipboard]\nclearSeconds=99999\n");
        QTest::newRow("empty values")
            << QByteArray("[lock]\nidleMinutes=\nonScreenLock=\n[clipboard]\nclearSeconds=\n");
    }

    void badStoredValuesReadAsDefaults()
    {
        QFETCH(QByteArray, ini);
        writeRaw(ini);
        Settings settings(m_path);
        QCOMPARE(settings.idleLockMinutes(), Settings::defaultIdleLockMinutes);
        QCOMPARE(settings.clipboardClearSeconds(), Settings::defaultClipboardClearSeconds);
        QCOMPARE(settings.lockOnScreenLock(), true);
    }

    void handWrittenValuesAreRead()
    {
        writeRaw("[lock]\nidleMinutes=15\nbeforeSleep=false\n[ui]\nshowHibernationBanner=false\n");
        Settings settings(m_path);
        QCOMPARE(settings.idleLockMinutes(), 15);
        QCOMPARE(settings.lockBeforeSleep(), false);
        QCOMPARE(settings.showHibernationBanner(), false);
    }

    void recentVaultsAreMostRecentFirstWithoutDuplicates()
    {
        Settings settings(m_path);
        const QString a = m_dir.filePath(QStringLiteral("a.arcanum"));
        const QString b = m_dir.filePath(QStringLiteral("b.arcanum"));
        settings.addRecentVault(a);
        settings.addRecentVault(b);
        QCOMPARE(settings.recentVaults(), (QStringList{b, a}));
        // The same file spelled differently moves to the front instead of appearing twice.
        settings.addRecentVault(m_dir.path() + QStringLiteral("/sub/../a.arcanum"));
        QCOMPARE(settings.recentVaults(), (QStringList{a, b}));
        settings.addRecentVault(QString());
        QCOMPARE(settings.recentVaults().size(), 2);
        settings.removeRecentVault(a);
        QCOMPARE(settings.recentVaults(), QStringList{b});
        settings.clearRecentVaults();
        QVERIFY(settings.recentVaults().isEmpty());
    }

    void recentVaultsKeepAtMostTen()
    {
        Settings settings(m_path);
        for (int i = 0; i < 15; ++i)
            settings.addRecentVault(m_dir.filePath(QStringLiteral("v%1.arcanum").arg(i)));
        const QStringList recent = settings.recentVaults();
        QCOMPARE(recent.size(), Settings::maxRecentVaults);
        QCOMPARE(recent.first(), m_dir.filePath(QStringLiteral("v14.arcanum")));
        QCOMPARE(recent.last(), m_dir.filePath(QStringLiteral("v5.arcanum")));
    }

    void relativePathsAreMadeAbsolute()
    {
        Settings settings(m_path);
        settings.addRecentVault(QStringLiteral("relative.arcanum"));
        const QString stored = settings.recentVaults().value(0);
        QVERIFY(QDir::isAbsolutePath(stored));
        QVERIFY(stored.endsWith(QStringLiteral("/relative.arcanum")));
    }
};

QTEST_MAIN(TestSettings)
#include "TestSettings.moc"
