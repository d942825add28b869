// Tests for CsvImportController: an import adds the rows and saves, folders become groups, skipped
// rows are reported by number, an unusable or missing file changes nothing and says why, a locked
// vault imports nothing, the "delete the export" offer deletes the file, and the file's content
// leaves no copy outside secret memory.
#include "SecretTestSupport.h"
#include "session/VaultSession.h"
#include "support/TestVault.h"
#include "window/CsvImportController.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QWidget>
#include <QtTest>
#include <fcntl.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// Test data (not user secrets): a Chrome export with one row that has nothing to log in with.
const QByteArray chromeCsv = "name,url,username,password,note\n"
                             "example.com,https://example.com/login,alice,pw-one,\n"
                             "nothing.example,https://nothing.example/,,,\n"
                             "github.com,https://github.com/session,octocat,hunter2,\"a, note\"\n";

const QByteArray keepassxcCsv =
    "\"Group\",\"Title\",\"Username\",\"Password\",\"URL\",\"Notes\"\n"
    "\"Root/Internet/Mail\",\"Webmail\",\"me\",\"pw\",\"https://mail.example\",\"\"\n"
    "\"Root/Banking\",\"Bank\",\"me\",\"1234\",\"\",\"\"\n";

QString writeFile(const QString& folder, const char* name, const QByteArray& bytes)
{
    const QString path = folder + QLatin1Char('/') + QLatin1String(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

std::size_t countTitled(Vault& vault, const char* title)
{
    auto arena = makeArena();
    return vault.contents().findByTitle(secret(*arena, title).span()).size();
}

} // namespace

class TestCsvImportController : public QObject
{
    Q_OBJECT

private slots:
    void importsRowsReportsSkipsAndSaves()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        QWidget parent;
        CsvImportController controller(&vault->session(), &parent);
        QVERIFY(controller.importAction->isEnabled());
        const QString csv = writeFile(vault->folder(), "chrome.csv", chromeCsv);

        const CsvImportController::Report report = controller.importFile(csv);
        QVERIFY2(report.imported, qPrintable(report.error));
        QCOMPARE(report.added, 2);
        QCOMPARE(report.format, QStringLiteral("Chrome/Edge"));
        QCOMPARE(report.skipped.size(), 1);
        QVERIFY2(report.skipped.first().startsWith(QStringLiteral("row 3")),
                 qPrintable(report.skipped.first()));
        QVERIFY(report.saved);
        const QString text = CsvImportController::describe(report);
        QVERIFY2(text.startsWith(QStringLiteral("Imported 2 entries from a Chrome/Edge export.")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Skipped rows (1):")));
        QVERIFY(!text.contains(QStringLiteral("nothing.example"))); // no content in the report

        auto disk = vault->reopen();
        QCOMPARE(disk->contents().entryCount(), std::size_t(2));
        QCOMPARE(countTitled(*disk, "github.com"), std::size_t(1));
        QCOMPARE(countTitled(*disk, "example.com"), std::size_t(1));
    }

    void foldersBecomeGroups()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        QWidget parent;
        CsvImportController controller(&vault->session(), &parent);
        const QString csv = writeFile(vault->folder(), "keepassxc.csv", keepassxcCsv);
        const CsvImportController::Report report = controller.importFile(csv);
        QVERIFY2(report.imported, qPrintable(report.error));
        QCOMPARE(report.added, 2);
        QCOMPARE(report.format, QStringLiteral("KeePassXC"));
        auto disk = vault->reopen();
        QCOMPARE(disk->contents().groupCount(), std::size_t(3)); // Internet, Internet/Mail, Banking
    }

    void anUnusableFileChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown header") << QByteArray("a,b,c\n1,2,3\n") << "Chrome";
        QTest::newRow("header only")
            << QByteArray("name,url,username,password,note\n") << "no rows";
        QTest::newRow("only unusable rows")
            << QByteArray(
                   "name,url,username,password,note\nnothing.example,https://n.example/,,,\n")
            << "Skipped rows (1)";
        QTest::newRow("unclosed quote")
            << QByteArray("name,url,username,password,note\n\"x,https://x,u,p,\n") << "quote";
    }

    void anUnusableFileChangesNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        auto vault = TestVault::created();
        QVERIFY(vault);
        vault->addEntry("Existing", "me", "pw");
        const QByteArray before = vault->fileBytes();
        QWidget parent;
        CsvImportController controller(&vault->session(), &parent);
        const CsvImportController::Report report =
            controller.importFile(writeFile(vault->folder(), "bad.csv", content));
        QVERIFY(!report.imported);
        QCOMPARE(report.added, 0);
        const QString text = CsvImportController::describe(report);
        QVERIFY2(text.startsWith(QStringLiteral("Nothing was imported")), qPrintable(text));
        QVERIFY2(text.contains(expected, Qt::CaseInsensitive), qPrintable(text));
        QCOMPARE(vault->fileBytes(), before);
        QCOMPARE(vault->contents().entryCount(), std::size_t(1));
    }

    void aMissingFileSaysSo()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        QWidget parent;
        CsvImportController controller(&vault->session(), &parent);
        const CsvImportController::Report report =
            controller.importFile(vault->folder() + QStringLiteral("/missing.csv"));
        QVERIFY(!report.imported);
        QVERIFY2(report.error.contains(QStringLiteral("missing.csv")), qPrintable(report.error));
    }

    void aLockedVaultImportsNothing()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        QWidget parent;
        CsvImportController controller(&vault->session(), &parent);
        const QString csv = writeFile(vault->folder(), "chrome.csv", chromeCsv);
        vault->session().lock();
        QVERIFY(!controller.importAction->isEnabled());
        const CsvImportController::Report report = controller.importFile(csv);
        QVERIFY(!report.imported);
        QCOMPARE(report.error, QStringLiteral("The vault is locked."));
    }

    void theReportOffersToDeleteTheExport()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        QWidget parent;
        CsvImportController controller(&vault->session(), &parent);
        for (const bool remove : {false, true}) {
            const QString csv = writeFile(vault->folder(), "chrome.csv", chromeCsv);
            QString shown;
            QTimer::singleShot(0, [&shown, remove] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box);
                shown = box->text() + QLatin1Char('\n') + box->informativeText();
                for (QAbstractButton* button : box->buttons())
                    if ((box->buttonRole(button) == QMessageBox::DestructiveRole) == remove)
                        button->click();
            });
            controller.importAndReport(csv);
            QVERIFY2(shown.contains(QStringLiteral("plain text")), qPrintable(shown));
            QCOMPARE(QFile::exists(csv), !remove);
        }
        QCOMPARE(vault->contents().entryCount(), std::size_t(4)); // imported twice
    }

    void anUnsavedImportKeepsTheExport()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        vault->writeFile(vault->fileBytes() + QByteArray("!")); // changed on disk: save refused
        QWidget parent;
        CsvImportController controller(&vault->session(), &parent);
        const QString csv = writeFile(vault->folder(), "chrome.csv", chromeCsv);
        bool offeredDelete = true;
        QString shown;
        QTimer::singleShot(0, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            shown = box->informativeText();
            offeredDelete = false;
            for (QAbstractButton* button : box->buttons())
                offeredDelete |= box->buttonRole(button) == QMessageBox::DestructiveRole;
            box->buttons().first()->click();
        });
        controller.importAndReport(csv);
        QVERIFY(!offeredDelete);
        QVERIFY2(shown.contains(QStringLiteral("Keep the export")), qPrintable(shown));
        QVERIFY(QFile::exists(csv));
    }

    void theFileLeavesNoCopyOutsideSecretMemory()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        SecretBuffer canary = randomCanary(vault->arena(), 32);
        // The CSV is written straight from the arena (the page cache holds it, not this process).
        const QString csv = vault->folder() + QStringLiteral("/canary.csv");
        const int fd =
            ::open(QFile::encodeName(csv).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        QVERIFY(fd >= 0);
        const char header[] = "name,url,username,password,note\nsite,https://site.example,me,";
        QVERIFY(::write(fd, header, sizeof header - 1) == ssize_t(sizeof header - 1));
        QVERIFY(::write(fd, canary.data(), canary.size()) == ssize_t(canary.size()));
        QVERIFY(::write(fd, ",\n", 2) == 2);
        QVERIFY(::close(fd) == 0);

        QWidget parent;
        CsvImportController controller(&vault->session(), &parent);
        const CsvImportController::Report report = controller.importFile(csv);
        QVERIFY2(report.imported, qPrintable(report.error));
        const ScanReport scan = scanForCopies({{"imported password", canary.span()}});
        QVERIFY2(scan.clean(), scan.summary().c_str());
    }
};

QTEST_MAIN(TestCsvImportController)
#include "TestCsvImportController.moc"
