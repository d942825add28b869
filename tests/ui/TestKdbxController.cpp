// Tests for KdbxController through MainWindow on real vaults, offscreen, with the KeePass
// databases of tests/data/kdbx: the Vault menu's two actions (disabled while locked); an import
// with a password (KDBX 4, Argon2id) and one with only a key file (KDBX 3.1) — the key typed into
// KdbxKeyDialog, the work on a worker thread behind the busy dialog, the entries (TOTP included)
// in the saved vault, the report; a wrong password and a truncated file each give their own
// error and leave the vault and its file as they were; a lock during the import abandons it;
// an export written with a password and a key file opens with them (KdbxVaultImporter::read)
// and holds every entry; the key dialog's rules.
#include "KdbxFixtures.h"
#include "TestSupport.h"
#include "dialogs/KdbxImportReportDialog.h"
#include "dialogs/KdbxKeyDialog.h"
#include "kdbx/KdbxVaultImporter.h"
#include "secret/SecretLabel.h"
#include "secret/SecretLineEdit.h"
#include "support/MainWindowFixture.h"
#include "window/KdbxController.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>

using namespace arcanum;
using namespace arcanum::test;

namespace {

QString fixturePath(const char* name)
{
    return QStringLiteral(ARCANUM_TEST_DATA_DIR "/kdbx/") + QLatin1String(name);
}

// Answers the next KdbxKeyDialog: `password` typed (twice for a new database), `keyFile` set.
void answerKeyDialog(const char* password, const QString& keyFile = {}, bool keepRecycleBin = false)
{
    QTimer::singleShot(0, [password, keyFile, keepRecycleBin] {
        auto* dialog = qobject_cast<KdbxKeyDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QTest::keyClicks(dialog->passwordEdit(), QString::fromUtf8(password));
        if (dialog->confirmEdit())
            QTest::keyClicks(dialog->confirmEdit(), QString::fromUtf8(password));
        dialog->setKeyFilePath(keyFile);
        if (dialog->recycleBinCheckBox()) {
            QVERIFY(!dialog->recycleBinCheckBox()->isChecked()); // off unless asked
            dialog->recycleBinCheckBox()->setChecked(keepRecycleBin);
        } else {
            QVERIFY(!keepRecycleBin); // only an import has the choice
        }
        QVERIFY2(dialog->okButton()->isEnabled(), qPrintable(dialog->problem()));
        dialog->okButton()->click();
    });
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::optional<EntryView> findTitle(Vault& vault, const char* title)
{
    for (std::size_t i = 0; i < vault.contents().entryCount(); ++i)
        if (equals(vault.contents().entry(i).title(), title))
            return vault.contents().entry(i);
    return std::nullopt;
}

QAction* vaultMenuAction(QMenuBar* bar, const QString& text)
{
    for (QAction* top : bar->actions())
        if (top->text().remove('&') == QStringLiteral("Vault") && top->menu())
            for (QAction* action : top->menu()->actions())
                if (action->text().remove('&') == text)
                    return action;
    return nullptr;
}

} // namespace

class TestKdbxController : public QObject
{
    Q_OBJECT

private slots:
    void menuActionsFollowTheLock()
    {
        MainWindowFixture f;
        KdbxController* kdbx = f.window->kdbx();
        QCOMPARE(vaultMenuAction(f.window->menuBar(), "Import KeePass database…"),
                 kdbx->importAction);
        QCOMPARE(vaultMenuAction(f.window->menuBar(), "Export to KeePass…"), kdbx->exportAction);
        QVERIFY(!kdbx->importAction->isEnabled());
        QVERIFY(!kdbx->exportAction->isEnabled());
        QVERIFY(f.unlock());
        QVERIFY(kdbx->importAction->isEnabled());
        QVERIFY(kdbx->exportAction->isEnabled());
        f.window->lockVault();
        QVERIFY(!kdbx->importAction->isEnabled());
    }

    void importsWithAPassword()
    {
        MainWindowFixture f;
        QVERIFY(f.unlock());
        KdbxController* kdbx = f.window->kdbx();
        QSignalSpy finished(kdbx, &KdbxController::finished);
        answerKeyDialog("fixture password");
        kdbx->importFile(fixturePath("kdbx4-pykeepass-chacha20-argon2id.kdbx"));
        // The KDF runs on a worker: the window is back at once, behind the busy dialog.
        QVERIFY(kdbx->isBusy());
        QVERIFY(kdbx->progressDialog() && kdbx->progressDialog()->isVisible());
        QVERIFY(!kdbx->importAction->isEnabled());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!kdbx->isBusy());
        QVERIFY(kdbx->progressDialog() == nullptr);
        QVERIFY(kdbx->importAction->isEnabled());

        KdbxImportReportDialog* report = kdbx->reportDialog();
        QVERIFY(report && report->isVisible());
        const QString summary = report->summaryLabel()->text();
        QVERIFY2(summary.contains("Imported 4 entries"), qPrintable(summary));
        QVERIFY2(summary.contains("TOTP settings: 3"), qPrintable(summary));
        QVERIFY2(summary.contains("recycle bin"), qPrintable(summary));
        QCOMPARE(int(f.window->session()->vault()->contents().entryCount()), entryCount + 4);

        // Saved: the file has them, the legacy TOTP fields became one otpauth URI.
        auto arena = makeArena();
        auto reopened =
            Vault::open(f.vaultPath.toStdString(), secret(*arena, masterPassword).span());
        QVERIFY(reopened.ok());
        QCOMPARE((*reopened)->contents().entryCount(), std::size_t(entryCount + 4));
        const auto webmail = findTitle(**reopened, "Webmail");
        QVERIFY(webmail.has_value());
        QVERIFY(std::string_view(webmail->totp().chars(), webmail->totp().size())
                    .starts_with("otpauth://totp/"));
        report->accept();
    }

    // The key dialog's "Also import the entries in the recycle bin": the bin comes over as a
    // group, and the report no longer says anything was left out.
    void importKeepsTheRecycleBinWhenAsked()
    {
        MainWindowFixture f;
        QVERIFY(f.unlock());
        KdbxController* kdbx = f.window->kdbx();
        QSignalSpy finished(kdbx, &KdbxController::finished);
        answerKeyDialog("fixture password", {}, true);
        kdbx->importFile(fixturePath("kdbx4-pykeepass-chacha20-argon2id.kdbx"));
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        KdbxImportReportDialog* report = kdbx->reportDialog();
        QVERIFY(report);
        const QString summary = report->summaryLabel()->text();
        QVERIFY2(!summary.contains("recycle bin"), qPrintable(summary));
        // More than the four entries an import without the bin brings (importsWithAPassword).
        QVERIFY(int(f.window->session()->vault()->contents().entryCount()) > entryCount + 4);
        report->accept();
    }

    void importsWithOnlyAKeyFile()
    {
        MainWindowFixture f;
        QVERIFY(f.unlock());
        KdbxController* kdbx = f.window->kdbx();
        QSignalSpy finished(kdbx, &KdbxController::finished);
        answerKeyDialog("", fixturePath("keyfile-random.key"));
        kdbx->importFile(fixturePath("keyfile-random-only.kdbx"));
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(int(f.window->session()->vault()->contents().entryCount()) > entryCount);
    }

    void errorsLeaveTheVaultAsItWas_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("keyFile");
        QTest::addColumn<QString>("expected");
        const QString good = fixturePath("kdbx4-pykeepass-chacha20-argon2id.kdbx");
        QTest::newRow("wrong password") << good << QByteArray("not it") << QString() << "wrong";
        QTest::newRow("wrong key file") << fixturePath("keyfile-random-only.kdbx") << QByteArray()
                                        << fixturePath("keyfile-hex64.key") << "wrong";
        QTest::newRow("missing key file") << good << QByteArray("fixture password")
                                          << fixturePath("no-such.key") << "no-such.key";
        QTest::newRow("truncated") << QStringLiteral("truncated") << QByteArray("fixture password")
                                   << QString() << "truncated";
        QTest::newRow("not kdbx") << fixturePath("fixtures.tsv") << QByteArray("x") << QString()
                                  << "KeePass";
        QTest::newRow("no such file")
            << QStringLiteral("/nonexistent/db.kdbx") << QByteArray("x") << QString() << "db.kdbx";
    }
    void errorsLeaveTheVaultAsItWas()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, password);
        QFETCH(QString, keyFile);
        QFETCH(QString, expected);
        MainWindowFixture f;
        if (file == QStringLiteral("truncated")) {
            file = f.dir.filePath("truncated.kdbx");
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            const QByteArray whole =
                fileBytes(fixturePath("kdbx4-pykeepass-chacha20-argon2id.kdbx"));
            out.write(whole.left(whole.size() * 2 / 3));
        }
        QVERIFY(f.unlock());
        const QByteArray before = fileBytes(f.vaultPath);
        KdbxController* kdbx = f.window->kdbx();
        QSignalSpy finished(kdbx, &KdbxController::finished);
        answerKeyDialog(password.constData(), keyFile);
        kdbx->importFile(file);
        QVERIFY(finished.wait(30000));
        QVERIFY(!finished.at(0).at(0).toBool());
        const QString message = finished.at(0).at(1).toString();
        QVERIFY2(message.contains("Nothing was imported"), qPrintable(message));
        QVERIFY2(message.contains(expected, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(kdbx->messageBox() && kdbx->messageBox()->isVisible());
        QCOMPARE(kdbx->messageBox()->text(), message);
        QVERIFY(kdbx->reportDialog() == nullptr);
        QCOMPARE(int(f.window->session()->vault()->contents().entryCount()), entryCount);
        QVERIFY(!f.window->session()->vault()->contents().isModified());
        QCOMPARE(fileBytes(f.vaultPath), before);
    }

    void lockDuringTheImportAbandonsIt()
    {
        MainWindowFixture f;
        QVERIFY(f.unlock());
        const QByteArray before = fileBytes(f.vaultPath);
        KdbxController* kdbx = f.window->kdbx();
        QSignalSpy finished(kdbx, &KdbxController::finished);
        answerKeyDialog("fixture password");
        kdbx->importFile(fixturePath("kdbx4-pykeepass-chacha20-argon2id.kdbx"));
        QVERIFY(kdbx->isBusy());
        f.window->lockVault(); // does not wait for the worker
        QVERIFY(!f.window->session()->isUnlocked());
        QVERIFY(finished.wait(30000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY(finished.at(0).at(1).toString().contains("locked"));
        QCOMPARE(fileBytes(f.vaultPath), before);
        QCOMPARE(secretMappings(), 0); // the job's arena went with it
    }

    void exportOpensWithItsPasswordAndKeyFile()
    {
        MainWindowFixture f;
        QVERIFY(f.unlock());
        KdbxController* kdbx = f.window->kdbx();
        kdbx->setWriteOptions(cheapKdbxWriteOptions());
        const QString out = f.dir.filePath("out.kdbx");
        const QString keyFile = fixturePath("keyfile-hex64.key");
        QSignalSpy finished(kdbx, &KdbxController::finished);
        answerKeyDialog("export password", keyFile);
        kdbx->exportFile(out);
        QVERIFY(kdbx->isBusy());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        const QString message = finished.at(0).at(1).toString();
        QVERIFY2(message.contains("Wrote out.kdbx: 12 entries"), qPrintable(message));
        QVERIFY(kdbx->messageBox() && kdbx->messageBox()->isVisible());

        auto arena = makeArena();
        auto file = KdbxReader::readFile(out.toStdString());
        QVERIFY(file.ok());
        auto keyData = KdbxKeyFile::read(*arena, keyFile.toStdString());
        QVERIFY(keyData.ok());
        const SecretBuffer password = secret(*arena, "export password");
        KdbxKey::Parts parts;
        parts.password = password.span();
        parts.keyFile = &*keyData;
        auto key = KdbxKey::create(*arena, parts);
        QVERIFY(key.ok());
        auto database = KdbxVaultImporter::read(*arena, *file, *key);
        QVERIFY2(database.ok(), database.ok() ? "" : database.error().message.c_str());
        QCOMPARE(database->entries.size(), std::size_t(entryCount));
        QVERIFY(findKdbxEntry(*database, "GitHub") != nullptr);
        // Without the key file it does not open.
        auto passwordOnly = KdbxKey::fromPassword(*arena, password.span());
        QVERIFY(passwordOnly.ok());
        auto refused = KdbxVaultImporter::read(*arena, *file, *passwordOnly);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::WrongPassword);
    }

    void keyDialogRules()
    {
        auto arena = makeArena();
        KdbxKeyDialog open(arena.get(), KdbxKeyDialog::Mode::Open, QStringLiteral("a.kdbx"));
        QVERIFY(!open.okButton()->isEnabled());
        QVERIFY(open.problem().contains("password"));
        open.setKeyFilePath(QStringLiteral("/some/key"));
        QVERIFY(open.okButton()->isEnabled()); // a key file alone is a key
        auto none = open.takePassword();
        QVERIFY(none.ok() && !none->has_value());

        KdbxKeyDialog fresh(arena.get(), KdbxKeyDialog::Mode::New, QStringLiteral("b.kdbx"));
        QTest::keyClicks(fresh.passwordEdit(), QStringLiteral("one"));
        QVERIFY(!fresh.okButton()->isEnabled());
        QTest::keyClicks(fresh.confirmEdit(), QStringLiteral("two"));
        QVERIFY(fresh.problem().contains("different"));
        fresh.confirmEdit()->clear();
        QTest::keyClicks(fresh.confirmEdit(), QStringLiteral("one"));
        QVERIFY(fresh.okButton()->isEnabled());
        auto taken = fresh.takePassword();
        QVERIFY(taken.ok() && taken->has_value());
        QVERIFY(equals((*taken)->span(), "one"));
        QVERIFY(fresh.passwordEdit()->isEmpty());
        QVERIFY(fresh.confirmEdit()->isEmpty());
    }
};

QTEST_MAIN(TestKdbxController)
#include "TestKdbxController.moc"
