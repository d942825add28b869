#include "secret/SecretLineEdit.h"

#include "secret/SecretLineEditAccessible.h"
#include "text/Utf8.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionFrame>
#include <cmath>

namespace arcanum {

namespace {

// The space QLineEdit keeps between its contents rectangle and the text.
constexpr int horizontalMargin = 2;
constexpr int verticalMargin = 1;

} // namespace

SecretLineEdit::SecretLineEdit(SecretArena* arena, QWidget* parent)
    : QWidget(parent), m_model(arena), m_layout(arena)
{
    SecretLineEditAccessible::installFactory();
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled, false);
    setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                        Qt::ImhNoAutoUppercase);
    setAcceptDrops(false);
    setSizePolicy(QSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed, QSizePolicy::LineEdit));
    setBackgroundRole(QPalette::Base);
    setCursor(Qt::IBeamCursor);
    setAttribute(Qt::WA_MacShowFocusRect);
}

SecretLineEdit::~SecretLineEdit()
{
    clear();
}

void SecretLineEdit::setArena(SecretArena* arena)
{
    m_model.setArena(arena);
    m_layout.setArena(arena);
    m_layoutValid = false;
    update();
}

Result<void> SecretLineEdit::setText(SecretSpan utf8)
{
    auto set = m_model.setText(utf8);
    textChanged();
    return set;
}

void SecretLineEdit::clear()
{
    m_model.clear();
    m_layout.release();
    textChanged();
}

void SecretLineEdit::setEchoMode(EchoMode mode)
{
    if (mode == m_echoMode)
        return;
    m_echoMode = mode;
    m_rules.wordMoves = mode == EchoMode::Normal;
    textChanged();
    QAccessible::State changed;
    changed.passwordEdit = true;
    QAccessibleStateChangeEvent accessible(this, changed);
    QAccessible::updateAccessibility(&accessible);
}

void SecretLineEdit::setRevealed(bool revealed)
{
    if (revealed == m_revealed)
        return;
    m_revealed = revealed;
    textChanged();
    emit revealedChanged(revealed);
}

void SecretLineEdit::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

void SecretLineEdit::setCopyAllowed(bool allowed)
{
    m_rules.copyAllowed = allowed;
}

std::size_t SecretLineEdit::cursorPosition() const
{
    return Utf8::codePointCount(text().sub(0, m_model.cursor()));
}

void SecretLineEdit::setCursorPosition(std::size_t codePoints)
{
    std::size_t offset = 0;
    for (std::size_t i = 0; i < codePoints && offset < m_model.size(); ++i)
        offset = m_model.nextCodePoint(offset);
    m_model.setCursor(offset);
    update();
}

void SecretLineEdit::selectAll()
{
    m_model.selectAll();
    update();
}

void SecretLineEdit::deselect()
{
    m_model.setCursor(m_model.cursor());
    update();
}

void SecretLineEdit::textChanged()
{
    m_layoutValid = false;
    m_caret.restart(this);
    update();
}

void SecretLineEdit::initStyleOption(QStyleOptionFrame* option) const
{
    option->initFrom(this);
    option->rect = contentsRect();
    option->lineWidth = style()->pixelMetric(QStyle::PM_DefaultFrameWidth, option, this);
    option->midLineWidth = 0;
    option->state |= QStyle::State_Sunken;
    option->features = QStyleOptionFrame::None;
}

QSize SecretLineEdit::sizeHint() const
{
    ensurePolished();
    const QFontMetrics metrics(font());
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    const int height = qMax(metrics.height(), qMax(14, iconSize - 2)) + 2 * verticalMargin;
    const int width = metrics.horizontalAdvance(u'x') * 17 + 2 * horizontalMargin;
    QStyleOptionFrame option;
    initStyleOption(&option);
    return style()->sizeFromContents(QStyle::CT_LineEdit, &option, QSize(width, height), this);
}

QSize SecretLineEdit::minimumSizeHint() const
{
    ensurePolished();
    const QFontMetrics metrics(font());
    const int height = metrics.height() + qMax(2 * verticalMargin, metrics.leading());
    const int width = metrics.maxWidth() + 2 * horizontalMargin;
    QStyleOptionFrame option;
    initStyleOption(&option);
    return style()->sizeFromContents(QStyle::CT_LineEdit, &option, QSize(width, height), this);
}

QRectF SecretLineEdit::lineRect() const
{
    QStyleOptionFrame option;
    initStyleOption(&option);
    const QRect contents = style()->subElementRect(QStyle::SE_LineEditContents, &option, this);
    const int lineHeight = QFontMetrics(font()).height();
    const int top = contents.y() + (contents.height() - lineHeight + 1) / 2;
    return QRectF(contents.x() + horizontalMargin, top, contents.width() - 2 * horizontalMargin,
                  lineHeight);
}

bool SecretLineEdit::ensureLayout()
{
    if (!m_font.isValid() || !m_font.matches(font(), this)) {
        m_font = SecretFont(font(), this);
        m_layoutValid = false;
    }
    if (m_layoutValid)
        return true;
    const auto glyphs =
        isMasked() ? SecretTextLayout::Glyphs::Bullets : SecretTextLayout::Glyphs::Text;
    m_layoutValid = m_font.isValid() && m_layout.layout(text(), m_font, glyphs).ok();
    return m_layoutValid;
}

void SecretLineEdit::updateScroll(qreal lineWidth)
{
    // QLineEdit's rule: keep the cursor visible and waste no space after the end of the text.
    const qreal cursorX = m_layout.x(m_layout.indexAtByte(m_model.cursor()));
    const qreal used = m_layout.width() + 1;
    if (used <= lineWidth)
        m_scroll = 0;
    else if (cursorX - m_scroll >= lineWidth)
        m_scroll = cursorX - lineWidth + 1;
    else if (cursorX - m_scroll < 0)
        m_scroll = cursorX;
    else if (used - m_scroll < lineWidth)
        m_scroll = used - lineWidth;
}

void SecretLineEdit::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    QStyleOptionFrame panel;
    initStyleOption(&panel);
    style()->drawPrimitive(QStyle::PE_PanelLineEdit, &panel, &painter, this);
    painter.setClipRect(style()->subElementRect(QStyle::SE_LineEditContents, &panel, this));

    const QRectF line = lineRect();
    const QPalette& colors = palette();
    if (m_model.isEmpty() && !m_placeholder.isEmpty()) {
        painter.setPen(colors.placeholderText().color());
        const QString elided =
            fontMetrics().elidedText(m_placeholder, Qt::ElideRight, int(line.width()));
        painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, elided);
    }
    if (!ensureLayout())
        return;
    updateScroll(line.width());
    const qreal baseline = line.top() + m_font.ascent();
    const qreal left = line.left() - m_scroll;

    painter.setPen(colors.text().color());
    SecretTextLayout::Highlight selection;
    selection.from = m_layout.indexAtByte(m_model.selectionStart());
    selection.to = m_layout.indexAtByte(m_model.selectionEnd());
    selection.background = colors.highlight();
    selection.color = colors.highlightedText().color();
    m_layout.draw(painter, m_font, QPointF(left, baseline), 0, m_layout.count(), selection);

    if (hasFocus() && m_caret.visible()) {
        const qreal x = std::floor(left + m_layout.x(m_layout.indexAtByte(m_model.cursor())));
        const int width = style()->pixelMetric(QStyle::PM_TextCursorWidth, nullptr, this);
        painter.fillRect(QRectF(x, line.top(), width, line.height()), colors.text());
    }
}

bool SecretLineEdit::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (SecretEditActions::wantsKey(*key, m_rules)) {
            key->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void SecretLineEdit::apply(SecretEditActions::Outcome outcome)
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
    m_caret.restart(this);
    update();
}

void SecretLineEdit::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit returnPressed();
        event->ignore(); // like QLineEdit: a dialog's default button still sees Enter
        return;
    }
    const auto outcome = SecretEditActions::keyPress(m_model, *event, m_rules);
    if (outcome == SecretEditActions::Outcome::Ignored) {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
    apply(outcome);
}

void SecretLineEdit::keyReleaseEvent(QKeyEvent* event)
{
    SecretEditActions::forgetKeyText(*event);
    QWidget::keyReleaseEvent(event);
}

std::size_t SecretLineEdit::offsetAt(const QPointF& position)
{
    if (!ensureLayout())
        return m_model.cursor();
    const QRectF line = lineRect();
    return m_layout.byteOffset(m_layout.indexAtX(position.x() - line.left() + m_scroll));
}

void SecretLineEdit::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        const bool extend = event->modifiers() & Qt::ShiftModifier;
        m_model.setCursor(offsetAt(event->position()), extend);
        m_selecting = true;
        apply(SecretEditActions::Outcome::Handled);
    } else if (event->button() == Qt::MiddleButton &&
               QApplication::clipboard()->supportsSelection()) {
        m_model.setCursor(offsetAt(event->position()));
        apply(SecretEditActions::paste(m_model, m_rules, QClipboard::Selection));
    } else {
        QWidget::mousePressEvent(event);
    }
}

void SecretLineEdit::mouseMoveEvent(QMouseEvent* event)
{
    if (m_selecting && (event->buttons() & Qt::LeftButton)) {
        m_model.setCursor(offsetAt(event->position()), true);
        apply(SecretEditActions::Outcome::Handled);
    }
}

void SecretLineEdit::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        m_selecting = false;
    // Unlike QLineEdit, a selection is never copied to the X11 primary selection.
}

void SecretLineEdit::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        // Words would tell where the spaces are: a password field selects everything.
        if (m_echoMode == EchoMode::Password)
            m_model.selectAll();
        else
            m_model.selectWordAt(offsetAt(event->position()));
        apply(SecretEditActions::Outcome::Handled);
    }
}

void SecretLineEdit::contextMenuEvent(QContextMenuEvent* event)
{
    apply(SecretEditActions::contextMenu(this, m_model, m_rules, event->globalPos()));
}

void SecretLineEdit::focusInEvent(QFocusEvent* event)
{
    const Qt::FocusReason reason = event->reason();
    if (reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason ||
        reason == Qt::ShortcutFocusReason)
        m_model.selectAll();
    m_caret.start(this);
    update();
    QWidget::focusInEvent(event);
}

void SecretLineEdit::focusOutEvent(QFocusEvent* event)
{
    const Qt::FocusReason reason = event->reason();
    if (reason != Qt::ActiveWindowFocusReason && reason != Qt::PopupFocusReason)
        m_model.setCursor(m_model.cursor());
    m_caret.stop();
    update();
    QWidget::focusOutEvent(event);
}

void SecretLineEdit::timerEvent(QTimerEvent* event)
{
    if (m_caret.timerEvent(event))
        update();
    else
        QWidget::timerEvent(event);
}

void SecretLineEdit::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        m_layoutValid = false;
        updateGeometry();
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace arcanum
