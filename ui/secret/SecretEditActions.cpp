#include "secret/SecretEditActions.h"

#include "secret/SecretEditModel.h"

#include <QApplication>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <cstring>
#include <sodium.h>

namespace arcanum {

namespace {

QString utf8MimeType()
{
    return QStringLiteral("text/plain;charset=utf-8");
}

QString menuText(const char* text)
{
    return QCoreApplication::translate("arcanum::SecretEditActions", text);
}

enum class Motion
{
    PreviousChar,
    NextChar,
    PreviousWord,
    NextWord,
    Start,
    End
};

struct MoveKey
{
    QKeySequence::StandardKey key;
    Motion motion;
    bool select;
};

constexpr MoveKey moveKeys[] = {
    {QKeySequence::MoveToPreviousChar, Motion::PreviousChar, false},
    {QKeySequence::MoveToNextChar, Motion::NextChar, false},
    {QKeySequence::SelectPreviousChar, Motion::PreviousChar, true},
    {QKeySequence::SelectNextChar, Motion::NextChar, true},
    {QKeySequence::MoveToPreviousWord, Motion::PreviousWord, false},
    {QKeySequence::MoveToNextWord, Motion::NextWord, false},
    {QKeySequence::SelectPreviousWord, Motion::PreviousWord, true},
    {QKeySequence::SelectNextWord, Motion::NextWord, true},
    {QKeySequence::MoveToStartOfLine, Motion::Start, false},
    {QKeySequence::MoveToEndOfLine, Motion::End, false},
    {QKeySequence::SelectStartOfLine, Motion::Start, true},
    {QKeySequence::SelectEndOfLine, Motion::End, true},
    {QKeySequence::MoveToStartOfDocument, Motion::Start, false},
    {QKeySequence::MoveToEndOfDocument, Motion::End, false},
    {QKeySequence::SelectStartOfDocument, Motion::Start, true},
    {QKeySequence::SelectEndOfDocument, Motion::End, true},
};

constexpr QKeySequence::StandardKey editKeys[] = {
    QKeySequence::SelectAll,
    QKeySequence::Paste,
    QKeySequence::Copy,
    QKeySequence::Cut,
    QKeySequence::Delete,
    QKeySequence::Backspace,
    QKeySequence::DeleteStartOfWord,
    QKeySequence::DeleteEndOfWord,
};

std::size_t target(const SecretEditModel& model, Motion motion, bool wordMoves)
{
    const std::size_t at = model.cursor();
    switch (motion) {
    case Motion::PreviousChar:
        return model.previousCodePoint(at);
    case Motion::NextChar:
        return model.nextCodePoint(at);
    case Motion::PreviousWord:
        return wordMoves ? model.previousWord(at) : 0;
    case Motion::NextWord:
        return wordMoves ? model.nextWord(at) : model.size();
    case Motion::Start:
        return 0;
    case Motion::End:
        return model.size();
    }
    return at;
}

bool isPlainBackspace(const QKeyEvent& event)
{
    return event.key() == Qt::Key_Backspace &&
           (event.modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier)) == Qt::NoModifier;
}

// Zeroes the characters of `text` where they are, in the buffer the key event and Qt's copies
// of it share (no detach: writing through the shared pointer is the point). Static or raw
// strings (no heap block) are left alone.
void wipeInPlace(const QString& text)
{
    QString::DataPointer& data = const_cast<QString&>(text).data_ptr();
    if (data.d_ptr() != nullptr && data.data() != nullptr && text.size() > 0)
        sodium_memzero(data.data(), std::size_t(text.size()) * sizeof(char16_t));
}

// Same for a QByteArray that only we hold (a clipboard's own bytes are left alone).
void wipeIfSoleOwner(QByteArray& bytes)
{
    if (bytes.isDetached() && !bytes.isEmpty())
        sodium_memzero(bytes.data(), std::size_t(bytes.size()));
}

Result<void> insertKeyText(SecretEditModel& model, QKeyEvent& event, bool multiLine)
{
    // Shares the event's buffer; read only through const access so that nothing detaches.
    const QString text = event.text();
    Result<void> result;
    for (qsizetype i = 0; i < text.size() && result.ok(); ++i) {
        char32_t codePoint = text[i].unicode();
        if (QChar::isHighSurrogate(codePoint) && i + 1 < text.size() &&
            text[i + 1].isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        const bool control = codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0);
        if (!control || (multiLine && codePoint == U'\t'))
            result = model.insertCodePoint(codePoint);
    }
    wipeInPlace(text);
    return result;
}

SecretEditActions::Outcome edited(bool changed)
{
    return changed ? SecretEditActions::Outcome::Edited : SecretEditActions::Outcome::Handled;
}

SecretEditActions::Outcome deleteTo(SecretEditModel& model, std::size_t offset)
{
    const std::size_t at = model.cursor();
    return edited(offset < at ? model.removeRange(offset, at) : model.removeRange(at, offset));
}

} // namespace

void SecretEditActions::forgetKeyText(QKeyEvent& event)
{
    wipeInPlace(event.text());
}

bool SecretEditActions::isTextInput(const QKeyEvent& event, const Rules& rules)
{
    const QString text = event.text();
    if (text.isEmpty())
        return false;
    char32_t first = text[0].unicode();
    if (text[0].isHighSurrogate() && text.size() > 1 && text[1].isLowSurrogate())
        first = QChar::surrogateToUcs4(text[0], text[1]);
    if (QChar::category(first) == QChar::Other_Format)
        return true;
    // Ctrl and Ctrl+Shift are shortcuts; AltGr (Ctrl+Alt) may type characters.
    const Qt::KeyboardModifiers modifiers = event.modifiers() & ~Qt::KeypadModifier;
    if (modifiers == Qt::ControlModifier || modifiers == (Qt::ShiftModifier | Qt::ControlModifier))
        return false;
    if (QChar::isPrint(first) || QChar::category(first) == QChar::Other_PrivateUse)
        return true;
    return rules.multiLine && first == U'\t';
}

bool SecretEditActions::wantsKey(const QKeyEvent& event, const Rules& rules)
{
    for (const MoveKey& move : moveKeys)
        if (event.matches(move.key))
            return true;
    if (rules.readOnly) // edits are not ours: an application shortcut (Delete, say) may have them
        return event.matches(QKeySequence::SelectAll) ||
               (rules.copyAllowed && event.matches(QKeySequence::Copy));
    for (QKeySequence::StandardKey key : editKeys)
        if (event.matches(key))
            return true;
    // Alt+letter (without Ctrl, which AltGr may add) is a mnemonic first, as in QLineEdit: the
    // field only types it when no label or button of the window wants it.
    const Qt::KeyboardModifiers modifiers = event.modifiers();
    const bool mnemonic =
        (modifiers & (Qt::AltModifier | Qt::MetaModifier)) && !(modifiers & Qt::ControlModifier);
    return isPlainBackspace(event) || (!mnemonic && isTextInput(event, rules));
}

SecretEditActions::Outcome SecretEditActions::keyPress(SecretEditModel& model, QKeyEvent& event,
                                                       const Rules& rules)
{
    for (const MoveKey& move : moveKeys) {
        if (event.matches(move.key)) {
            model.setCursor(target(model, move.motion, rules.wordMoves), move.select);
            return Outcome::Handled;
        }
    }
    if (event.matches(QKeySequence::SelectAll)) {
        model.selectAll();
        return Outcome::Handled;
    }
    if (event.matches(QKeySequence::Paste))
        return paste(model, rules);
    if (event.matches(QKeySequence::Copy))
        return rules.copyAllowed && model.hasSelection() ? Outcome::Copy : Outcome::Handled;
    if (rules.readOnly) {
        if (isTextInput(event, rules))
            forgetKeyText(event);
        return Outcome::Ignored;
    }
    if (event.matches(QKeySequence::Cut))
        return rules.copyAllowed && model.hasSelection() ? Outcome::Cut : Outcome::Handled;
    if (event.matches(QKeySequence::Delete))
        return deleteTo(model, model.nextCodePoint(model.cursor()));
    if (event.matches(QKeySequence::Backspace) || isPlainBackspace(event))
        return deleteTo(model, model.previousCodePoint(model.cursor()));
    if (event.matches(QKeySequence::DeleteStartOfWord))
        return deleteTo(model, rules.wordMoves ? model.previousWord(model.cursor()) : 0);
    if (event.matches(QKeySequence::DeleteEndOfWord))
        return deleteTo(model, rules.wordMoves ? model.nextWord(model.cursor()) : model.size());
    if (rules.multiLine && (event.key() == Qt::Key_Return || event.key() == Qt::Key_Enter)) {
        if (!model.insertCodePoint(U'\n'))
            QApplication::beep();
        return Outcome::Edited;
    }
    if (isTextInput(event, rules)) {
        const std::size_t before = model.size();
        const bool hadSelection = model.hasSelection();
        if (!insertKeyText(model, event, rules.multiLine))
            QApplication::beep(); // the arena is full: the key is dropped, never kept elsewhere
        return edited(model.size() != before || hadSelection);
    }
    return Outcome::Ignored;
}

SecretEditActions::Outcome SecretEditActions::paste(SecretEditModel& model, const Rules& rules,
                                                    QClipboard::Mode mode)
{
    if (rules.readOnly)
        return Outcome::Ignored;
    const QMimeData* mime = QApplication::clipboard()->mimeData(mode);
    if (mime == nullptr)
        return Outcome::Handled;
    QByteArray bytes =
        mime->data(mime->hasFormat(utf8MimeType()) ? utf8MimeType() : QStringLiteral("text/plain"));
    std::size_t length = std::size_t(bytes.size());
    if (!rules.multiLine) {
        const void* lineBreak = nullptr;
        for (const char separator : {'\n', '\r'}) {
            const void* found = std::memchr(bytes.constData(), separator, length);
            if (found != nullptr && (lineBreak == nullptr || found < lineBreak))
                lineBreak = found;
        }
        if (lineBreak != nullptr)
            length = std::size_t(static_cast<const char*>(lineBreak) - bytes.constData());
    }
    const bool hadSelection = model.hasSelection();
    const auto inserted =
        model.insert(SecretSpan(reinterpret_cast<const std::uint8_t*>(bytes.constData()), length));
    wipeIfSoleOwner(bytes);
    if (!inserted) {
        QApplication::beep();
        return Outcome::Handled;
    }
    return edited(length > 0 || hadSelection);
}

SecretEditActions::Outcome SecretEditActions::contextMenu(QWidget* parent, SecretEditModel& model,
                                                          const Rules& rules,
                                                          const QPoint& globalPosition)
{
    QMenu menu(parent);
    QAction* cut = nullptr;
    QAction* copy = nullptr;
    QAction* paste = nullptr;
    QAction* remove = nullptr;
    if (rules.copyAllowed && !rules.readOnly) {
        cut = menu.addAction(menuText("Cu&t"));
        cut->setEnabled(model.hasSelection());
    }
    if (rules.copyAllowed) {
        copy = menu.addAction(menuText("&Copy"));
        copy->setEnabled(model.hasSelection());
    }
    if (!rules.readOnly) {
        paste = menu.addAction(menuText("&Paste"));
        const QMimeData* mime = QApplication::clipboard()->mimeData();
        paste->setEnabled(mime != nullptr && (mime->hasFormat(utf8MimeType()) || mime->hasText()));
        remove = menu.addAction(menuText("Delete"));
        remove->setEnabled(model.hasSelection());
    }
    if (!menu.isEmpty())
        menu.addSeparator();
    QAction* selectAll = menu.addAction(menuText("Select All"));
    selectAll->setEnabled(!model.isEmpty());

    QAction* chosen = menu.exec(globalPosition);
    if (chosen == nullptr)
        return Outcome::Handled;
    if (chosen == cut)
        return Outcome::Cut;
    if (chosen == copy)
        return Outcome::Copy;
    if (chosen == paste)
        return SecretEditActions::paste(model, rules);
    if (chosen == remove)
        return edited(model.removeSelection());
    model.selectAll();
    return Outcome::Handled;
}

} // namespace arcanum
