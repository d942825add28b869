// Tests for EntryActions' TOTP side on a real vault in MainWindow, offscreen, with an injected
// clock: the detail pane shows the entry's current code (RFC 6238 vector) and counts down, and
// runs no timer for an entry without TOTP; "Copy TOTP" sits in the Entry menu, is disabled for
// an entry without TOTP, and Ctrl+T puts the code (digits only) on the clipboard, which the
// ClipboardGuard clears after its timeout and on lock; an unusable setting says why.
#include "TestSupport.h"
#include "clipboard/ClipboardGuard.h"
#include "secret/SecretLabel.h"
#include "support/MainWindowFixture.h"
#include "support/Windows.h"
#include "window/EntryActions.h"
#include "window/EntryDetailView.h"
#include "window/TotpCodeView.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QStatusBar>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// RFC 6238 Appendix B (SHA-1 key "12345678901234567890"): 94287082 at 59 s.
constexpr const char* rfcUri =
    "otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8";

QByteArray clipboardText()
{
    const QMimeData* data = QGuiApplication::clipboard()->mimeData();
    return data ? data->data(QStringLiteral("text/plain;charset=utf-8")) : QByteArray();
}

// Adds an entry titled `title` with `totp` as its TOTP setting, saves, and returns its id.
EntryId addTotpEntry(MainWindowFixture& f, const char* title, const char* totp)
{
    Vault* vault = f.window->session()->vault();
    EntryDraft draft(vault->arena());
    if (!draft.set(EntryField::Title, secret(vault->arena(), title).span()) ||
        !draft.set(EntryField::Totp, secret(vault->arena(), totp).span()))
        qFatal("draft");
    auto id = vault->contents().addEntry(draft);
    if (!id || !f.window->session()->commitChanges())
        qFatal("add entry");
    return id.value();
}

QAction* menuAction(QMenuBar* bar, const QString& menu, const QString& text)
{
    for (QAction* top : bar->actions())
        if (top->text().remove('&') == menu && top->menu())
            for (QAction* action : top->menu()->actions())
                if (action->text().remove('&') == text)
                    return action;
    return nullptr;
}

} // namespace

class TestEntryActions : public QObject
{
    Q_OBJECT

private slots:
    void detailPaneShowsTheCodeAndCountsDown()
    {
        MainWindowFixture f;
        std::int64_t now = 59;
        f.window->setClock([&now] { return now * 1000; });
        QVERIFY(f.unlock());
        TotpCodeView* totp = f.page()->details()->totpView();
        const EntryId plain = *f.page()->currentEntry(); // the first row: no TOTP
        QVERIFY(!totp->isTicking());
        QVERIFY(!totp->isVisible());

        const EntryId id = addTotpEntry(f, "Two factor", rfcUri);
        f.page()->selectEntry(id);
        QCOMPARE(f.page()->currentEntry(), id);
        QVERIFY(equals(totp->codeLabel()->text(), "9428 7082"));
        QCOMPARE(totp->secondsRemaining(), 1);
        QVERIFY(totp->isTicking());
        now = 60; // the next period: RFC 6238 has no vector here, so only "changed" is checked
        totp->refresh();
        QVERIFY(!equals(totp->codeLabel()->text(), "9428 7082"));
        QCOMPARE(totp->secondsRemaining(), 30);
        now = 1111111111;
        totp->refresh();
        QVERIFY(equals(totp->codeLabel()->text(), "1405 0471"));
        QCOMPARE(totp->secondsRemaining(), 29);

        // Another entry without TOTP: no code, no timer.
        f.page()->selectEntry(plain);
        QVERIFY(totp->codeLabel()->isEmpty());
        QVERIFY(!totp->isTicking());
        f.page()->selectEntry(id);
        QVERIFY(totp->isTicking());
        f.window->lockVault();
        QVERIFY(!totp->isTicking());
        QVERIFY(totp->codeLabel()->isEmpty());
    }

    void revealLetsAScreenReaderReadTheCode()
    {
        MainWindowFixture f;
        f.window->setClock([] { return std::int64_t(59) * 1000; });
        QVERIFY(f.unlock());
        f.page()->selectEntry(addTotpEntry(f, "Two factor", rfcUri));
        SecretLabel* code = f.page()->details()->totpView()->codeLabel();
        QVERIFY(code->isAccessibleTextWithheld());
        f.window->actions()->revealFields->trigger(); // Ctrl+H, as for passwords
        QVERIFY(!code->isAccessibleTextWithheld());
        f.window->actions()->revealFields->trigger();
        QVERIFY(code->isAccessibleTextWithheld());
    }

    void ctrlTCopiesTheCodeAndItIsCleared()
    {
        MainWindowFixture f;
        f.settings->setClipboardClearSeconds(1);
        f.window->applySettings();
        f.window->setClock([] { return std::int64_t(59) * 1000 + 400; });
        QVERIFY(showAndActivate(*f.window));
        QVERIFY(f.unlock());
        QAction* copyTotp = f.window->actions()->copyTotp;
        QCOMPARE(menuAction(f.window->menuBar(), "Entry", "Copy TOTP"), copyTotp);
        QCOMPARE(copyTotp->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
        QVERIFY(!copyTotp->isEnabled()); // the first row has no TOTP
        QTest::keyClick(f.window.get(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(clipboardText().isEmpty());

        f.page()->selectEntry(addTotpEntry(f, "Two factor", rfcUri));
        QVERIFY(copyTotp->isEnabled());
        QVERIFY(showAndActivate(*f.window));
        QTest::keyClick(f.window.get(), Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(clipboardText(), QByteArray("94287082")); // no grouping space
        QVERIFY(f.window->clipboard()->isActive());
        QVERIFY(f.window->statusBar()->currentMessage().contains("TOTP code copied"));
        QTRY_VERIFY_WITH_TIMEOUT(clipboardText().isEmpty(), 3000);

        // The detail pane's Copy button goes the same way; a lock clears it at once.
        f.settings->setClipboardClearSeconds(30);
        f.window->applySettings();
        emit f.page()->details()->copyTotpRequested();
        QCOMPARE(clipboardText(), QByteArray("94287082"));
        f.window->lockVault();
        QVERIFY(clipboardText().isEmpty());
        QVERIFY(!copyTotp->isEnabled());
    }

    void unusableSettingSaysWhy()
    {
        MainWindowFixture f;
        f.window->setClock([] { return std::int64_t(59) * 1000; });
        QVERIFY(f.unlock());
        f.page()->selectEntry(
            addTotpEntry(f, "Broken", "otpauth://totp/x?secret=GEZDGNBV&digits=3"));
        TotpCodeView* totp = f.page()->details()->totpView();
        QVERIFY(!totp->isTicking());
        QVERIFY(totp->errorLabel()->text().contains("6 to 10 digits"));
        QVERIFY(f.window->actions()->copyTotp->isEnabled()); // it has a setting; copying says why
        f.window->actions()->copyTotp->trigger();
        QVERIFY(f.window->statusBar()->currentMessage().contains("cannot be used"));
        QVERIFY(clipboardText().isEmpty());
    }
};

QTEST_MAIN(TestEntryActions)
#include "TestEntryActions.moc"
