#include "secret/SecretTextEdit.h"

#include "secret/SecretLineEditAccessible.h"
#include "text/Utf8.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <algorithm>
#include <cmath>

namespace arcanum {

namespace {

// QTextDocument's default document margin.
constexpr qreal documentMargin = 4;

struct LineKey
{
    QKeySequence::StandardKey key;
    int lines;  // +-1 for a line, +-2 for a page (scaled by the viewport height)
    bool toEnd; // for Home/End: start (false) or end (true) of the visual line
    bool select;
};

constexpr int page = 2;
constexpr int lineEdge = 0;

constexpr LineKey lineKeys[] = {
    {QKeySequence::MoveToPreviousLine, -1, false, false},
    {QKeySequence::MoveToNextLine, 1, false, false},
    {QKeySequence::SelectPreviousLine, -1, false, true},
    {QKeySequence::SelectNextLine, 1, false, true},
    {QKeySequence::MoveToPreviousPage, -page, false, false},
    {QKeySequence::MoveToNextPage, page, false, false},
    {QKeySequence::SelectPreviousPage, -page, false, true},
    {QKeySequence::SelectNextPage, page, false, true},
    {QKeySequence::MoveToStartOfLine, lineEdge, false, false},
    {QKeySequence::MoveToEndOfLine, lineEdge, true, false},
    {QKeySequence::SelectStartOfLine, lineEdge, false, true},
    {QKeySequence::SelectEndOfLine, lineEdge, true, true},
};

} // namespace

SecretTextEdit::SecretTextEdit(SecretArena* arena, QWidget* parent)
    : QAbstractScrollArea(parent), m_model(arena), m_layout(arena)
{
    SecretLineEditAccessible::installFactory();
    m_rules.multiLine = true;
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled, false);
    viewport()->setAttribute(Qt::WA_InputMethodEnabled, false);
    setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    setAcceptDrops(false);
    viewport()->setAcceptDrops(false);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

SecretTextEdit::~SecretTextEdit()
{
    clear();
}

void SecretTextEdit::setArena(SecretArena* arena)
{
    m_model.setArena(arena);
    m_layout.setArena(arena);
    textChanged();
}

Result<void> SecretTextEdit::setText(SecretSpan utf8)
{
    auto set = m_model.setText(utf8);
    textChanged();
    return set;
}

void SecretTextEdit::clear()
{
    m_model.clear();
    m_layout.release();
    m_lines.clear();
    textChanged();
}

void SecretTextEdit::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    viewport()->update();
}

std::size_t SecretTextEdit::cursorPosition() const
{
    return Utf8::codePointCount(text().sub(0, m_model.cursor()));
}

void SecretTextEdit::setCursorPosition(std::size_t codePoints)
{
    std::size_t offset = 0;
    for (std::size_t i = 0; i < codePoints && offset < m_model.size(); ++i)
        offset = m_model.nextCodePoint(offset);
    m_model.setCursor(offset);
    apply(SecretEditActions::Outcome::Handled);
}

void SecretTextEdit::selectAll()
{
    m_model.selectAll();
    apply(SecretEditActions::Outcome::Handled);
}

int SecretTextEdit::lineCount()
{
    ensureLayout();
    return std::max<int>(1, int(m_lines.size()));
}

int SecretTextEdit::cursorLine()
{
    if (!ensureLayout())
        return 0;
    return int(lineOf(m_layout.indexAtByte(m_model.cursor())));
}

void SecretTextEdit::textChanged()
{
    m_layoutValid = false;
    m_caret.restart(this);
    viewport()->update();
}

bool SecretTextEdit::ensureLayout()
{
    if (!m_font.isValid() || !m_font.matches(font(), viewport())) {
        m_font = SecretFont(font(), viewport());
        m_layoutValid = false;
    }
    const qreal width = viewport()->width() - 2 * documentMargin;
    if (m_layoutValid && width == m_wrapWidth)
        return true;
    if (!m_layoutValid) {
        if (!m_font.isValid() || !m_layout.layout(text(), m_font)) {
            m_lines.clear();
            return false;
        }
    }
    wrapLines(width);
    m_wrapWidth = width;
    m_layoutValid = true;
    updateScrollBar();
    return true;
}

void SecretTextEdit::wrapLines(qreal width)
{
    m_lines.clear();
    const SecretSpan bytes = text();
    const std::size_t count = m_layout.count();
    std::size_t start = 0;
    std::size_t breakAfterSpace = 0; // a wrap point after the last space, 0 when none
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t byte = bytes[m_layout.byteOffset(i)];
        if (byte == '\n') {
            m_lines.push_back({start, i});
            start = i + 1;
            breakAfterSpace = 0;
            continue;
        }
        const bool space = byte == ' ' || byte == '\t';
        // Spaces may hang past the edge; anything else wraps at the last space (or here).
        if (!space && i > start && m_layout.x(i + 1) - m_layout.x(start) > width) {
            const std::size_t at = breakAfterSpace > start ? breakAfterSpace : i;
            m_lines.push_back({start, at});
            start = at;
            breakAfterSpace = 0;
        }
        if (space)
            breakAfterSpace = i + 1;
    }
    m_lines.push_back({start, count});
}

std::size_t SecretTextEdit::lineOf(std::size_t index) const
{
    // The last line starting at or before `index`: at a soft wrap the cursor belongs to the
    // start of the next line.
    const auto after =
        std::upper_bound(m_lines.begin(), m_lines.end(), index,
                         [](std::size_t value, const Line& line) { return value < line.from; });
    return after == m_lines.begin() ? 0 : std::size_t(after - m_lines.begin()) - 1;
}

qreal SecretTextEdit::lineTop(std::size_t line) const
{
    return documentMargin + line * m_font.lineSpacing() - verticalScrollBar()->value();
}

void SecretTextEdit::updateScrollBar()
{
    const qreal height = m_lines.size() * m_font.lineSpacing() + 2 * documentMargin;
    QScrollBar* bar = verticalScrollBar();
    bar->setRange(0, std::max(0, int(std::ceil(height)) - viewport()->height()));
    bar->setPageStep(viewport()->height());
    bar->setSingleStep(std::max(1, int(m_font.lineSpacing())));
}

void SecretTextEdit::ensureCursorVisible()
{
    if (!ensureLayout())
        return;
    const std::size_t line = lineOf(m_layout.indexAtByte(m_model.cursor()));
    const qreal top = lineTop(line);
    QScrollBar* bar = verticalScrollBar();
    if (top < 0)
        bar->setValue(bar->value() + int(std::floor(top - documentMargin)));
    else if (top + m_font.lineSpacing() > viewport()->height())
        bar->setValue(bar->value() + int(std::ceil(top + m_font.lineSpacing() + documentMargin -
                                                   viewport()->height())));
}

void SecretTextEdit::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    const QPalette& colors = palette();
    if (m_model.isEmpty() && !m_placeholder.isEmpty()) {
        painter.setPen(colors.placeholderText().color());
        const QRectF area =
            QRectF(viewport()->rect())
                .adjusted(documentMargin, documentMargin, -documentMargin, -documentMargin);
        painter.drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
    }
    if (!ensureLayout())
        return;

    painter.setPen(colors.text().color());
    SecretTextLayout::Highlight selection;
    selection.from = m_layout.indexAtByte(m_model.selectionStart());
    selection.to = m_layout.indexAtByte(m_model.selectionEnd());
    selection.background = colors.highlight();
    selection.color = colors.highlightedText().color();
    const qreal height = viewport()->height();
    for (std::size_t line = 0; line < m_lines.size(); ++line) {
        const qreal top = lineTop(line);
        if (top + m_font.lineSpacing() < 0)
            continue;
        if (top > height)
            break;
        const QPointF origin(documentMargin, top + m_font.ascent());
        m_layout.draw(painter, m_font, origin, m_lines[line].from, m_lines[line].to, selection);
    }

    if (hasFocus() && m_caret.visible()) {
        const std::size_t index = m_layout.indexAtByte(m_model.cursor());
        const std::size_t line = lineOf(index);
        const qreal x = std::floor(documentMargin + m_layout.x(index) -
                                   m_layout.x(m_lines.empty() ? 0 : m_lines[line].from));
        const int width = style()->pixelMetric(QStyle::PM_TextCursorWidth, nullptr, this);
        painter.fillRect(QRectF(x, lineTop(line), width, m_font.lineHeight()), colors.text());
    }
}

bool SecretTextEdit::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool lineMove =
            std::any_of(std::begin(lineKeys), std::end(lineKeys),
                        [key](const LineKey& line) { return key->matches(line.key); });
        if (lineMove || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
            SecretEditActions::wantsKey(*key, m_rules)) {
            key->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

void SecretTextEdit::moveToLine(std::ptrdiff_t delta, bool select)
{
    if (!ensureLayout() || m_lines.empty())
        return;
    const std::size_t index = m_layout.indexAtByte(m_model.cursor());
    const std::size_t line = lineOf(index);
    if (m_goalX < 0)
        m_goalX = m_layout.x(index) - m_layout.x(m_lines[line].from);
    const std::ptrdiff_t last = std::ptrdiff_t(m_lines.size()) - 1;
    const std::ptrdiff_t wanted = std::ptrdiff_t(line) + delta;
    std::size_t target = 0;
    if (wanted < 0) {
        target = 0;
    } else if (wanted > last) {
        target = m_layout.count();
    } else {
        const Line& to = m_lines[std::size_t(wanted)];
        target = m_layout.indexAtX(m_layout.x(to.from) + m_goalX, to.from, to.to);
    }
    m_model.setCursor(m_layout.byteOffset(target), select);
}

bool SecretTextEdit::lineKey(QKeyEvent& event)
{
    const auto found =
        std::find_if(std::begin(lineKeys), std::end(lineKeys),
                     [&event](const LineKey& line) { return event.matches(line.key); });
    if (found == std::end(lineKeys) || !ensureLayout() || m_lines.empty())
        return false;
    if (found->lines == lineEdge) {
        m_goalX = -1;
        const std::size_t line = lineOf(m_layout.indexAtByte(m_model.cursor()));
        std::size_t target = found->toEnd ? m_lines[line].to : m_lines[line].from;
        // At a soft wrap the end of this line is the start of the next: stay on this one.
        if (found->toEnd && line + 1 < m_lines.size() && m_lines[line + 1].from == target &&
            target > m_lines[line].from)
            --target;
        m_model.setCursor(m_layout.byteOffset(target), found->select);
        return true;
    }
    std::ptrdiff_t delta = found->lines;
    if (delta == page || delta == -page) {
        const int visible = std::max(1, int(viewport()->height() / m_font.lineSpacing()));
        delta = delta > 0 ? visible : -visible;
    }
    moveToLine(delta, found->select);
    return true;
}

void SecretTextEdit::apply(SecretEditActions::Outcome outcome)
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
    ensureCursorVisible();
    viewport()->update();
}

void SecretTextEdit::keyPressEvent(QKeyEvent* event)
{
    if (lineKey(*event)) {
        event->accept();
        apply(SecretEditActions::Outcome::Handled);
        return;
    }
    const auto outcome = SecretEditActions::keyPress(m_model, *event, m_rules);
    if (outcome == SecretEditActions::Outcome::Ignored) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    m_goalX = -1;
    event->accept();
    apply(outcome);
}

void SecretTextEdit::keyReleaseEvent(QKeyEvent* event)
{
    SecretEditActions::forgetKeyText(*event);
    QAbstractScrollArea::keyReleaseEvent(event);
}

std::size_t SecretTextEdit::offsetAt(const QPointF& position)
{
    if (!ensureLayout() || m_lines.empty())
        return m_model.cursor();
    const qreal fromTop = position.y() + verticalScrollBar()->value() - documentMargin;
    const auto line = std::size_t(std::clamp<qreal>(std::floor(fromTop / m_font.lineSpacing()), 0,
                                                    qreal(m_lines.size() - 1)));
    const Line& at = m_lines[line];
    const qreal x = position.x() - documentMargin + m_layout.x(at.from);
    return m_layout.byteOffset(m_layout.indexAtX(x, at.from, at.to));
}

void SecretTextEdit::mousePressEvent(QMouseEvent* event)
{
    m_goalX = -1;
    if (event->button() == Qt::LeftButton) {
        m_model.setCursor(offsetAt(event->position()), event->modifiers() & Qt::ShiftModifier);
        m_selecting = true;
        apply(SecretEditActions::Outcome::Handled);
    } else if (event->button() == Qt::MiddleButton &&
               QApplication::clipboard()->supportsSelection()) {
        m_model.setCursor(offsetAt(event->position()));
        apply(SecretEditActions::paste(m_model, m_rules, QClipboard::Selection));
    } else {
        QAbstractScrollArea::mousePressEvent(event);
    }
}

void SecretTextEdit::mouseMoveEvent(QMouseEvent* event)
{
    if (m_selecting && (event->buttons() & Qt::LeftButton)) {
        m_model.setCursor(offsetAt(event->position()), true);
        apply(SecretEditActions::Outcome::Handled);
    }
}

void SecretTextEdit::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        m_selecting = false; // never copied to the X11 primary selection
}

void SecretTextEdit::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_model.selectWordAt(offsetAt(event->position()));
    apply(SecretEditActions::Outcome::Handled);
}

void SecretTextEdit::contextMenuEvent(QContextMenuEvent* event)
{
    apply(SecretEditActions::contextMenu(this, m_model, m_rules, event->globalPos()));
}

void SecretTextEdit::focusInEvent(QFocusEvent* event)
{
    m_caret.start(this);
    viewport()->update();
    QAbstractScrollArea::focusInEvent(event);
}

void SecretTextEdit::focusOutEvent(QFocusEvent* event)
{
    m_caret.stop();
    viewport()->update();
    QAbstractScrollArea::focusOutEvent(event);
}

void SecretTextEdit::timerEvent(QTimerEvent* event)
{
    if (m_caret.timerEvent(event))
        viewport()->update();
    else
        QAbstractScrollArea::timerEvent(event);
}

void SecretTextEdit::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        textChanged();
    QAbstractScrollArea::changeEvent(event);
}

void SecretTextEdit::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    ensureLayout(); // rewraps for the new width and updates the scroll bar
}

void SecretTextEdit::scrollContentsBy(int, int)
{
    viewport()->update();
}

} // namespace arcanum
