// Tests for SettingsDialog: it shows the stored settings, OK writes every one of them to the
// INI file (read back by a fresh Settings), Cancel writes nothing, and a failed write keeps the
// dialog open with an explanation.
#include "dialogs/SettingsDialog.h"
#include "settings/Settings.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace arcanum;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("%1.ini").arg(QTest::currentTestFunction()));
        QFile::remove(m_path);
    }

    void showsTheStoredSettings()
    {
        Settings settings(m_path);
        settings.setIdleLockMinutes(0);
        settings.setLockOnScreenLock(false);
        settings.setLockBeforeSleep(true);
        settings.setClipboardClearSeconds(42);
        settings.setRequireSecretMemory(true);
        settings.setShowHibernationBanner(false);
        SettingsDialog dialog(&settings);
        QCOMPARE(dialog.idleLockBox()->value(), 0);
        QCOMPARE(dialog.idleLockBox()->text(), QStringLiteral("Never"));
        QVERIFY(!dialog.screenLockBox()->isChecked());
        QVERIFY(dialog.sleepBox()->isChecked());
        QCOMPARE(dialog.clipboardBox()->value(), 42);
        QVERIFY(dialog.secretMemoryBox()->isChecked());
        QVERIFY(!dialog.hibernationBannerBox()->isChecked());
        QCOMPARE(dialog.idleLockBox()->maximum(), Settings::maxIdleLockMinutes);
        QCOMPARE(dialog.clipboardBox()->minimum(), Settings::minClipboardClearSeconds);
        QCOMPARE(dialog.clipboardBox()->maximum(), Settings::maxClipboardClearSeconds);
    }

    void okWritesEverySetting()
    {
        {
            Settings settings(m_path);
            SettingsDialog dialog(&settings);
            dialog.show();
            dialog.idleLockBox()->setFocus();
            dialog.idleLockBox()->selectAll();
            QTest::keyClicks(dialog.idleLockBox(), QStringLiteral("15"));
            dialog.screenLockBox()->click();
            dialog.sleepBox()->click();
            dialog.clipboardBox()->setValue(30);
            dialog.secretMemoryBox()->click();
            dialog.hibernationBannerBox()->click();
            QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QVERIFY(dialog.errorLabel()->isHidden());
        }
        QVERIFY(QFile::exists(m_path)); // synced, not just kept in memory
        const Settings reread(m_path);
        QCOMPARE(reread.idleLockMinutes(), 15);
        QCOMPARE(reread.lockOnScreenLock(), false);
        QCOMPARE(reread.lockBeforeSleep(), false);
        QCOMPARE(reread.clipboardClearSeconds(), 30);
        QCOMPARE(reread.requireSecretMemory(), true);
        QCOMPARE(reread.showHibernationBanner(), false);
    }

    void screenReaderChoice()
    {
        {
            Settings settings(m_path);
            SettingsDialog dialog(&settings);
            QVERIFY(!dialog.screenReaderBox()->isChecked());
            dialog.accept();
            // Unticked and never asked stays "not chosen": the first screen reader still asks.
            QVERIFY(!settings.screenReaderAccess().has_value());
        }
        Settings settings(m_path);
        SettingsDialog dialog(&settings);
        dialog.screenReaderBox()->click();
        dialog.accept();
        QCOMPARE(settings.screenReaderAccess(), std::optional<bool>(true));
        SettingsDialog again(&settings);
        QVERIFY(again.screenReaderBox()->isChecked());
        again.screenReaderBox()->click();
        again.accept();
        QCOMPARE(settings.screenReaderAccess(), std::optional<bool>(false));
    }

    void cancelWritesNothing()
    {
        Settings settings(m_path);
        SettingsDialog dialog(&settings);
        dialog.idleLockBox()->setValue(60);
        dialog.secretMemoryBox()->click();
        dialog.reject();
        QCOMPARE(settings.idleLockMinutes(), Settings::defaultIdleLockMinutes);
        QCOMPARE(settings.requireSecretMemory(), false);
        QVERIFY(!QFile::exists(m_path));
    }

    void aFailedWriteKeepsTheDialogOpen()
    {
        // The INI file's folder is a regular file: QSettings cannot write there.
        QFile blocker(m_dir.filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        Settings settings(blocker.fileName() + QStringLiteral("/settings.ini"));
        SettingsDialog dialog(&settings);
        dialog.show();
        dialog.idleLockBox()->setValue(7);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.errorLabel()->isHidden());
        QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("could not be saved")));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
