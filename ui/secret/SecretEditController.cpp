#include "secret/SecretEditController.h"

#include "text/Utf8.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPalette>
#include <QStyleHints>
#include <QTimerEvent>
#include <QWidget>

namespace arcanum {

SecretEditController::SecretEditController(SecretArena* arena, QWidget* view, bool multiLine)
    : m_view(view), m_model(arena), m_layout(arena)
{
    m_rules.multiLine = multiLine;
}

bool SecretEditController::caretVisible() const
{
    return m_caretVisible && m_view->hasFocus();
}

void SecretEditController::setArena(SecretArena* arena)
{
    m_model.setArena(arena);
    m_layout.setArena(arena);
    textChanged();
}

Result<void> SecretEditController::setText(SecretSpan utf8)
{
    auto set = m_model.setText(utf8);
    textChanged();
    return set;
}

void SecretEditController::clear()
{
    m_model.clear();
    m_layout.release();
    textChanged();
}

void SecretEditController::invalidate()
{
    m_layoutValid = false;
    emit changed();
}

void SecretEditController::textChanged()
{
    m_layoutValid = false;
    if (m_caretTimer.isActive() || m_caretVisible)
        startCaret(); // steady while typing
    emit changed();
}

bool SecretEditController::ensureLayout(const QFont& font, const QPaintDevice* device,
                                        SecretTextLayout::Glyphs glyphs)
{
    if (!m_font.isValid() || !m_font.matches(font, device)) {
        m_font = SecretFont(font, device);
        m_layoutValid = false;
    }
    if (m_layoutValid && glyphs == m_laidOutGlyphs)
        return true;
    m_laidOutGlyphs = glyphs;
    m_layoutValid = m_font.isValid() && m_layout.layout(m_model.text(), m_font, glyphs).ok();
    ++m_layoutGeneration;
    return m_layoutValid;
}

std::size_t SecretEditController::cursorPosition() const
{
    return Utf8::codePointCount(m_model.text().sub(0, m_model.cursor()));
}

void SecretEditController::setCursorPosition(std::size_t codePoints)
{
    std::size_t offset = 0;
    for (std::size_t i = 0; i < codePoints && offset < m_model.size(); ++i)
        offset = m_model.nextCodePoint(offset);
    m_model.setCursor(offset);
    apply(SecretEditActions::Outcome::Handled);
}

void SecretEditController::selectAll()
{
    m_model.selectAll();
    apply(SecretEditActions::Outcome::Handled);
}

SecretTextLayout::Highlight SecretEditController::selection(const QPalette& palette) const
{
    SecretTextLayout::Highlight highlight;
    highlight.from = m_layout.indexAtByte(m_model.selectionStart());
    highlight.to = m_layout.indexAtByte(m_model.selectionEnd());
    highlight.background = palette.highlight();
    highlight.color = palette.highlightedText().color();
    return highlight;
}

void SecretEditController::apply(SecretEditActions::Outcome outcome)
{
    using Outcome = SecretEditActions::Outcome;
    switch (outcome) {
    case Outcome::Ignored:
        return;
    case Outcome::Handled:
        break;
    case Outcome::Edited:
        textChanged();
        emit textEdited();
        break;
    case Outcome::Copy:
        emit copyRequested(m_model.selectedText());
        break;
    case Outcome::Cut:
        emit copyRequested(m_model.selectedText());
        m_model.removeSelection();
        textChanged();
        emit textEdited();
        break;
    }
    if (m_caretTimer.isActive() || m_caretVisible)
        startCaret();
    emit cursorMoved();
    emit changed();
}

bool SecretEditController::shortcutOverride(QKeyEvent& event)
{
    if (!SecretEditActions::wantsKey(event, m_rules))
        return false;
    event.accept();
    return true;
}

bool SecretEditController::keyPress(QKeyEvent& event)
{
    const auto outcome = SecretEditActions::keyPress(m_model, event, m_rules);
    if (outcome == SecretEditActions::Outcome::Ignored)
        return false;
    event.accept();
    apply(outcome);
    return true;
}

void SecretEditController::keyRelease(QKeyEvent& event)
{
    SecretEditActions::forgetKeyText(event);
}

bool SecretEditController::mousePress(const QMouseEvent& event, std::size_t offset)
{
    if (event.button() == Qt::LeftButton) {
        m_model.setCursor(offset, event.modifiers() & Qt::ShiftModifier);
        m_selecting = true;
        apply(SecretEditActions::Outcome::Handled);
        return true;
    }
    if (event.button() == Qt::MiddleButton && QApplication::clipboard()->supportsSelection()) {
        m_model.setCursor(offset);
        apply(SecretEditActions::paste(m_model, m_rules, QClipboard::Selection));
        return true;
    }
    return false;
}

void SecretEditController::mouseMove(const QMouseEvent& event, std::size_t offset)
{
    if (m_selecting && (event.buttons() & Qt::LeftButton)) {
        m_model.setCursor(offset, true);
        apply(SecretEditActions::Outcome::Handled);
    }
}

void SecretEditController::mouseRelease(const QMouseEvent& event)
{
    // Unlike QLineEdit, a selection is never copied to the X11 primary selection.
    if (event.button() == Qt::LeftButton)
        m_selecting = false;
}

void SecretEditController::contextMenu(const QContextMenuEvent& event)
{
    apply(SecretEditActions::contextMenu(m_view, m_model, m_rules, event.globalPos()));
}

void SecretEditController::focusIn(Qt::FocusReason reason, bool selectAllOnTab)
{
    if (selectAllOnTab && (reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason ||
                           reason == Qt::ShortcutFocusReason))
        m_model.selectAll();
    startCaret();
    emit changed();
}

void SecretEditController::focusOut(Qt::FocusReason reason)
{
    if (reason != Qt::ActiveWindowFocusReason && reason != Qt::PopupFocusReason)
        m_model.setCursor(m_model.cursor()); // drop the selection
    m_caretTimer.stop();
    m_caretVisible = false;
    emit changed();
}

void SecretEditController::startCaret()
{
    m_caretVisible = true;
    const int flashTime = QGuiApplication::styleHints()->cursorFlashTime();
    if (flashTime >= 2)
        m_caretTimer.start(flashTime / 2, this);
    else
        m_caretTimer.stop(); // a flash time of 0 asks for a steady cursor
}

void SecretEditController::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_caretTimer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_caretVisible = !m_caretVisible;
    emit changed();
}

} // namespace arcanum
