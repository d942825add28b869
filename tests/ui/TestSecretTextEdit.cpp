// Tests for SecretTextEdit: multi-line editing in the arena — line breaks, moving by visual line,
// wrapping, scrolling, paste, wiping and accessibility (DESIGN.md §6).
#include "SecretTestSupport.h"
#include "secret/SecretTextEdit.h"
#include "support/Windows.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QScrollBar>
#include <QShortcut>
#include <QSignalSpy>
#include <QStyleHints>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

QFont testFont()
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(14);
    return font;
}

} // namespace

class TestSecretTextEdit : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    // A shown editor `width` pixels wide whose viewport fits `lines` lines.
    std::unique_ptr<SecretTextEdit> makeEdit(int width = 300, int lines = 8)
    {
        auto edit = std::make_unique<SecretTextEdit>(m_arena.get());
        edit->setFont(testFont());
        const int frame = 2 * edit->frameWidth();
        edit->resize(width, lines * QFontMetrics(testFont()).lineSpacing() + 8 + frame);
        edit->show();
        if (!QTest::qWaitForWindowExposed(edit.get()))
            qFatal("editor not exposed");
        return edit;
    }

    void setText(SecretTextEdit& edit, const char* text)
    {
        SecretBuffer secret = test::secret(*m_arena, text);
        if (!edit.setText(secret.span()))
            qFatal("setText failed");
    }

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void enterInsertsALineBreak()
    {
        auto edit = makeEdit();
        QSignalSpy edited(edit.get(), &SecretTextEdit::textEdited);
        QTest::keyClicks(edit.get(), QStringLiteral("line one"));
        QTest::keyClick(edit.get(), Qt::Key_Return);
        QTest::keyClicks(edit.get(), QStringLiteral("line two"));
        QTest::keyClick(edit.get(), Qt::Key_Enter);
        QCOMPARE_TEXT(edit->text(), "line one\nline two\n");
        QVERIFY(m_arena->contains(edit->text().data()));
        QCOMPARE(edit->lineCount(), 3);
        QCOMPARE(edit->cursorLine(), 2);
        QCOMPARE(edited.count(), 18);
        QVERIFY(!edit->testAttribute(Qt::WA_InputMethodEnabled));
    }

    void upAndDownKeepTheColumn()
    {
        auto edit = makeEdit();
        setText(*edit, "abcdefgh\nab\nabcdefgh");
        QCOMPARE(edit->cursorLine(), 0); // setText shows the beginning
        QTest::keyClick(edit.get(), Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(edit->cursorLine(), 2);
        QTest::keyClick(edit.get(), Qt::Key_Left); // column 7 on the last line
        QTest::keyClick(edit.get(), Qt::Key_Up);   // the short line: its end
        QCOMPARE(edit->cursorLine(), 1);
        QCOMPARE(edit->cursorPosition(), std::size_t(11));
        QTest::keyClick(edit.get(), Qt::Key_Up); // back to column 7: the goal column is kept
        QCOMPARE(edit->cursorLine(), 0);
        QCOMPARE(edit->cursorPosition(), std::size_t(7));
        QTest::keyClick(edit.get(), Qt::Key_Up); // past the first line: its start
        QCOMPARE(edit->cursorPosition(), std::size_t(0));
        QTest::keyClick(edit.get(), Qt::Key_Down, Qt::ShiftModifier);
        QTest::keyClick(edit.get(), Qt::Key_Delete);
        QCOMPARE_TEXT(edit->text(), "\nabcdefgh");
    }

    void homeAndEndStayOnTheLine()
    {
        auto edit = makeEdit();
        setText(*edit, "first\nsecond\nthird");
        edit->setCursorPosition(9); // "sec|ond"
        QTest::keyClick(edit.get(), Qt::Key_Home);
        QCOMPARE(edit->cursorPosition(), std::size_t(6));
        QTest::keyClick(edit.get(), Qt::Key_End);
        QCOMPARE(edit->cursorPosition(), std::size_t(12));
        QTest::keyClick(edit.get(), Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(edit->cursorPosition(), std::size_t(0));
        QTest::keyClick(edit.get(), Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(edit->cursorPosition(), std::size_t(18));
    }

    void wrapsAtSpacesToTheWidth()
    {
        const QFontMetricsF metrics(testFont());
        // Room for "aaaa bbbb" but not for "aaaa bbbb cccc".
        const qreal twoWords = metrics.horizontalAdvance(QStringLiteral("aaaa bbbb "));
        auto edit = makeEdit(int(twoWords + metrics.horizontalAdvance(QStringLiteral("cc"))) + 8 +
                             2 * 2 + 4);
        setText(*edit, "aaaa bbbb cccc dddd");
        QCOMPARE(edit->lineCount(), 2);
        edit->setCursorPosition(10); // start of "cccc": the second line
        QCOMPARE(edit->cursorLine(), 1);
        edit->setCursorPosition(9);
        QCOMPARE(edit->cursorLine(), 0);
        QTest::keyClick(edit.get(), Qt::Key_End); // end of the first visual line, not the next
        QCOMPARE(edit->cursorLine(), 0);

        // A word longer than the line breaks anywhere, and nothing is lost.
        setText(*edit, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        QVERIFY(edit->lineCount() >= 2);
        QCOMPARE(edit->length(), std::size_t(40));

        // Wider: one line again.
        edit->resize(600, edit->height());
        setText(*edit, "aaaa bbbb cccc dddd");
        QCOMPARE(edit->lineCount(), 1);
    }

    void scrollsToKeepTheCursorVisible()
    {
        auto edit = makeEdit(300, 3);
        for (int i = 0; i < 30; ++i) {
            QTest::keyClicks(edit.get(), QStringLiteral("line"));
            QTest::keyClick(edit.get(), Qt::Key_Return);
        }
        QScrollBar* bar = edit->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
        QTest::keyClick(edit.get(), Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(bar->value(), 0);
        QTest::keyClick(edit.get(), Qt::Key_PageDown);
        QVERIFY(edit->cursorLine() >= 2);
        QVERIFY(bar->value() > 0);
    }

    void theCaretBlinkDoesNotUndoScrolling()
    {
        auto edit = makeEdit(300, 3);
        QApplication::setActiveWindow(edit.get());
        QVERIFY(QTest::qWaitForWindowActive(edit.get()));
        edit->setFocus();
        QVERIFY(edit->hasFocus());
        setText(*edit, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12");
        QScrollBar* bar = edit->verticalScrollBar();
        QCOMPARE(bar->value(), 0);
        bar->setValue(bar->maximum()); // the user scrolls with the mouse; the cursor stays at 0
        QVERIFY(bar->value() > 0);
        const int flashTime = QGuiApplication::styleHints()->cursorFlashTime();
        QTest::qWait(flashTime > 0 ? flashTime : 100); // at least one blink
        QCOMPARE(bar->value(), bar->maximum());
        QTest::keyClick(edit.get(), Qt::Key_Right); // moving the cursor brings it back
        QCOMPARE(bar->value(), 0);
    }

    void nonAsciiRoundTripsAsUtf8()
    {
        auto edit = makeEdit();
        for (const QString& character : {QStringLiteral("\u00FC"), QStringLiteral("\u20AC"),
                                         QString::fromUtf8("\xF0\x9D\x94\xB8")})
            QTest::sendKeyEvent(QTest::Click, edit.get(), Qt::Key_unknown, character,
                                Qt::NoModifier);
        QCOMPARE_TEXT(edit->text(), "\xC3\xBC\xE2\x82\xAC\xF0\x9D\x94\xB8");
        QCOMPARE(edit->length(), std::size_t(3));
        QTest::keyClick(edit.get(), Qt::Key_Backspace);
        QCOMPARE_TEXT(edit->text(), "\xC3\xBC\xE2\x82\xAC");
    }

    void pasteKeepsLineBreaks()
    {
        QApplication::clipboard()->setText(QStringLiteral("one\ntwo"));
        auto edit = makeEdit();
        QTest::keyClick(edit.get(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE_TEXT(edit->text(), "one\ntwo");
        QCOMPARE(edit->lineCount(), 2);
    }

    void escapeAndTabAreNotSwallowed()
    {
        KeyRecorder parent;
        auto* edit = new SecretTextEdit(m_arena.get(), &parent);
        QSignalSpy copies(edit, &SecretTextEdit::copyRequested);
        QTest::keyClicks(edit, QStringLiteral("note"));
        QTest::keyClick(edit, Qt::Key_Escape);
        QCOMPARE(parent.keys, QList<int>{Qt::Key_Escape});
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(copies.count(), 0); // copying is off by default
        QCOMPARE_TEXT(edit->text(), "note");
    }

    void readOnlyIgnoresEditsButMovesAndSelects()
    {
        KeyRecorder parent;
        auto* edit = new SecretTextEdit(m_arena.get(), &parent);
        edit->setCopyAllowed(true);
        setText(*edit, "first\nsecond");
        edit->setReadOnly(true);
        QVERIFY(edit->isReadOnly());
        QSignalSpy edited(edit, &SecretTextEdit::textEdited);
        QStringList copies; // test data only
        connect(edit, &SecretTextEdit::copyRequested, this,
                [&copies](SecretSpan selection) { copies.append(bytesOf(selection)); });
        QApplication::clipboard()->setText(QStringLiteral("pasted"));

        QTest::keyClicks(edit, QStringLiteral("xyz"));
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier); // moving still works
        QCOMPARE(edit->cursorPosition(), std::size_t(12));
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClick(edit, Qt::Key_Home, Qt::ShiftModifier); // and selecting
        QVERIFY(edit->hasSelectedText());
        QTest::keyClick(edit, Qt::Key_X, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_C, Qt::ControlModifier);
        // Copying stays allowed; cutting neither cuts nor copies.
        QCOMPARE(copies, QStringList{QStringLiteral("second")});
        QCOMPARE_TEXT(edit->text(), "first\nsecond");
        QCOMPARE(edited.count(), 0);
        // Edits went to the parent, as in a read-only QTextEdit (so Enter reaches a dialog).
        QVERIFY(parent.keys.contains(Qt::Key_Return));
        QVERIFY(parent.keys.contains(Qt::Key_Delete));
        QVERIFY(parent.keys.contains(Qt::Key_X));

        edit->setReadOnly(false);
        QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClicks(edit, QStringLiteral("!"));
        QCOMPARE_TEXT(edit->text(), "first\nsecond!");
        QCOMPARE(edited.count(), 1);
    }

    void readOnlyLooksAndReadsReadOnly()
    {
        SecretTextEdit edit(m_arena.get());
        QCOMPARE(edit.viewport()->backgroundRole(), QPalette::Base);
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(&edit);
        QVERIFY(accessible->state().editable);
        QVERIFY(!accessible->state().readOnly);
        edit.setReadOnly(true);
        QCOMPARE(edit.viewport()->backgroundRole(), QPalette::Window);
        QVERIFY(!accessible->state().editable);
        QVERIFY(accessible->state().readOnly);
        edit.setReadOnly(false);
        QCOMPARE(edit.viewport()->backgroundRole(), QPalette::Base);
        QVERIFY(accessible->state().editable);
    }

    void ctrlReturnIsLeftToShortcuts()
    {
        QWidget window;
        auto* edit = new SecretTextEdit(m_arena.get(), &window);
        int triggered = 0;
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), &window);
        connect(shortcut, &QShortcut::activated, &window, [&triggered] { ++triggered; });
        QVERIFY(showAndActivate(window));
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("a"));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(triggered, 1);
        QTest::keyClick(edit, Qt::Key_Return); // plain Enter is still a line break
        QCOMPARE(triggered, 1);
        QCOMPARE_TEXT(edit->text(), "a\n");
    }

    void drawsTheText()
    {
        auto edit = makeEdit();
        const QImage empty = edit->grab().toImage();
        setText(*edit, "drawn\nfrom the arena");
        const QImage drawn = edit->grab().toImage();
        QVERIFY(drawn != empty);
        setText(*edit, "drawn\nfrom the arenA");
        QVERIFY(edit->grab().toImage() != drawn);
    }

    void clearWipesTheArenaBytes()
    {
        auto arena = makeArena();
        const std::size_t before = arena->usedBytes();
        {
            SecretTextEdit edit(arena.get());
            edit.resize(200, 100);
            QTest::keyClicks(&edit, QStringLiteral("notes to wipe"));
            (void)edit.grab();
            const std::uint8_t* where = edit.text().data();
            const std::size_t size = edit.text().size();
            edit.clear();
            for (std::size_t i = 0; i < size; ++i)
                QCOMPARE(where[i], std::uint8_t(0));
            QCOMPARE(arena->usedBytes(), before);
            QCOMPARE(edit.lineCount(), 1);
        }
        QCOMPARE(arena->usedBytes(), before);
    }

    void accessibleInterfaceHidesTheContent()
    {
        SecretTextEdit edit(m_arena.get());
        edit.setAccessibleName(QStringLiteral("Notes"));
        QTest::keyClicks(&edit, QStringLiteral("private note"));
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(&edit);
        QVERIFY(accessible != nullptr);
        QCOMPARE(accessible->role(), QAccessible::EditableText);
        QVERIFY(accessible->textInterface() == nullptr);
        QVERIFY(accessible->editableTextInterface() == nullptr);
        QVERIFY(accessible->state().multiLine);
        QVERIFY(!accessible->state().passwordEdit);
        QVERIFY(accessible->text(QAccessible::Value).isEmpty());
        QCOMPARE(accessible->text(QAccessible::Name), QStringLiteral("Notes"));
    }
};

QTEST_MAIN(TestSecretTextEdit)
#include "TestSecretTextEdit.moc"
