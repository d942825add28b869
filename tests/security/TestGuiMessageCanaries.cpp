// No message anywhere contains plaintext: the real main window is driven through the flows a
// user goes through — unlock, browse, reveal, copy, open URLs (a web address with no browser
// to be found, another scheme, no opener at all), edit and lock on demand (Save), edit and an
// automatic lock (discarded, named after the next unlock), search, generator, lock — with a Qt
// message handler recording every qDebug/qWarning/qCritical of the process, and with the
// process's stderr (file descriptor 2, which children inherit unless we redirect them)
// captured in a file. No message and no byte of stderr may contain any canary, in any case
// (Qt lowercases URL hosts). Before UrlOpener, QDesktopServices printed "... openUrl() for
// '<the URL>'" here.
#include "TestSupport.h"
#include "crypto/Random.h"
#include "dialogs/EntryEditorDialog.h"
#include "dialogs/GeneratorDialog.h"
#include "lock/LockCoordinator.h"
#include "platform/UrlOpener.h"
#include "secret/SecretLabel.h"
#include "secret/SecretLineEdit.h"
#include "secret/SecretTextEdit.h"
#include "session/VaultSession.h"
#include "settings/Settings.h"
#include "support/FakeLockSignalSource.h"
#include "support/Windows.h"
#include "window/DiscardedEditNotice.h"
#include "window/EntryActions.h"
#include "window/MainWindow.h"
#include "window/UnlockPage.h"
#include "window/VaultPage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <fcntl.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

QStringList recorded; // every Qt message of the process, while the test runs

void recordMessage(QtMsgType, const QMessageLogContext&, const QString& message)
{
    recorded << message;
}

QByteArray randomCanary(char prefix)
{
    static constexpr char letters[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QByteArray canary(1, prefix);
    for (int i = 0; i < 20; ++i)
        canary += letters[Random::uniform(sizeof letters - 1)];
    return canary;
}

QByteArray clipboardText()
{
    const QMimeData* data = QGuiApplication::clipboard()->mimeData();
    return data ? data->data(QStringLiteral("text/plain;charset=utf-8")) : QByteArray();
}

} // namespace

class TestGuiMessageCanaries : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_vaultPath;
    QList<QByteArray> m_canaries;
    QByteArray m_master, m_title, m_user, m_password, m_host, m_notes, m_ftpHost, m_bareHost,
        m_edited, m_lost;
    EntryId m_web, m_ftp, m_bare;
    std::unique_ptr<Settings> m_settings;
    FakeLockSignalSource m_lockSource;
    std::unique_ptr<MainWindow> m_window;
    int m_savedStderr = -1;
    QString m_stderrPath;
    QtMessageHandler m_previousHandler = nullptr;

    QByteArray canary(char prefix)
    {
        m_canaries << randomCanary(prefix);
        return m_canaries.last();
    }

    EntryId addEntry(Vault& vault, const QByteArray& title, const QByteArray& url)
    {
        EntryDraft draft(vault.arena());
        const std::pair<EntryField, QByteArray> fields[] = {{EntryField::Title, title},
                                                            {EntryField::Username, m_user},
                                                            {EntryField::Password, m_password},
                                                            {EntryField::Url, url},
                                                            {EntryField::Notes, m_notes}};
        for (const auto& [field, value] : fields)
            if (!draft.set(field, secret(vault.arena(), value).span()))
                qFatal("draft");
        return vault.contents().addEntry(draft).value();
    }

    // A fake xdg-open that does what the real one does without a browser: prints the address
    // on stdout and stderr and exits 3.
    QString noBrowserOpener()
    {
        const QString path = m_dir.filePath("xdg-open");
        QFile script(path);
        if (!script.open(QIODevice::WriteOnly))
            return {};
        script.write("#!/bin/sh\necho \"xdg-open: no method available for opening '$1'\"\n"
                     "echo \"xdg-open: no method available for opening '$1'\" >&2\n"
                     "printf '%s' \"$1\" > \"$0.log\"\nexit 3\n");
        script.close();
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    // Answers the next message box that opens (the "copy the URL instead?" question).
    static void answerNextBox(QMessageBox::ButtonRole role, QString* text = nullptr)
    {
        QTimer::singleShot(0, [role, text] {
            QTRY_VERIFY(QApplication::activeModalWidget() != nullptr);
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            if (text)
                *text = box->text() + box->informativeText();
            for (QAbstractButton* button : box->buttons())
                if (box->buttonRole(button) == role)
                    return button->click();
            QFAIL("no such button");
        });
    }

    void openUrlOf(const EntryId& entry)
    {
        m_window->vaultPage()->selectEntry(entry);
        QCOMPARE(m_window->vaultPage()->currentEntry(), entry);
        m_window->actions()->openUrl->trigger();
    }

    void typeInto(QWidget* widget, const QByteArray& text)
    {
        for (char c : text)
            QTest::keyClick(widget, c);
    }

    bool unlock()
    {
        SecretLineEdit* field = m_window->unlockPage()->passwordField();
        field->setFocus();
        typeInto(field, m_master);
        QSignalSpy unlocked(m_window->session(), &VaultSession::unlocked);
        QTest::keyClick(field, Qt::Key_Return);
        return unlocked.wait(20000);
    }

private slots:
    void initTestCase()
    {
        m_master = canary('M');
        m_title = canary('T');
        m_user = canary('U');
        m_password = canary('P');
        m_host = canary('H');
        m_notes = canary('N');
        m_ftpHost = canary('F');
        m_bareHost = canary('B');
        m_edited = canary('E');
        m_lost = canary('L');
        m_vaultPath = m_dir.filePath("messages.arcanum");
        {
            auto arena = makeArena();
            auto vault = Vault::create(m_vaultPath.toStdString(), secret(*arena, m_master).span(),
                                       Argon2Params::withRandomSalt(256, 1, 1));
            QVERIFY(vault.ok());
            m_web = addEntry(**vault, m_title, "https://" + m_host + ".example/login?x=1");
            m_ftp = addEntry(**vault, m_title + "2", "ftp://" + m_ftpHost + ".example/");
            m_bare = addEntry(**vault, m_title + "3", m_bareHost + ".example/login");
            QVERIFY((*vault)->save().ok());
        }

        // From here on, every message and every byte written to stderr is recorded.
        m_stderrPath = m_dir.filePath("stderr");
        const int capture = ::open(QFile::encodeName(m_stderrPath).constData(),
                                   O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        QVERIFY(capture >= 0);
        m_savedStderr = ::dup(2);
        QVERIFY(::dup2(capture, 2) == 2);
        ::close(capture);
        m_previousHandler = qInstallMessageHandler(recordMessage);

        m_settings = std::make_unique<Settings>(m_dir.filePath("settings.ini"));
        m_window = std::make_unique<MainWindow>(
            m_settings.get(), &m_lockSource,
            HibernationProbe(m_dir.filePath("no-power-state"), [] { return std::nullopt; }));
        UrlOpener::Config opener = m_window->actions()->urlOpener()->config();
        opener.busAddress = "unix:path=" + m_dir.filePath("no-bus").toStdString(); // no portal
        opener.program = noBrowserOpener().toStdString();
        m_window->actions()->urlOpener()->setConfig(opener);
        m_window->openVault(m_vaultPath);
        QVERIFY(showAndActivate(*m_window));
    }

    void userFlows()
    {
        QVERIFY(unlock());
        VaultPage* page = m_window->vaultPage();
        EntryActions* actions = m_window->actions();

        // Browse, reveal, copy.
        page->selectEntry(m_web);
        actions->revealFields->trigger();
        (void)m_window->grab();
        actions->copyPassword->trigger();
        QCOMPARE(clipboardText(), m_password);
        actions->copyUsername->trigger();

        // A web address, no portal, and xdg-open finds no browser (exit 3): said without the
        // URL, and the copy offered instead.
        QString question;
        answerNextBox(QMessageBox::AcceptRole, &question);
        QSignalSpy opened(actions->urlOpener(), &UrlOpener::finished);
        openUrlOf(m_web);
        QVERIFY(opened.wait(20000));
        QTRY_VERIFY(actions->urlQuestion() == nullptr);
        QVERIFY2(question.contains("could not be opened"), qPrintable(question));
        QCOMPARE(clipboardText(), "https://" + m_host + ".example/login?x=1");
        QFile handed(m_dir.filePath("xdg-open.log"));
        QVERIFY(handed.open(QIODevice::ReadOnly));
        QCOMPARE(handed.readAll(), "https://" + m_host + ".example/login?x=1");

        // Another scheme: refused, said so, copy offered (declined).
        answerNextBox(QMessageBox::RejectRole, &question);
        openUrlOf(m_ftp);
        QTRY_VERIFY(actions->urlQuestion() == nullptr);
        QVERIFY2(question.contains("only web addresses"), qPrintable(question));

        // No opener at all.
        UrlOpener::Config none = actions->urlOpener()->config();
        none.program = m_dir.filePath("absent-xdg-open").toStdString();
        actions->urlOpener()->setConfig(none);
        answerNextBox(QMessageBox::RejectRole);
        openUrlOf(m_bare);
        QVERIFY(opened.wait(20000));
        QTRY_VERIFY(actions->urlQuestion() == nullptr);

        // Edit, then Ctrl+L in the editor: asked, Save, locked.
        page->selectEntry(m_web);
        QTimer::singleShot(0, [this] {
            auto* editor = qobject_cast<EntryEditorDialog*>(QApplication::activeModalWidget());
            QVERIFY(editor);
            editor->usernameEdit()->selectAll();
            typeInto(editor->usernameEdit(), m_edited);
            QApplication::setActiveWindow(editor);
            QTest::keyClick(editor->usernameEdit(), Qt::Key_L, Qt::ControlModifier);
            QMessageBox* ask = m_window->lockCoordinator()->question();
            QVERIFY(ask);
            ask->button(QMessageBox::Save)->click();
        });
        actions->editEntry->trigger();
        QVERIFY(!m_window->session()->isUnlocked());

        // Edit, then the screen locks: discarded, and named after the next unlock.
        QVERIFY(showAndActivate(*m_window));
        QVERIFY(unlock());
        page->selectEntry(m_web);
        QTimer::singleShot(0, [this] {
            auto* editor = qobject_cast<EntryEditorDialog*>(QApplication::activeModalWidget());
            QVERIFY(editor);
            editor->notesEdit()->setFocus();
            typeInto(editor->notesEdit(), m_lost);
            m_lockSource.lockScreen();
        });
        actions->editEntry->trigger();
        QVERIFY(!m_window->session()->isUnlocked());
        QVERIFY(showAndActivate(*m_window));
        QVERIFY(unlock());
        QVERIFY(m_window->discardedEditNotice()->isVisible());
        (void)m_window->grab();

        // Search (typed), the generator, then lock with Ctrl+L.
        page->focusSearch();
        typeInto(page->searchField(), m_title.mid(2, 10));
        QTimer::singleShot(0, [] {
            auto* generator = qobject_cast<GeneratorDialog*>(QApplication::activeModalWidget());
            QVERIFY(generator);
            generator->reject();
        });
        actions->generator->trigger();
        QVERIFY(showAndActivate(*m_window));
        QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(!m_window->session()->isUnlocked());
    }

    void noMessageAndNoStderrHoldsACanary()
    {
        m_window.reset();
        qInstallMessageHandler(m_previousHandler);
        ::fflush(stderr);
        QVERIFY(::dup2(m_savedStderr, 2) == 2);
        ::close(m_savedStderr);
        QFile captured(m_stderrPath);
        QVERIFY(captured.open(QIODevice::ReadOnly));
        const QByteArray stderrBytes = captured.readAll().toLower();
        int leaks = 0;
        for (const QByteArray& original : std::as_const(m_canaries)) {
            const QByteArray lower = original.toLower();
            for (const QString& message : std::as_const(recorded)) {
                const QString copy = message.toLower();
                if (copy.contains(QString::fromLatin1(lower))) {
                    ++leaks;
                    qWarning("a Qt message contains canary %c: %s", original[0],
                             qPrintable(QString(copy).replace(QString::fromLatin1(lower),
                                                              QStringLiteral("<canary>"))));
                }
            }
            if (stderrBytes.contains(lower)) {
                ++leaks;
                qWarning("stderr contains canary %c", original[0]);
            }
        }
        QCOMPARE(leaks, 0);
    }
};

QTEST_MAIN(TestGuiMessageCanaries)
#include "TestGuiMessageCanaries.moc"
