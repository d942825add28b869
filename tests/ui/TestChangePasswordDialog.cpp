// Tests for ChangePasswordDialog (and VaultSession::changePassword behind it): when "Change" is
// enabled, the change itself (old password refused, new one opens, costs kept, fresh salt), no
// cancel while Argon2 runs, a refused save (file changed on disk) that keeps the old password and
// lets the user retry, a lock while Argon2 runs, and the weak-password question.
#include "SecretTestSupport.h"
#include "dialogs/ChangePasswordDialog.h"
#include "dialogs/NewPasswordFields.h"
#include "secret/SecretLineEdit.h"
#include "session/VaultSession.h"
#include "support/TestVault.h"

#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

constexpr const char* newPassword = "ultramarine-Bicycle-93-softly-Tundra";

void typeBoth(ChangePasswordDialog& dialog, const QString& first, const QString& second)
{
    QTest::keyClicks(dialog.fields()->passwordEdit(), first);
    QTest::keyClicks(dialog.fields()->confirmEdit(), second);
}

// Vault::open of `path` with `password`: nullopt when it opens, else the error code.
std::optional<ErrorCode> openError(const QString& path, const char* password)
{
    auto arena = makeArena();
    auto vault = Vault::open(path.toStdString(), secret(*arena, password).span());
    return vault ? std::nullopt : std::optional(vault.error().code);
}

void clickUseAnyway(QMessageBox* question)
{
    for (QAbstractButton* button : question->buttons())
        if (question->buttonRole(button) == QMessageBox::AcceptRole)
            button->click();
}

bool opensWith(const QString& path, const char* password)
{
    return !openError(path, password).has_value();
}

bool refuses(const QString& path, const char* password)
{
    return openError(path, password) == ErrorCode::WrongPassword;
}

} // namespace

class TestChangePasswordDialog : public QObject
{
    Q_OBJECT

private slots:
    void changeNeedsTwoEqualPasswords()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        ChangePasswordDialog dialog(&vault->session());
        QVERIFY(!dialog.okButton()->isEnabled());
        QCOMPARE(dialog.hintLabel()->text(), QStringLiteral("Type a master password."));
        typeBoth(dialog, QString::fromLatin1(newPassword), QStringLiteral("something else"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QCOMPARE(dialog.problem(), QStringLiteral("The two passwords are different."));
        dialog.fields()->confirmEdit()->clear();
        QTest::keyClicks(dialog.fields()->confirmEdit(), QString::fromLatin1(newPassword));
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(dialog.problem().isEmpty());
    }

    void changeReKeysAndKeepsTheCosts()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        vault->addEntry("Mail", "me", "hunter2");
        const Argon2Params before = vault->vault().kdfParams();
        ChangePasswordDialog dialog(&vault->session());
        dialog.show();
        typeBoth(dialog, QString::fromLatin1(newPassword), QString::fromLatin1(newPassword));
        QSignalSpy changed(&vault->session(), &VaultSession::passwordChanged);
        QSignalSpy finished(&dialog, &QDialog::finished);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(dialog.isBusy());
        QVERIFY(dialog.busyBar()->isVisible());
        QVERIFY(!dialog.fields()->passwordEdit()->isEnabled());
        QVERIFY(dialog.fields()->passwordEdit()->isEmpty()); // handed over, wiped here
        QTest::keyClick(&dialog, Qt::Key_Escape);            // no cancel while Argon2 runs
        QVERIFY(dialog.isVisible());
        QVERIFY(changed.wait(20000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toInt(), int(QDialog::Accepted));

        QVERIFY(refuses(vault->path(), TestVault::masterPassword));
        QVERIFY(refuses(vault->path() + QStringLiteral(".bak"), TestVault::masterPassword));
        auto arena = makeArena();
        auto reopened =
            Vault::open(vault->path().toStdString(), secret(*arena, newPassword).span());
        QVERIFY(reopened.ok());
        QCOMPARE((*reopened)->contents().entryCount(), std::size_t(1));
        const Argon2Params after = (*reopened)->kdfParams();
        QCOMPARE(after.memoryKiB, before.memoryKiB);
        QCOMPARE(after.iterations, before.iterations);
        QCOMPARE(after.lanes, before.lanes);
        QVERIFY(after.salt != before.salt);
        // The session goes on with the new keys: a later save still opens with the new password.
        vault->addEntry("Bank", "me", "pin");
        QVERIFY(opensWith(vault->path(), newPassword));
    }

    void aRefusedSaveKeepsTheOldPasswordAndAllowsARetry()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        const QByteArray original = vault->fileBytes();
        vault->writeFile(original + QByteArray("!")); // "another device changed it"
        ChangePasswordDialog dialog(&vault->session());
        dialog.show();
        typeBoth(dialog, QString::fromLatin1(newPassword), QString::fromLatin1(newPassword));
        QSignalSpy failed(&vault->session(), &VaultSession::passwordChangeFailed);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(failed.wait(20000));
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isBusy());
        QVERIFY(!dialog.busyBar()->isVisible());
        QVERIFY2(dialog.hintLabel()->text().contains(QStringLiteral("old one still opens")),
                 qPrintable(dialog.hintLabel()->text()));
        QVERIFY(dialog.fields()->passwordEdit()->isEnabled());
        QCOMPARE(vault->fileBytes(), original + QByteArray("!"));

        // Put the file back: the next try goes through, and the old keys were kept meanwhile.
        vault->writeFile(original);
        QVERIFY(opensWith(vault->path(), TestVault::masterPassword));
        typeBoth(dialog, QString::fromLatin1(newPassword), QString::fromLatin1(newPassword));
        QSignalSpy changed(&vault->session(), &VaultSession::passwordChanged);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(changed.wait(20000));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(opensWith(vault->path(), newPassword));
    }

    void aLockWhileArgon2RunsKeepsTheOldPassword()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        ChangePasswordDialog dialog(&vault->session());
        dialog.show();
        typeBoth(dialog, QString::fromLatin1(newPassword), QString::fromLatin1(newPassword));
        QSignalSpy failed(&vault->session(), &VaultSession::passwordChangeFailed);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(vault->session().isChangingPassword());
        vault->session().lock(); // waits for Argon2, then drops the new keys with the arena
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!vault->session().isUnlocked());
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("locked")));
        QVERIFY(opensWith(vault->path(), TestVault::masterPassword));
        QVERIFY(refuses(vault->path(), newPassword));
    }

    void aWeakPasswordNeedsConfirmation()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        ChangePasswordDialog dialog(&vault->session());
        dialog.show();
        typeBoth(dialog, QStringLiteral("abc"), QStringLiteral("abc"));
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QMessageBox* question = dialog.fields()->weakPasswordQuestion();
        QVERIFY(question != nullptr);
        QVERIFY(!dialog.isBusy());
        question->button(QMessageBox::Cancel)->click();
        QVERIFY(dialog.fields()->weakPasswordQuestion() == nullptr);
        QVERIFY(!dialog.isBusy());
        QVERIFY(dialog.isVisible());

        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        question = dialog.fields()->weakPasswordQuestion();
        QVERIFY(question != nullptr);
        QSignalSpy changed(&vault->session(), &VaultSession::passwordChanged);
        clickUseAnyway(question);
        QVERIFY(dialog.isBusy());
        QVERIFY(changed.wait(20000));
        QVERIFY(opensWith(vault->path(), "abc"));
    }

    void noCopyOfTheNewPasswordOutsideSecretMemory()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        SecretBuffer canary = randomCanary(vault->arena(), 32);
        ChangePasswordDialog dialog(&vault->session());
        dialog.show();
        for (QWidget* field : {static_cast<QWidget*>(dialog.fields()->passwordEdit()),
                               static_cast<QWidget*>(dialog.fields()->confirmEdit())})
            for (std::uint8_t byte : canary.bytes())
                QTest::keyClick(field, char(byte));
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QSignalSpy changed(&vault->session(), &VaultSession::passwordChanged);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        // Random letters can still score "weak" (repeats count less): say "Use Anyway".
        if (QMessageBox* question = dialog.fields()->weakPasswordQuestion())
            clickUseAnyway(question);
        QVERIFY(changed.wait(20000));
        const ScanReport report = scanForCopies({{"new password", canary.span()}});
        QVERIFY2(report.clean(), report.summary().c_str());
    }
};

QTEST_MAIN(TestChangePasswordDialog)
#include "TestChangePasswordDialog.moc"
