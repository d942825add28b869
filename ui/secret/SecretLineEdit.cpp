#include "secret/SecretLineEdit.h"

#include "secret/SecretLineEditAccessible.h"

#include <QAccessible>
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
    : QWidget(parent), m_editor(arena, this, false)
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
    connect(&m_editor, &SecretEditController::textEdited, this, &SecretLineEdit::textEdited);
    connect(&m_editor, &SecretEditController::copyRequested, this, &SecretLineEdit::copyRequested);
    connect(&m_editor, &SecretEditController::changed, this, qOverload<>(&QWidget::update));
    // Screen-reader access (off: these do nothing): typed text and caret moves as AT-SPI events.
    connect(&m_editor, &SecretEditController::textEdited, this,
            [this] { SecretLineEditAccessible::textEdited(this); });
    connect(&m_editor, &SecretEditController::cursorMoved, this,
            [this] { SecretLineEditAccessible::cursorMoved(this); });
}

void SecretLineEdit::setArena(SecretArena* arena)
{
    m_editor.setArena(arena);
}

Result<void> SecretLineEdit::setText(SecretSpan utf8)
{
    auto set = m_editor.setText(utf8);
    SecretLineEditAccessible::textReplaced(this);
    return set;
}

void SecretLineEdit::clear()
{
    m_editor.clear();
    SecretLineEditAccessible::textReplaced(this);
}

void SecretLineEdit::setEchoMode(EchoMode mode)
{
    if (mode == m_echoMode)
        return;
    m_echoMode = mode;
    m_editor.rules().wordMoves = mode == EchoMode::Normal;
    m_editor.invalidate();
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
    m_editor.invalidate();
    emit revealedChanged(revealed);
}

void SecretLineEdit::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

void SecretLineEdit::setCopyAllowed(bool allowed)
{
    m_editor.rules().copyAllowed = allowed;
}

void SecretLineEdit::selectAll()
{
    m_editor.selectAll();
}

void SecretLineEdit::deselect()
{
    m_editor.model().setCursor(m_editor.model().cursor());
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
    return m_editor.ensureLayout(font(), this,
                                 isMasked() ? SecretTextLayout::Glyphs::Bullets
                                            : SecretTextLayout::Glyphs::Text);
}

void SecretLineEdit::updateScroll(qreal lineWidth)
{
    // QLineEdit's rule: keep the cursor visible and waste no space after the end of the text.
    const SecretTextLayout& layout = m_editor.layout();
    const qreal cursorX = layout.x(layout.indexAtByte(m_editor.model().cursor()));
    const qreal used = layout.width() + 1;
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
    if (isEmpty() && !m_placeholder.isEmpty()) {
        painter.setPen(colors.placeholderText().color());
        const QString elided =
            fontMetrics().elidedText(m_placeholder, Qt::ElideRight, int(line.width()));
        painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, elided);
    }
    if (!ensureLayout())
        return;
    updateScroll(line.width());
    const SecretTextLayout& layout = m_editor.layout();
    const qreal baseline = line.top() + m_editor.font().ascent();
    const qreal left = line.left() - m_scroll;
    painter.setPen(colors.text().color());
    layout.draw(painter, m_editor.font(), QPointF(left, baseline), 0, layout.count(),
                m_editor.selection(colors));

    if (m_editor.caretVisible()) {
        const qreal x = std::floor(left + layout.x(layout.indexAtByte(m_editor.model().cursor())));
        const int width = style()->pixelMetric(QStyle::PM_TextCursorWidth, nullptr, this);
        painter.fillRect(QRectF(x, line.top(), width, line.height()), colors.text());
    }
}

bool SecretLineEdit::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride &&
        m_editor.shortcutOverride(*static_cast<QKeyEvent*>(event)))
        return true;
    return QWidget::event(event);
}

void SecretLineEdit::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit returnPressed();
        event->ignore(); // like QLineEdit: a dialog's default button still sees Enter
        return;
    }
    if (!m_editor.keyPress(*event))
        QWidget::keyPressEvent(event);
}

void SecretLineEdit::keyReleaseEvent(QKeyEvent* event)
{
    m_editor.keyRelease(*event);
    QWidget::keyReleaseEvent(event);
}

std::size_t SecretLineEdit::offsetAt(const QPointF& position)
{
    if (!ensureLayout())
        return m_editor.model().cursor();
    const SecretTextLayout& layout = m_editor.layout();
    return layout.byteOffset(layout.indexAtX(position.x() - lineRect().left() + m_scroll));
}

void SecretLineEdit::mousePressEvent(QMouseEvent* event)
{
    if (!m_editor.mousePress(*event, offsetAt(event->position())))
        QWidget::mousePressEvent(event);
}

void SecretLineEdit::mouseMoveEvent(QMouseEvent* event)
{
    m_editor.mouseMove(*event, offsetAt(event->position()));
}

void SecretLineEdit::mouseReleaseEvent(QMouseEvent* event)
{
    m_editor.mouseRelease(*event);
}

void SecretLineEdit::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    // Words would tell where the spaces are: a password field selects everything.
    if (m_echoMode == EchoMode::Password)
        m_editor.model().selectAll();
    else
        m_editor.model().selectWordAt(offsetAt(event->position()));
    m_editor.apply(SecretEditActions::Outcome::Handled);
}

void SecretLineEdit::contextMenuEvent(QContextMenuEvent* event)
{
    m_editor.contextMenu(*event);
}

void SecretLineEdit::focusInEvent(QFocusEvent* event)
{
    m_editor.focusIn(event->reason(), true);
    QWidget::focusInEvent(event);
}

void SecretLineEdit::focusOutEvent(QFocusEvent* event)
{
    m_editor.focusOut(event->reason());
    QWidget::focusOutEvent(event);
}

void SecretLineEdit::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        m_editor.invalidate();
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

} // namespace arcanum
