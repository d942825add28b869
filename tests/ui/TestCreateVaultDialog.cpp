// Tests for CreateVaultDialog: when OK is enabled (and the hint that says why not), the
// ".arcanum" suffix and "~/", takePassword() after OK, the weak-password confirmation, the
// strength estimate, the Advanced key-derivation choice, wiping on Cancel, and that the result
// really creates a vault.
#include "SecretTestSupport.h"
#include "dialogs/CreateVaultDialog.h"
#include "dialogs/StrengthMeter.h"
#include "secret/SecretLineEdit.h"
#include "session/VaultSession.h"

#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

constexpr const char* strongPassword = "tangerine-Oscillate-47-quietly-Rumba";

void typeBoth(CreateVaultDialog& dialog, const QString& first, const QString& second)
{
    QTest::keyClicks(dialog.passwordEdit(), first);
    QTest::keyClicks(dialog.confirmEdit(), second);
}

} // namespace

class TestCreateVaultDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;
    QTemporaryDir m_dir;

    QString inDir(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        m_arena = makeArena();
        QVERIFY(m_dir.isValid());
        QFile existing(inDir(QStringLiteral("taken.arcanum")));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        QFile plain(inDir(QStringLiteral("plain-file")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
    }

    void okNeedsEveryRule_data()
    {
        QTest::addColumn<QString>("location"); // "@" stands for the temporary folder
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("confirm");
        QTest::addColumn<QString>("hint"); // a word of the hint; empty: OK enabled
        const QString pw = QString::fromLatin1(strongPassword);
        QTest::newRow("all good") << "@/new.arcanum" << pw << pw << QString();
        QTest::newRow("no location") << "" << pw << pw << "Choose where";
        QTest::newRow("blank location") << "   " << pw << pw << "Choose where";
        QTest::newRow("relative path") << "vaults/new.arcanum" << pw << pw << "full path";
        QTest::newRow("missing folder") << "@/missing/new.arcanum" << pw << pw << "does not exist";
        QTest::newRow("folder is a file")
            << "@/plain-file/new.arcanum" << pw << pw << "does not exist";
        QTest::newRow("file exists") << "@/taken.arcanum" << pw << pw << "already exists";
        QTest::newRow("file exists without suffix") << "@/taken" << pw << pw << "already exists";
        QTest::newRow("no password") << "@/new.arcanum"
                                     << ""
                                     << ""
                                     << "Type a master password";
        QTest::newRow("not repeated") << "@/new.arcanum" << pw << ""
                                      << "again";
        QTest::newRow("different") << "@/new.arcanum" << pw << pw + "x"
                                   << "different";
        QTest::newRow("same length, different") << "@/new.arcanum"
                                                << "abcdefgh"
                                                << "abcdefgH"
                                                << "different";
        QTest::newRow("only the repeat") << "@/new.arcanum"
                                         << "" << pw << "Type a master";
    }

    void okNeedsEveryRule()
    {
        QFETCH(QString, location);
        QFETCH(QString, password);
        QFETCH(QString, confirm);
        QFETCH(QString, hint);
        CreateVaultDialog dialog(m_arena.get());
        dialog.locationEdit()->setText(location.replace(u'@', m_dir.path()));
        typeBoth(dialog, password, confirm);
        QCOMPARE(dialog.okButton()->isEnabled(), hint.isEmpty());
        QCOMPARE(dialog.problem().isEmpty(), hint.isEmpty());
        QCOMPARE(dialog.hintLabel()->isHidden(), hint.isEmpty());
        QVERIFY2(dialog.hintLabel()->text().contains(hint), qPrintable(dialog.hintLabel()->text()));
        // Clicking a disabled OK (or pressing Enter) does nothing.
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), hint.isEmpty() ? int(QDialog::Accepted) : 0);
    }

    void theHintFollowsTyping()
    {
        CreateVaultDialog dialog(m_arena.get());
        dialog.setPath(inDir(QStringLiteral("typing.arcanum")));
        QVERIFY(!dialog.okButton()->isEnabled());
        typeBoth(dialog, QStringLiteral("abc"), QStringLiteral("ab"));
        QVERIFY(dialog.hintLabel()->text().contains(QStringLiteral("different")));
        QTest::keyClicks(dialog.confirmEdit(), QStringLiteral("c"));
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(dialog.hintLabel()->isHidden());
        QTest::keyClick(dialog.passwordEdit(), Qt::Key_Backspace);
        QVERIFY(!dialog.okButton()->isEnabled());
    }

    void pathGetsTheSuffix_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("expected");
        QTest::newRow("without") << "/tmp/x/Passwords"
                                 << "/tmp/x/Passwords.arcanum";
        QTest::newRow("with") << "/tmp/x/Passwords.arcanum"
                              << "/tmp/x/Passwords.arcanum";
        QTest::newRow("other suffix") << "/tmp/x/Passwords.kdbx"
                                      << "/tmp/x/Passwords.kdbx.arcanum";
        QTest::newRow("spaces around") << "  /tmp/x/P  "
                                       << "/tmp/x/P.arcanum";
        QTest::newRow("home") << "~/P" << QDir::homePath() + "/P.arcanum";
        QTest::newRow("empty") << ""
                               << "";
    }

    void pathGetsTheSuffix()
    {
        QFETCH(QString, typed);
        QFETCH(QString, expected);
        CreateVaultDialog dialog(m_arena.get());
        dialog.locationEdit()->setText(typed);
        QCOMPARE(dialog.path(), expected);
    }

    void defaultsToTheDocumentsFolder()
    {
        CreateVaultDialog dialog(m_arena.get());
        QCOMPARE(dialog.path(), QDir::cleanPath(QStandardPaths::writableLocation(
                                                    QStandardPaths::DocumentsLocation) +
                                                QStringLiteral("/Passwords.arcanum")));
        QVERIFY(!dialog.kdfParams().has_value()); // the caller calibrates
    }

    void okHandsOverThePasswordAndWipesTheFields()
    {
        CreateVaultDialog dialog(m_arena.get());
        dialog.show();
        dialog.setPath(inDir(QStringLiteral("handover")));
        const QString pw = QString::fromLatin1(strongPassword);
        typeBoth(dialog, pw, pw);
        QVERIFY(dialog.strengthMeter()->rating() != PasswordStrength::Rating::Weak);
        const std::uint8_t* where = dialog.passwordEdit()->text().data();
        const std::size_t size = dialog.passwordEdit()->text().size();
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.weakPasswordQuestion() == nullptr); // not asked
        QVERIFY(dialog.passwordEdit()->isEmpty());
        QVERIFY(dialog.confirmEdit()->isEmpty());
        for (std::size_t i = 0; i < size; ++i)
            QCOMPARE(where[i], std::uint8_t(0));
        QCOMPARE(dialog.path(), inDir(QStringLiteral("handover.arcanum")));

        auto password = dialog.takePassword();
        QVERIFY(password.ok());
        QVERIFY(m_arena->contains(password->data()));
        QCOMPARE_TEXT(password->span(), strongPassword);
        QVERIFY(!dialog.takePassword().ok()); // taken once
    }

    void takePasswordWhileOpenCopiesAndWipes()
    {
        CreateVaultDialog dialog(m_arena.get());
        typeBoth(dialog, QStringLiteral("first try"), QStringLiteral("first try"));
        auto password = dialog.takePassword();
        QVERIFY(password.ok());
        QCOMPARE_TEXT(password->span(), "first try");
        QVERIFY(dialog.passwordEdit()->isEmpty());
        QVERIFY(dialog.confirmEdit()->isEmpty());
        QVERIFY(!dialog.okButton()->isEnabled());
    }

    void weakPasswordNeedsConfirmation_data()
    {
        QTest::addColumn<bool>("useAnyway");
        QTest::newRow("use anyway") << true;
        QTest::newRow("choose another") << false;
    }

    void weakPasswordNeedsConfirmation()
    {
        QFETCH(bool, useAnyway);
        CreateVaultDialog dialog(m_arena.get());
        dialog.show();
        dialog.setPath(inDir(QStringLiteral("weak.arcanum")));
        typeBoth(dialog, QStringLiteral("password1"), QStringLiteral("password1"));
        QCOMPARE(dialog.strengthMeter()->rating(), PasswordStrength::Rating::Weak);
        QVERIFY(dialog.strengthMeter()->text().startsWith(QStringLiteral("Weak — about ")));
        QVERIFY(dialog.okButton()->isEnabled()); // weak is allowed...
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QMessageBox* question = dialog.weakPasswordQuestion(); // ...after a question
        QVERIFY(question != nullptr);
        QTRY_VERIFY(question->isVisible());
        QVERIFY(dialog.isVisible());
        QVERIFY(!question->text().contains(QStringLiteral("password1")));
        QAbstractButton* answer = nullptr;
        for (QAbstractButton* button : question->buttons())
            if (useAnyway == (question->buttonRole(button) == QMessageBox::AcceptRole))
                answer = button;
        QVERIFY(answer != nullptr);
        QTest::mouseClick(answer, Qt::LeftButton);
        QTRY_VERIFY(dialog.weakPasswordQuestion() == nullptr);
        if (useAnyway) {
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            auto password = dialog.takePassword();
            QVERIFY(password.ok());
            QCOMPARE_TEXT(password->span(), "password1");
        } else {
            QVERIFY(dialog.isVisible());
            QCOMPARE_TEXT(dialog.passwordEdit()->text(), "password1"); // nothing lost
        }
    }

    void revealShowsBothFields()
    {
        CreateVaultDialog dialog(m_arena.get());
        QVERIFY(dialog.passwordEdit()->isMasked());
        dialog.revealButton()->click();
        QVERIFY(!dialog.passwordEdit()->isMasked());
        QVERIFY(!dialog.confirmEdit()->isMasked());
    }

    void advancedKeyDerivation()
    {
        CreateVaultDialog dialog(m_arena.get());
        QVERIFY(!dialog.kdfParams().has_value());
        dialog.advancedBox()->setChecked(true);
        dialog.memoryBox()->setValue(64);
        dialog.iterationsBox()->setValue(2);
        const std::optional<Argon2Params> params = dialog.kdfParams();
        QVERIFY(params.has_value());
        QCOMPARE(params->memoryKiB, 64u * 1024);
        QCOMPARE(params->iterations, 2u);
        QCOMPARE(params->lanes, Argon2Params::defaultLanes());
        QVERIFY(params->validate().ok());
        QVERIFY(params->salt != (std::array<std::uint8_t, Argon2Params::saltBytes>{}));
        QVERIFY(dialog.kdfParams()->salt != params->salt); // a fresh salt each time
    }

    void cancelWipes()
    {
        auto arena = makeArena();
        const std::size_t before = arena->usedBytes();
        CreateVaultDialog dialog(arena.get());
        typeBoth(dialog, QStringLiteral("secret"), QStringLiteral("secret"));
        QVERIFY(arena->usedBytes() > before);
        dialog.reject();
        QVERIFY(dialog.passwordEdit()->isEmpty());
        QVERIFY(dialog.confirmEdit()->isEmpty());
        QVERIFY(!dialog.takePassword().ok());
        QCOMPARE(arena->usedBytes(), before);
    }

    void theResultCreatesAVault()
    {
        CreateVaultDialog dialog(m_arena.get());
        dialog.setPath(inDir(QStringLiteral("created")));
        const QString pw = QString::fromLatin1(strongPassword);
        typeBoth(dialog, pw, pw);
        dialog.advancedBox()->setChecked(true);
        dialog.memoryBox()->setValue(1);
        dialog.iterationsBox()->setValue(1);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        auto password = dialog.takePassword();
        QVERIFY(password.ok());
        VaultSession session;
        QSignalSpy unlocked(&session, &VaultSession::unlocked);
        session.create(dialog.path(), std::move(password.value()), dialog.kdfParams());
        QVERIFY(unlocked.wait(20000));
        QCOMPARE(QString::fromStdString(session.vault()->path()), dialog.path());
        QVERIFY(QFile::exists(inDir(QStringLiteral("created.arcanum"))));
        session.lock();
        // The same dialog now says the file exists.
        CreateVaultDialog again(m_arena.get());
        again.setPath(inDir(QStringLiteral("created")));
        typeBoth(again, pw, pw);
        QVERIFY(!again.okButton()->isEnabled());
        QVERIFY(again.hintLabel()->text().contains(QStringLiteral("already exists")));
    }
};

QTEST_MAIN(TestCreateVaultDialog)
#include "TestCreateVaultDialog.moc"
