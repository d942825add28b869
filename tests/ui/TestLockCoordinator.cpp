// Tests for LockCoordinator (with the real MainWindow, offscreen): Ctrl+L locks from every
// Arcanum window, modal dialogs included; an on-demand lock with an unsaved entry edit asks
// Save / Discard / Cancel; automatic locks (idle, screen lock, sleep) never wait, discard the
// edit and, after the next unlock, DiscardedEditNotice names the entry (its title, from secret
// memory) and nothing else of it.
#include "TestSupport.h"
#include "dialogs/EntryEditorDialog.h"
#include "lock/LockController.h"
#include "lock/LockCoordinator.h"
#include "secret/SecretLabel.h"
#include "secret/SecretLineEdit.h"
#include "support/MainWindowFixture.h"
#include "support/Windows.h"
#include "window/CsvImportController.h"
#include "window/DiscardedEditNotice.h"
#include "window/EntryActions.h"
#include "window/GroupActions.h"

#include <QAction>
#include <QDialog>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <functional>

using namespace arcanum;
using namespace arcanum::test;
using namespace std::chrono_literals;

namespace {

using Fixture = MainWindowFixture;

// Runs `open` (which shows a modal window and returns once it is closed). As soon as the window
// is up, presses Ctrl+L in it as a user would: in its focus widget, with the window active.
// Returns the window's class, whether the vault was locked right after the key press and
// whether the lock closed the window. A window the lock left open (settings, a file chooser) is
// then closed by hand.
struct Pressed
{
    QString windowClass;
    bool lockedAtOnce = false;
    bool closedByTheLock = false;
};
Pressed pressCtrlLInTheNextDialog(VaultSession* session, const std::function<void()>& open)
{
    Pressed pressed;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        QWidget* window = QApplication::activeModalWidget();
        if (window == nullptr || !window->isVisible())
            return;
        poll.stop();
        pressed.windowClass = QString::fromLatin1(window->metaObject()->className());
        QApplication::setActiveWindow(window);
        QWidget* target = window->focusWidget() != nullptr ? window->focusWidget() : window;
        const QPointer<QWidget> guard(window);
        QTest::keyClick(target, Qt::Key_L, Qt::ControlModifier);
        pressed.lockedAtOnce = !session->isUnlocked();
        pressed.closedByTheLock = guard.isNull() || !guard->isVisible();
        if (auto* dialog = qobject_cast<QDialog*>(guard.data()); dialog && dialog->isVisible())
            QTimer::singleShot(0, dialog, &QDialog::reject);
    });
    poll.start();
    open();
    return pressed;
}

// Opens the entry editor on the current entry and calls `then` with it once it is up.
void whenEditorOpens(const std::function<void(EntryEditorDialog*)>& then)
{
    QTimer::singleShot(0, [then] {
        auto* editor = qobject_cast<EntryEditorDialog*>(QApplication::activeModalWidget());
        QVERIFY(editor);
        then(editor);
    });
}

// Types `text` over the editor's title field.
void retitle(EntryEditorDialog* editor, const char* text)
{
    editor->titleEdit()->selectAll();
    QTest::keyClicks(editor->titleEdit(), QString::fromUtf8(text));
    QVERIFY(editor->hasUnsavedChanges());
}

// The titles in the vault file, read back with the master password.
bool savedVaultHasTitle(const QString& path, const char* title)
{
    auto arena = makeArena();
    auto reopened = Vault::open(path.toStdString(), secret(*arena, masterPassword).span());
    if (!reopened)
        qFatal("reopen: %s", reopened.error().message.c_str());
    return !(*reopened)->contents().findByTitle(secret(*arena, title).span()).empty();
}

} // namespace

class TestLockCoordinator : public QObject
{
    Q_OBJECT

private slots:
    void ctrlLLocksFromEveryWindow_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("windowClass");
        QTest::addColumn<bool>("closesWithTheLock");
        QTest::newRow("entry editor") << "editor"
                                      << "arcanum::EntryEditorDialog" << true;
        QTest::newRow("generator") << "generator"
                                   << "arcanum::GeneratorDialog" << true;
        QTest::newRow("history") << "history"
                                 << "arcanum::EntryHistoryDialog" << true;
        QTest::newRow("settings") << "settings"
                                  << "arcanum::SettingsDialog" << false;
        QTest::newRow("change password") << "password"
                                         << "arcanum::ChangePasswordDialog" << true;
        QTest::newRow("new group") << "group"
                                   << "arcanum::GroupNameDialog" << true;
        QTest::newRow("delete question") << "delete"
                                         << "QMessageBox" << true;
        QTest::newRow("import: file chooser") << "import"
                                              << "QFileDialog" << false;
        QTest::newRow("import: report") << "report"
                                        << "QMessageBox" << false;
    }
    void ctrlLLocksFromEveryWindow()
    {
        QFETCH(QString, which);
        QFETCH(QString, windowClass);
        QFETCH(bool, closesWithTheLock);
        Fixture f;
        QVERIFY(showAndActivate(*f.window));
        QVERIFY(f.unlock());
        VaultSession* session = f.window->session();
        if (which == u"history") { // an entry with an earlier version
            whenEditorOpens([](EntryEditorDialog* editor) {
                retitle(editor, "Renamed");
                editor->okButton()->click();
            });
            f.window->actions()->editEntry->trigger();
            QVERIFY(f.window->actions()->showHistory->isEnabled());
        }
        QString csv = f.dir.filePath("export.csv");
        if (which == u"report") {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("name,url,username,password,note\nexample.com,https://example.com,a,b,\n");
        }
        const std::function<void()> open = [&] {
            if (which == u"editor")
                f.window->actions()->editEntry->trigger();
            else if (which == u"generator")
                f.window->actions()->generator->trigger();
            else if (which == u"history")
                f.window->actions()->showHistory->trigger();
            else if (which == u"settings")
                f.window->showSettings();
            else if (which == u"password")
                f.window->changeMasterPassword();
            else if (which == u"group")
                f.window->groupActions()->newGroup->trigger();
            else if (which == u"delete")
                f.window->actions()->deleteEntry->trigger();
            else if (which == u"import")
                f.window->csvImport()->importAction->trigger();
            else if (which == u"report")
                f.window->csvImport()->importAndReport(csv);
        };
        QVERIFY(showAndActivate(*f.window));
        const Pressed pressed = pressCtrlLInTheNextDialog(session, open);
        QCOMPARE(pressed.windowClass, windowClass);
        QVERIFY(pressed.lockedAtOnce);
        QCOMPARE(pressed.closedByTheLock, closesWithTheLock);
        QVERIFY(!session->isUnlocked());
        QCOMPARE(f.window->centralWidget()->findChild<UnlockPage*>(), f.window->unlockPage());
        QVERIFY(f.window->unlockPage()->isVisible());
        QCOMPARE(secretMappings(), 0);
        if (which == u"delete") // the question was answered by the lock: nothing deleted
            QVERIFY(savedVaultHasTitle(f.vaultPath, "Entry 11"));
    }

    void onDemandLockAsksAboutAnUnsavedEdit()
    {
        Fixture f;
        QVERIFY(showAndActivate(*f.window));
        QVERIFY(f.unlock());
        VaultSession* session = f.window->session();
        LockCoordinator* coordinator = f.window->lockCoordinator();
        const auto pressCtrlL = [](QWidget* in) {
            QApplication::setActiveWindow(in->window());
            QTest::keyClick(in, Qt::Key_L, Qt::ControlModifier);
        };

        // Cancel: nothing happens, the edit stays. Discard: locked, nothing saved.
        whenEditorOpens([&](EntryEditorDialog* editor) {
            retitle(editor, "Discarded title");
            pressCtrlL(editor->titleEdit());
            QMessageBox* question = coordinator->question();
            QVERIFY(question);
            QVERIFY(question->isVisible());
            QVERIFY(!question->text().contains("Discarded")); // no content in the question
            QVERIFY(session->isUnlocked());
            question->button(QMessageBox::Cancel)->click();
            QVERIFY(session->isUnlocked());
            QVERIFY(editor->isVisible() && editor->hasUnsavedChanges());
            pressCtrlL(editor->titleEdit());
            QVERIFY(coordinator->question());
            coordinator->question()->button(QMessageBox::Discard)->click();
            QVERIFY(!session->isUnlocked());
        });
        f.window->actions()->editEntry->trigger();
        QVERIFY(!session->isUnlocked());
        QVERIFY(!savedVaultHasTitle(f.vaultPath, "Discarded title"));
        QVERIFY(savedVaultHasTitle(f.vaultPath, "Entry 11"));

        // Save: saved, then locked.
        QVERIFY(showAndActivate(*f.window));
        QVERIFY(f.unlock());
        whenEditorOpens([&](EntryEditorDialog* editor) {
            retitle(editor, "Saved title");
            pressCtrlL(editor->titleEdit());
            QVERIFY(coordinator->question());
            coordinator->question()->button(QMessageBox::Save)->click();
            QVERIFY(!session->isUnlocked());
        });
        f.window->actions()->editEntry->trigger();
        QVERIFY(!session->isUnlocked());
        QVERIFY(savedVaultHasTitle(f.vaultPath, "Saved title"));

        // Save, but the save fails (the file changed on disk): the editor says so, nothing locks.
        QVERIFY(showAndActivate(*f.window));
        QVERIFY(f.unlock());
        whenEditorOpens([&](EntryEditorDialog* editor) {
            retitle(editor, "Unsaveable title");
            QFile file(f.vaultPath);
            QVERIFY(file.open(QIODevice::Append));
            file.write("x");
            file.close();
            pressCtrlL(editor->titleEdit());
            QVERIFY(coordinator->question());
            // The main window reports the failed save in a box of its own too: close it.
            QTimer::singleShot(0, [] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box && box->windowTitle() == u"Could not save");
                box->accept();
            });
            coordinator->question()->button(QMessageBox::Save)->click();
            QVERIFY(session->isUnlocked());
            QVERIFY(editor->isVisible());
            QVERIFY(editor->errorLabel()->isVisible());
            QVERIFY(editor->hasUnsavedChanges()); // in the vault's memory, not on disk
            editor->reject();
        });
        f.window->actions()->editEntry->trigger();
        QVERIFY(session->isUnlocked());
    }

    void automaticLocksDiscardAndTellAfterUnlock_data()
    {
        QTest::addColumn<QString>("trigger");
        QTest::addColumn<QString>("said");
        QTest::newRow("idle") << "idle"
                              << "after a period of inactivity";
        QTest::newRow("screen lock") << "screen"
                                     << "with the screen";
        QTest::newRow("sleep") << "sleep"
                               << "before the computer went to sleep";
    }
    void automaticLocksDiscardAndTellAfterUnlock()
    {
        QFETCH(QString, trigger);
        QFETCH(QString, said);
        Fixture f;
        QVERIFY(showAndActivate(*f.window));
        QVERIFY(f.unlock());
        VaultSession* session = f.window->session();
        LockCoordinator* coordinator = f.window->lockCoordinator();
        const auto lockAutomatically = [&] {
            if (trigger == u"screen") {
                f.lockSource.lockScreen();
            } else if (trigger == u"sleep") {
                f.lockSource.sleep(true);
            } else {
                LockTriggers idle;
                idle.idleTimeout = 50ms;
                f.window->lockController()->setTriggers(idle);
                QTRY_VERIFY_WITH_TIMEOUT(!session->isUnlocked(), 5000);
            }
        };
        whenEditorOpens([&](EntryEditorDialog* editor) {
            retitle(editor, "Lost title");
            // An on-demand question is open, nobody answers: the automatic lock does not wait.
            QApplication::setActiveWindow(editor);
            QTest::keyClick(editor->titleEdit(), Qt::Key_L, Qt::ControlModifier);
            QVERIFY(coordinator->question());
            lockAutomatically();
            QVERIFY(!session->isUnlocked());
            QVERIFY(!coordinator->question());
        });
        f.window->actions()->editEntry->trigger();
        QVERIFY(!session->isUnlocked());
        if (trigger == u"sleep")
            f.lockSource.sleep(false);
        f.window->lockController()->setTriggers({});
        QVERIFY(!savedVaultHasTitle(f.vaultPath, "Lost title"));

        DiscardedEditNotice* notice = f.window->discardedEditNotice();
        QVERIFY(!notice->isVisible());
        QVERIFY(notice->isPending());
        QVERIFY(f.unlock());
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().startsWith("Your unsaved changes to"), qPrintable(notice->text()));
        QVERIFY2(notice->text().contains(said), qPrintable(notice->text()));
        QVERIFY(notice->titleLabel()->isVisible());
        QVERIFY(equals(notice->titleLabel()->text(), "Entry 11")); // the saved title
        QVERIFY(!notice->titleLabel()->isMasked());

        // Once told, it is forgotten; Dismiss hides it, a lock wipes it.
        QVERIFY(!notice->isPending());
        notice->dismissButton()->click();
        QVERIFY(!notice->isVisible());
        QVERIFY(notice->titleLabel()->isEmpty());
        f.window->lockVault();
        QVERIFY(f.unlock());
        QVERIFY(!notice->isVisible());
    }

    void aNewEntryThatWasNeverSavedIsNamedAsSuch()
    {
        Fixture f;
        QVERIFY(showAndActivate(*f.window));
        QVERIFY(f.unlock());
        whenEditorOpens([&](EntryEditorDialog* editor) {
            QVERIFY(editor->isNewEntry());
            retitle(editor, "Never saved");
            f.lockSource.lockScreen();
        });
        f.window->actions()->newEntry->trigger();
        QVERIFY(!f.window->session()->isUnlocked());
        QVERIFY(f.unlock());
        DiscardedEditNotice* notice = f.window->discardedEditNotice();
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().startsWith("A new entry you were adding was not saved"),
                 qPrintable(notice->text()));
        QVERIFY(!notice->titleLabel()->isVisible());
        QVERIFY(!savedVaultHasTitle(f.vaultPath, "Never saved"));
    }

    void anUnchangedEditorLocksWithoutAQuestionOrANotice()
    {
        Fixture f;
        QVERIFY(showAndActivate(*f.window));
        QVERIFY(f.unlock());
        whenEditorOpens([&](EntryEditorDialog* editor) {
            QApplication::setActiveWindow(editor);
            QTest::keyClick(editor->titleEdit(), Qt::Key_L, Qt::ControlModifier);
            QVERIFY(!f.window->lockCoordinator()->question());
            QVERIFY(!f.window->session()->isUnlocked());
        });
        f.window->actions()->editEntry->trigger();
        QVERIFY(!f.window->discardedEditNotice()->isPending());
    }
};

QTEST_MAIN(TestLockCoordinator)
#include "TestLockCoordinator.moc"
