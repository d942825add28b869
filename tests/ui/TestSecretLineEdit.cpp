// Tests for SecretLineEdit: typing goes into the arena as UTF-8, the editing keys, paste, the
// copy policy, reveal, wiping, and what accessibility may see (DESIGN.md §6).
#include "SecretTestSupport.h"
#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ScreenReaderAccess.h"
#include "clipboard/SecretMimeData.h"
#include "secret/SecretLineEdit.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QVBoxLayout>
#include <QtTest>
#include <memory>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// One key press carrying `text`, as a platform plugin would deliver it.
void typeText(QWidget* widget, const QString& text)
{
    QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, text, Qt::NoModifier);
}

} // namespace

class TestSecretLineEdit : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void typingAppendsUtf8ToTheArena()
    {
        SecretLineEdit edit(m_arena.get());
        QSignalSpy edited(&edit, &SecretLineEdit::textEdited);
        QTest::keyClicks(&edit, QStringLiteral("hunter2"));
        QCOMPARE_TEXT(edit.text(), "hunter2");
        QVERIFY(m_arena->contains(edit.text().data()));
        QCOMPARE(edited.count(), 7);
        QCOMPARE(edit.length(), std::size_t(7));
        QCOMPARE(edit.cursorPosition(), std::size_t(7));
        QVERIFY(!edit.testAttribute(Qt::WA_InputMethodEnabled));
    }

    void nonAsciiRoundTripsAsUtf8_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QByteArray>("utf8");
        QTest::addColumn<int>("codePoints");
        QTest::newRow("u umlaut") << QStringLiteral("\u00FC") << QByteArray("\xC3\xBC") << 1;
        QTest::newRow("euro") << QStringLiteral("\u20AC") << QByteArray("\xE2\x82\xAC") << 1;
        QTest::newRow("astral") << QString::fromUtf8("\xF0\x9D\x94\xB8")
                                << QByteArray("\xF0\x9D\x94\xB8") << 1;
        QTest::newRow("mixed") << QString::fromUtf8("a\xC3\xBC\xE2\x82\xAC\xF0\x9F\x98\x80z")
                               << QByteArray("a\xC3\xBC\xE2\x82\xAC\xF0\x9F\x98\x80z") << 5;
    }

    void nonAsciiRoundTripsAsUtf8()
    {
        QFETCH(QString, typed);
        QFETCH(QByteArray, utf8);
        QFETCH(int, codePoints);
        SecretLineEdit edit(m_arena.get());
        // One key event per code point, as a keyboard delivers them.
        for (qsizetype i = 0; i < typed.size(); ++i) {
            const qsizetype width = typed[i].isHighSurrogate() ? 2 : 1;
            typeText(&edit, typed.mid(i, width));
            i += width - 1;
        }
        QCOMPARE_TEXT(edit.text(), utf8.constData());
        QCOMPARE(edit.length(), std::size_t(codePoints));

        // Backspace removes whole code points.
        for (int i = 0; i < codePoints; ++i)
            QTest::keyClick(&edit, Qt::Key_Backspace);
        QVERIFY(edit.isEmpty());
    }

    void keyTextIsZeroedInPlace()
    {
        SecretLineEdit edit(m_arena.get());
        // Heap strings, like the ones xcb makes for a press and for its release.
        const QString pressText = QString::fromUtf8("\xC3\xA9");
        const QString releaseText = QString::fromUtf8("\xC3\xA9");
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, pressText);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, releaseText);
        QApplication::sendEvent(&edit, &press);
        QApplication::sendEvent(&edit, &release);
        QCOMPARE_TEXT(edit.text(), "\xC3\xA9");
        // The strings share their buffers with the events: the character is gone from them.
        QCOMPARE(pressText.size(), 1);
        QCOMPARE(pressText.at(0).unicode(), char16_t(0));
        QCOMPARE(releaseText.at(0).unicode(), char16_t(0));
        // A string without a heap block (static data) is left alone rather than written to.
        const QString literal = QStringLiteral("k");
        QKeyEvent staticPress(QEvent::KeyPress, Qt::Key_K, Qt::NoModifier, literal);
        QApplication::sendEvent(&edit, &staticPress);
        QCOMPARE(literal, QStringLiteral("k"));
        QCOMPARE_TEXT(edit.text(), "\xC3\xA9k");
    }

    void cursorMovesByCodePointAndHomeEnd()
    {
        SecretLineEdit edit(m_arena.get());
        QTest::keyClicks(&edit, QStringLiteral("ab"));
        typeText(&edit, QStringLiteral("\u20AC"));
        QTest::keyClick(&edit, Qt::Key_Left); // before the euro sign (3 bytes)
        QTest::keyClicks(&edit, QStringLiteral("X"));
        QCOMPARE_TEXT(edit.text(), "abX\xE2\x82\xAC");
        QTest::keyClick(&edit, Qt::Key_Home);
        QTest::keyClicks(&edit, QStringLiteral("Y"));
        QTest::keyClick(&edit, Qt::Key_End);
        QTest::keyClicks(&edit, QStringLiteral("Z"));
        QCOMPARE_TEXT(edit.text(), "YabX\xE2\x82\xAC"
                                   "Z");
        QTest::keyClick(&edit, Qt::Key_Left);
        QTest::keyClick(&edit, Qt::Key_Left);
        QCOMPARE(edit.cursorPosition(), std::size_t(4));
        QTest::keyClick(&edit, Qt::Key_Right);
        QCOMPARE(edit.cursorPosition(), std::size_t(5));
    }

    void shiftSelectionThenBackspaceAndDelete()
    {
        SecretLineEdit edit(m_arena.get());
        QTest::keyClicks(&edit, QStringLiteral("abcdef"));
        QTest::keyClick(&edit, Qt::Key_Home);
        QTest::keyClick(&edit, Qt::Key_Right, Qt::ShiftModifier);
        QTest::keyClick(&edit, Qt::Key_Right, Qt::ShiftModifier);
        QVERIFY(edit.hasSelectedText());
        QTest::keyClick(&edit, Qt::Key_Backspace);
        QCOMPARE_TEXT(edit.text(), "cdef");
        QVERIFY(!edit.hasSelectedText());

        QTest::keyClick(&edit, Qt::Key_Delete);
        QCOMPARE_TEXT(edit.text(), "def");
        QTest::keyClick(&edit, Qt::Key_Right);
        QTest::keyClick(&edit, Qt::Key_End, Qt::ShiftModifier);
        QTest::keyClick(&edit, Qt::Key_Delete);
        QCOMPARE_TEXT(edit.text(), "d");
        QTest::keyClick(&edit, Qt::Key_Backspace);
        QVERIFY(edit.isEmpty());
        QTest::keyClick(&edit, Qt::Key_Backspace); // nothing left: no crash, nothing edited
        QVERIFY(edit.isEmpty());
    }

    void selectAllThenTypingReplaces()
    {
        SecretLineEdit edit(m_arena.get());
        QTest::keyClicks(&edit, QStringLiteral("old secret"));
        QTest::keyClick(&edit, Qt::Key_A, Qt::ControlModifier);
        QVERIFY(edit.hasSelectedText());
        QTest::keyClicks(&edit, QStringLiteral("new"));
        QCOMPARE_TEXT(edit.text(), "new");
    }

    void wordMovesOnlyInNormalMode()
    {
        SecretLineEdit edit(m_arena.get());
        QTest::keyClicks(&edit, QStringLiteral("one two"));
        QTest::keyClick(&edit, Qt::Key_Left, Qt::ControlModifier);
        QCOMPARE(edit.cursorPosition(), std::size_t(4));
        edit.setEchoMode(SecretLineEdit::EchoMode::Password);
        QTest::keyClick(&edit, Qt::Key_End);
        QTest::keyClick(&edit, Qt::Key_Left, Qt::ControlModifier);
        QCOMPARE(edit.cursorPosition(), std::size_t(0)); // no word boundaries leak
    }

    void pastesFromTheClipboard_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("modifiers");
        QTest::newRow("ctrl+v") << int(Qt::Key_V) << int(Qt::ControlModifier);
        QTest::newRow("shift+insert") << int(Qt::Key_Insert) << int(Qt::ShiftModifier);
    }

    void pastesFromTheClipboard()
    {
        QFETCH(int, key);
        QFETCH(int, modifiers);
        QApplication::clipboard()->setText(QStringLiteral("pasted \u00E9"));
        SecretLineEdit edit(m_arena.get());
        QSignalSpy edited(&edit, &SecretLineEdit::textEdited);
        QTest::keyClicks(&edit, QStringLiteral("[]"));
        QTest::keyClick(&edit, Qt::Key_Left);
        QTest::keyClick(&edit, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
        QCOMPARE_TEXT(edit.text(), "[pasted \xC3\xA9]");
        QCOMPARE(edited.count(), 3);
    }

    void pastesUtf8MimeBytesUpToTheFirstLineBreak()
    {
        auto* mime = new QMimeData;
        mime->setData(QStringLiteral("text/plain;charset=utf-8"),
                      QByteArray("s3cr\xE2\x82\xACt\nsecond line"));
        QApplication::clipboard()->setMimeData(mime);
        SecretLineEdit edit(m_arena.get());
        QTest::keyClick(&edit, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE_TEXT(edit.text(), "s3cr\xE2\x82\xACt");
        // The clipboard's own bytes are left alone (another paste still works).
        QCOMPARE(
            QApplication::clipboard()->mimeData()->data(QStringLiteral("text/plain;charset=utf-8")),
            QByteArray("s3cr\xE2\x82\xACt\nsecond line"));
    }

    void pastesArenaBackedClipboardDataInPlace()
    {
        // Our own clipboard content (SecretMimeData) is read straight from its arena bytes, and
        // those bytes are not wiped by the paste: the clipboard still needs them.
        SecretBuffer copied = test::secret(*m_arena, "from our clipboard");
        QApplication::clipboard()->setMimeData(new SecretMimeData(copied.span()));
        SecretLineEdit edit(m_arena.get());
        QTest::keyClick(&edit, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE_TEXT(edit.text(), "from our clipboard");
        QCOMPARE_TEXT(copied.span(), "from our clipboard");
        QApplication::clipboard()->clear(); // before `copied` is freed
    }

    void copyAndCutAreOffByDefault()
    {
        QApplication::clipboard()->setText(QStringLiteral("unchanged"));
        SecretLineEdit edit(m_arena.get());
        edit.setEchoMode(SecretLineEdit::EchoMode::Password);
        QSignalSpy copies(&edit, &SecretLineEdit::copyRequested);
        QTest::keyClicks(&edit, QStringLiteral("topsecret"));
        QTest::keyClick(&edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(&edit, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(&edit, Qt::Key_X, Qt::ControlModifier);
        QCOMPARE(copies.count(), 0);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("unchanged"));
        QCOMPARE_TEXT(edit.text(), "topsecret");
    }

    void copyAndCutWhenAllowedOnlyRequest()
    {
        QApplication::clipboard()->setText(QStringLiteral("unchanged"));
        SecretLineEdit edit(m_arena.get());
        edit.setCopyAllowed(true);
        int requests = 0;
        bool sawSelection = false;
        connect(&edit, &SecretLineEdit::copyRequested, this, [&](SecretSpan selection) {
            ++requests;
            sawSelection = equals(selection, "cret");
        });
        QTest::keyClicks(&edit, QStringLiteral("secret"));
        QTest::keyClick(&edit, Qt::Key_Left, Qt::ShiftModifier);
        QTest::keyClick(&edit, Qt::Key_Left, Qt::ShiftModifier);
        QTest::keyClick(&edit, Qt::Key_Left, Qt::ShiftModifier);
        QTest::keyClick(&edit, Qt::Key_Left, Qt::ShiftModifier);
        QTest::keyClick(&edit, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(requests, 1);
        QVERIFY(sawSelection);
        QTest::keyClick(&edit, Qt::Key_X, Qt::ControlModifier);
        QCOMPARE(requests, 2);
        QCOMPARE_TEXT(edit.text(), "se");
        // The widget itself never touches the clipboard.
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("unchanged"));
    }

    void enterEmitsReturnPressedAndEscapePropagates()
    {
        KeyRecorder parent;
        auto* edit = new SecretLineEdit(m_arena.get(), &parent);
        QSignalSpy returns(edit, &SecretLineEdit::returnPressed);
        QTest::keyClicks(edit, QStringLiteral("pw"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClick(edit, Qt::Key_Enter);
        QCOMPARE(returns.count(), 2);
        QTest::keyClick(edit, Qt::Key_Escape);
        QCOMPARE(parent.keys, (QList<int>{Qt::Key_Return, Qt::Key_Enter, Qt::Key_Escape}));
        QCOMPARE_TEXT(edit->text(), "pw");
    }

    void editingKeysWinOverApplicationShortcuts()
    {
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* edit = new SecretLineEdit(m_arena.get());
        layout->addWidget(edit);
        QAction selectEverything(&window);
        selectEverything.setShortcut(QKeySequence(Qt::CTRL | Qt::Key_A));
        QAction letterShortcut(&window);
        letterShortcut.setShortcut(QKeySequence(Qt::Key_Q));
        window.addAction(&selectEverything);
        window.addAction(&letterShortcut);
        QSignalSpy selectTriggered(&selectEverything, &QAction::triggered);
        QSignalSpy letterTriggered(&letterShortcut, &QAction::triggered);
        window.show();
        QApplication::setActiveWindow(&window);
        edit->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClicks(edit, QStringLiteral("qq"));
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(selectTriggered.count(), 0);
        QCOMPARE(letterTriggered.count(), 0);
        QCOMPARE_TEXT(edit->text(), "qq");
        QVERIFY(edit->hasSelectedText());
    }

    void altMnemonicsReachTheWindow()
    {
        // Keyboard users press Alt+letter for a label's or button's mnemonic while the focus is
        // in a field (Alt+C on the unlock screen: "Create new vault…"). Like QLineEdit, the
        // field must not claim Alt+letter as typed text.
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* edit = new SecretLineEdit(m_arena.get());
        auto* button = new QPushButton(QStringLiteral("&Create"));
        layout->addWidget(edit);
        layout->addWidget(button);
        QSignalSpy clicked(button, &QPushButton::clicked);
        window.show();
        QApplication::setActiveWindow(&window);
        edit->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(edit, Qt::Key_C, Qt::AltModifier);
        QTRY_COMPARE(clicked.count(), 1); // a mnemonic "animates" the click first
        QVERIFY(edit->isEmpty());
        QTest::keyClicks(edit, QStringLiteral("c")); // plain letters still type
        QCOMPARE_TEXT(edit->text(), "c");
    }

    void mouseClickAndDragSelect()
    {
        SecretLineEdit edit(m_arena.get());
        edit.resize(300, edit.sizeHint().height());
        SecretBuffer secret = test::secret(*m_arena, "abcdef");
        QVERIFY(edit.setText(secret.span()));
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        const int middle = edit.height() / 2;
        QTest::mouseClick(&edit, Qt::LeftButton, {}, QPoint(1, middle));
        QCOMPARE(edit.cursorPosition(), std::size_t(0));
        QTest::mouseClick(&edit, Qt::LeftButton, {}, QPoint(290, middle));
        QCOMPARE(edit.cursorPosition(), std::size_t(6));
        QTest::mouseClick(&edit, Qt::LeftButton, Qt::ShiftModifier, QPoint(1, middle));
        QVERIFY(edit.hasSelectedText());
        QTest::keyClick(&edit, Qt::Key_Delete);
        QVERIFY(edit.isEmpty());

        QVERIFY(edit.setText(secret.span()));
        QTest::mousePress(&edit, Qt::LeftButton, {}, QPoint(1, middle));
        QTest::mouseMove(&edit, QPoint(290, middle));
        QTest::mouseRelease(&edit, Qt::LeftButton, {}, QPoint(290, middle));
        QTest::keyClicks(&edit, QStringLiteral("z"));
        QCOMPARE_TEXT(edit.text(), "z");
    }

    void setTextDoesNotEmitTextEdited()
    {
        SecretLineEdit edit(m_arena.get());
        QSignalSpy edited(&edit, &SecretLineEdit::textEdited);
        SecretBuffer secret = test::secret(*m_arena, "from the vault");
        QVERIFY(edit.setText(secret.span()));
        QCOMPARE_TEXT(edit.text(), "from the vault");
        QVERIFY(edit.text().data() != secret.data()); // a copy of its own
        QCOMPARE(edited.count(), 0);
        QVERIFY(edit.setText(edit.text().sub(5))); // may point into itself
        QCOMPARE_TEXT(edit.text(), "the vault");
    }

    void revealChangesTheRendering()
    {
        SecretLineEdit edit(m_arena.get());
        edit.resize(240, edit.sizeHint().height());
        edit.setEchoMode(SecretLineEdit::EchoMode::Password);
        QVERIFY(edit.isMasked());
        SecretBuffer first = test::secret(*m_arena, "letmein");
        SecretBuffer second = test::secret(*m_arena, "WWWWWWW");
        QVERIFY(edit.setText(first.span()));
        const QImage maskedFirst = edit.grab().toImage();
        QVERIFY(edit.setText(second.span()));
        const QImage maskedSecond = edit.grab().toImage();
        QCOMPARE(maskedFirst, maskedSecond); // bullets only

        QSignalSpy revealed(&edit, &SecretLineEdit::revealedChanged);
        edit.setRevealed(true);
        QCOMPARE(revealed.count(), 1);
        QVERIFY(!edit.isMasked());
        const QImage shownSecond = edit.grab().toImage();
        QVERIFY(shownSecond != maskedSecond);
        QVERIFY(edit.setText(first.span()));
        QVERIFY(edit.grab().toImage() != shownSecond);

        edit.setRevealed(false);
        QCOMPARE(edit.grab().toImage(), maskedFirst);
    }

    void looksLikeALineEdit_data()
    {
        QTest::addColumn<QString>("style");
        QTest::newRow("fusion") << QStringLiteral("Fusion");
        QTest::newRow("default") << QString();
    }

    void looksLikeALineEdit()
    {
        QFETCH(QString, style);
        // setStyle() does not take ownership: the style must outlive the widgets that use it.
        const std::unique_ptr<QStyle> ownStyle(style.isEmpty() ? nullptr
                                                               : QStyleFactory::create(style));
        QWidget window;
        if (ownStyle)
            window.setStyle(ownStyle.get());
        auto* layout = new QVBoxLayout(&window);
        auto* ours = new SecretLineEdit(m_arena.get());
        auto* theirs = new QLineEdit;
        if (!style.isEmpty()) {
            ours->setStyle(window.style());
            theirs->setStyle(window.style());
        }
        layout->addWidget(ours);
        layout->addWidget(theirs);
        QCOMPARE(ours->sizeHint(), theirs->sizeHint());
        QCOMPARE(ours->minimumSizeHint().height(), theirs->minimumSizeHint().height());
        ours->setFixedSize(200, theirs->sizeHint().height());
        theirs->setFixedSize(200, theirs->sizeHint().height());

        // Same panel, and the same pixels for the same (test) text.
        QCOMPARE(ours->grab().toImage(), theirs->grab().toImage());
        SecretBuffer secret = test::secret(*m_arena, "Example title");
        QVERIFY(ours->setText(secret.span()));
        theirs->setText(QStringLiteral("Example title"));
        const ImageDifference difference = compareImages(
            ours->grab().toImage(), theirs->grab().toImage(), qRgb(255, 255, 255), 48);
        QVERIFY2(difference.differing == 0,
                 qPrintable(QStringLiteral("%1 pixels differ").arg(difference.differing)));
    }

    void placeholderIsShownWhenEmpty()
    {
        SecretLineEdit edit(m_arena.get());
        edit.resize(200, edit.sizeHint().height());
        const QImage blank = edit.grab().toImage();
        edit.setPlaceholderText(QStringLiteral("Master password"));
        QCOMPARE(edit.placeholderText(), QStringLiteral("Master password"));
        QVERIFY(edit.grab().toImage() != blank);
    }

    void clearWipesTheArenaBytes()
    {
        auto arena = makeArena();
        const std::size_t before = arena->usedBytes();
        {
            SecretLineEdit edit(arena.get());
            edit.resize(200, edit.sizeHint().height());
            QTest::keyClicks(&edit, QStringLiteral("wipe me please"));
            (void)edit.grab(); // lays the text out: scratch space in the arena too
            const std::uint8_t* where = edit.text().data();
            const std::size_t size = edit.text().size();
            QVERIFY(arena->usedBytes() > before);
            edit.clear();
            QVERIFY(edit.isEmpty());
            for (std::size_t i = 0; i < size; ++i)
                QCOMPARE(where[i], std::uint8_t(0));
            QCOMPARE(arena->usedBytes(), before);
            // Still usable.
            QTest::keyClicks(&edit, QStringLiteral("again"));
            QCOMPARE_TEXT(edit.text(), "again");
        }
        QCOMPARE(arena->usedBytes(), before); // the destructor returned everything
    }

    void releaseSecretsAfterTheArenaIsReleased()
    {
        auto arena = makeArena();
        SecretLineEdit edit(arena.get());
        QTest::keyClicks(&edit, QStringLiteral("locked"));
        (void)edit.grab();
        arena->release(); // lock
        edit.releaseSecrets();
        QVERIFY(edit.isEmpty());
        QTest::keyClicks(&edit, QStringLiteral("unlocked"));
        QCOMPARE_TEXT(edit.text(), "unlocked");
    }

    void editingLeavesNoCopyOutsideTheArena()
    {
        // Set, reveal, paint, select and delete: the text never leaves the arena, in UTF-8 or
        // UTF-16 (typed keys are single-character events and are tested above).
        SecretBuffer canary = randomCanary(*m_arena, 20);
        {
            SecretLineEdit edit(m_arena.get());
            edit.resize(200, edit.sizeHint().height());
            edit.setEchoMode(SecretLineEdit::EchoMode::Password);
            QVERIFY(edit.setText(canary.span()));
            (void)edit.grab();
            edit.setRevealed(true);
            (void)edit.grab();
            QTest::keyClick(&edit, Qt::Key_Home);
            QTest::keyClick(&edit, Qt::Key_Right, Qt::ShiftModifier);
            (void)edit.grab();
            QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(&edit);
            QVERIFY(accessible->text(QAccessible::Value).isEmpty());
            const ScanReport whileShown = scanForCopies({{"line edit text", canary.span()}});
            QVERIFY2(whileShown.clean(), whileShown.summary().c_str());
            QTest::keyClick(&edit, Qt::Key_Backspace);
            (void)edit.grab();
        }
        const ScanReport afterwards = scanForCopies({{"line edit text", canary.span()}});
        QVERIFY2(afterwards.clean(), afterwards.summary().c_str());
    }

    void accessibleInterfaceHidesTheContent()
    {
        SecretLineEdit edit(m_arena.get());
        edit.setEchoMode(SecretLineEdit::EchoMode::Password);
        edit.setAccessibleName(QStringLiteral("Master password"));
        QTest::keyClicks(&edit, QStringLiteral("hunter2"));
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(&edit);
        QVERIFY(accessible != nullptr);
        QCOMPARE(accessible->role(), QAccessible::EditableText);
        QVERIFY(accessible->textInterface() == nullptr);
        QVERIFY(accessible->editableTextInterface() == nullptr);
        QVERIFY(accessible->valueInterface() == nullptr);
        QVERIFY(accessible->state().passwordEdit);
        QVERIFY(accessible->state().editable);
        QVERIFY(accessible->text(QAccessible::Value).isEmpty());
        QCOMPARE(accessible->text(QAccessible::Name), QStringLiteral("Master password"));
        for (QAccessible::Text type :
             {QAccessible::Name, QAccessible::Description, QAccessible::Value, QAccessible::Help,
              QAccessible::Accelerator}) {
            const QString text = accessible->text(type);
            QVERIFY(!text.contains(QStringLiteral("hunter")));
            QVERIFY(!text.contains(QStringLiteral("7")));
        }

        edit.setEchoMode(SecretLineEdit::EchoMode::Normal);
        QVERIFY(!accessible->state().passwordEdit);
        QVERIFY(accessible->text(QAccessible::Value).isEmpty());
    }

    void screenReaderAccessGivesTheTextOrBullets()
    {
        SecretLineEdit edit(m_arena.get());
        QTest::keyClicks(&edit, QStringLiteral("mail"));
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(&edit);
        QVERIFY(accessible->textInterface() == nullptr); // access off: no text at all
        ScreenReaderAccess::setOn(true);
        QAccessibleTextInterface* text = accessible->textInterface();
        QVERIFY(text != nullptr);
        QCOMPARE(text->characterCount(), 4);
        QCOMPARE(text->text(0, 4), QStringLiteral("mail"));
        int start = 0;
        int end = 0;
        QCOMPARE(text->textAtOffset(1, QAccessible::WordBoundary, &start, &end),
                 QStringLiteral("mail"));
        QVERIFY(accessible->editableTextInterface() == nullptr); // read, never write
        edit.setEchoMode(SecretLineEdit::EchoMode::Password);
        QCOMPARE(text->text(0, 4), QStringLiteral(u"\u2022\u2022\u2022\u2022"));
        edit.setRevealed(true);
        QCOMPARE(text->text(0, 4), QStringLiteral("mail"));
        ScreenReaderAccess::setOn(false);
        QVERIFY(accessible->textInterface() == nullptr);
        AccessibleTextPool::instance().wipeAll();
    }

    void accessibleNameFallsBackToThePlaceholder()
    {
        SecretLineEdit edit(m_arena.get());
        edit.setPlaceholderText(QStringLiteral("Title"));
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(&edit);
        QCOMPARE(accessible->text(QAccessible::Name), QStringLiteral("Title"));
    }
};

QTEST_MAIN(TestSecretLineEdit)
#include "TestSecretLineEdit.moc"
