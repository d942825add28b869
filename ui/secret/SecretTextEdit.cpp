#include "secret/SecretTextEdit.h"

#include "secret/SecretLineEditAccessible.h"

#include <QAccessible>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <algorithm>
#include <cmath>
#include <utility>

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
    : QAbstractScrollArea(parent), m_editor(arena, this, true)
{
    SecretLineEditAccessible::installFactory();
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
    connect(&m_editor, &SecretEditController::textEdited, this, &SecretTextEdit::textEdited);
    connect(&m_editor, &SecretEditController::copyRequested, this, &SecretTextEdit::copyRequested);
    connect(&m_editor, &SecretEditController::changed, viewport(), qOverload<>(&QWidget::update));
    connect(&m_editor, &SecretEditController::cursorMoved, this,
            &SecretTextEdit::ensureCursorVisible);
    // Screen-reader access (off: these do nothing): typed text and caret moves as AT-SPI events.
    connect(&m_editor, &SecretEditController::textEdited, this,
            [this] { SecretLineEditAccessible::textEdited(this); });
    connect(&m_editor, &SecretEditController::cursorMoved, this,
            [this] { SecretLineEditAccessible::cursorMoved(this); });
}

void SecretTextEdit::setArena(SecretArena* arena)
{
    m_editor.setArena(arena);
}

Result<void> SecretTextEdit::setText(SecretSpan utf8)
{
    auto set = m_editor.setText(utf8);
    // Like QPlainTextEdit::setPlainText: show the beginning.
    m_editor.model().setCursor(0);
    ensureLayout(); // the scroll range is right at once
    verticalScrollBar()->setValue(0);
    SecretLineEditAccessible::textReplaced(this);
    return set;
}

void SecretTextEdit::clear()
{
    m_editor.clear();
    m_lines.clear();
    ensureLayout();
    SecretLineEditAccessible::textReplaced(this);
}

void SecretTextEdit::setReadOnly(bool readOnly)
{
    if (readOnly == isReadOnly())
        return;
    m_editor.rules().readOnly = readOnly;
    // Read-only text sits on the window colour rather than the base, so it does not invite typing.
    viewport()->setBackgroundRole(readOnly ? QPalette::Window : QPalette::Base);
    viewport()->update();
    QEvent change(QEvent::ReadOnlyChange);
    QCoreApplication::sendEvent(this, &change);
    QAccessible::State changed;
    changed.readOnly = true;
    changed.editable = true;
    QAccessibleStateChangeEvent accessible(this, changed);
    QAccessible::updateAccessibility(&accessible);
}

void SecretTextEdit::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    viewport()->update();
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
    return int(lineOf(m_editor.layout().indexAtByte(m_editor.model().cursor())));
}

bool SecretTextEdit::ensureLayout()
{
    if (!m_editor.ensureLayout(font(), viewport())) {
        m_lines.clear();
        return false;
    }
    const qreal width = viewport()->width() - 2 * documentMargin;
    if (m_linesGeneration == m_editor.layoutGeneration() && width == m_wrapWidth)
        return true;
    wrapLines(width);
    m_wrapWidth = width;
    m_linesGeneration = m_editor.layoutGeneration();
    updateScrollBar();
    return true;
}

void SecretTextEdit::wrapLines(qreal width)
{
    const SecretTextLayout& layout = m_editor.layout();
    const SecretSpan bytes = text();
    m_lines.clear();
    std::size_t start = 0;
    std::size_t breakAfterSpace = 0; // a wrap point after the last space, 0 when none
    for (std::size_t i = 0; i < layout.count(); ++i) {
        const std::uint8_t byte = bytes[layout.byteOffset(i)];
        if (byte == '\n') {
            m_lines.push_back({start, i});
            start = i + 1;
            breakAfterSpace = 0;
            continue;
        }
        const bool space = byte == ' ' || byte == '\t';
        // Spaces may hang past the edge; anything else wraps at the last space (or here).
        if (!space && i > start && layout.x(i + 1) - layout.x(start) > width) {
            const std::size_t at = breakAfterSpace > start ? breakAfterSpace : i;
            m_lines.push_back({start, at});
            start = at;
            breakAfterSpace = 0;
        }
        if (space)
            breakAfterSpace = i + 1;
    }
    m_lines.push_back({start, layout.count()});
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
    return documentMargin + line * m_editor.font().lineSpacing() - verticalScrollBar()->value();
}

void SecretTextEdit::updateScrollBar()
{
    const qreal spacing = m_editor.font().lineSpacing();
    const qreal height = m_lines.size() * spacing + 2 * documentMargin;
    QScrollBar* bar = verticalScrollBar();
    bar->setRange(0, std::max(0, int(std::ceil(height)) - viewport()->height()));
    bar->setPageStep(viewport()->height());
    bar->setSingleStep(std::max(1, int(spacing)));
}

void SecretTextEdit::ensureCursorVisible()
{
    if (!ensureLayout())
        return;
    const std::size_t line = lineOf(m_editor.layout().indexAtByte(m_editor.model().cursor()));
    const qreal top = lineTop(line);
    const qreal bottom = top + m_editor.font().lineSpacing();
    QScrollBar* bar = verticalScrollBar();
    if (top < 0)
        bar->setValue(bar->value() + int(std::floor(top - documentMargin)));
    else if (bottom > viewport()->height())
        bar->setValue(bar->value() +
                      int(std::ceil(bottom + documentMargin - viewport()->height())));
}

void SecretTextEdit::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    const QPalette& colors = palette();
    if (isEmpty() && !m_placeholder.isEmpty()) {
        painter.setPen(colors.placeholderText().color());
        const QRectF area =
            QRectF(viewport()->rect())
                .adjusted(documentMargin, documentMargin, -documentMargin, -documentMargin);
        painter.drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
    }
    if (!ensureLayout())
        return;

    const SecretTextLayout& layout = m_editor.layout();
    const SecretFont& font = m_editor.font();
    const SecretTextLayout::Highlight selection = m_editor.selection(colors);
    painter.setPen(colors.text().color());
    for (std::size_t line = 0; line < m_lines.size(); ++line) {
        const qreal top = lineTop(line);
        if (top + font.lineSpacing() < 0)
            continue;
        if (top > viewport()->height())
            break;
        const QPointF origin(documentMargin, top + font.ascent());
        layout.draw(painter, font, origin, m_lines[line].from, m_lines[line].to, selection);
    }

    if (m_editor.caretVisible()) {
        const std::size_t index = layout.indexAtByte(m_editor.model().cursor());
        const std::size_t line = lineOf(index);
        const qreal x = std::floor(documentMargin + layout.x(index) - layout.x(m_lines[line].from));
        const int width = style()->pixelMetric(QStyle::PM_TextCursorWidth, nullptr, this);
        painter.fillRect(QRectF(x, lineTop(line), width, font.lineHeight()), colors.text());
    }
}

bool SecretTextEdit::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool lineMove =
            std::any_of(std::begin(lineKeys), std::end(lineKeys),
                        [key](const LineKey& line) { return key->matches(line.key); });
        // Enter is a line break (not the default button) unless read-only; with Ctrl it is left
        // to shortcuts (a dialog's Ctrl+Return = OK).
        const bool enter = (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
                           !isReadOnly() &&
                           (key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier)) == 0;
        if (lineMove || enter) {
            key->accept();
            return true;
        }
        if (m_editor.shortcutOverride(*key))
            return true;
    }
    return QAbstractScrollArea::event(event);
}

void SecretTextEdit::moveToLine(std::ptrdiff_t delta, bool select)
{
    const SecretTextLayout& layout = m_editor.layout();
    const std::size_t index = layout.indexAtByte(m_editor.model().cursor());
    const std::size_t line = lineOf(index);
    if (m_goalX < 0)
        m_goalX = layout.x(index) - layout.x(m_lines[line].from);
    const std::ptrdiff_t wanted = std::ptrdiff_t(line) + delta;
    std::size_t target = 0;
    if (wanted < 0) {
        target = 0;
    } else if (wanted >= std::ptrdiff_t(m_lines.size())) {
        target = layout.count();
    } else {
        const Line& to = m_lines[std::size_t(wanted)];
        target = layout.indexAtX(layout.x(to.from) + m_goalX, to.from, to.to);
    }
    m_editor.model().setCursor(layout.byteOffset(target), select);
}

bool SecretTextEdit::lineKey(QKeyEvent& event)
{
    const auto found =
        std::find_if(std::begin(lineKeys), std::end(lineKeys),
                     [&event](const LineKey& line) { return event.matches(line.key); });
    if (found == std::end(lineKeys) || !ensureLayout())
        return false;
    if (found->lines != lineEdge) {
        std::ptrdiff_t delta = found->lines;
        if (delta == page || delta == -page) {
            const int visible =
                std::max(1, int(viewport()->height() / m_editor.font().lineSpacing()));
            delta = delta > 0 ? visible : -visible;
        }
        moveToLine(delta, found->select);
        return true;
    }
    m_goalX = -1;
    const SecretTextLayout& layout = m_editor.layout();
    const std::size_t line = lineOf(layout.indexAtByte(m_editor.model().cursor()));
    std::size_t target = found->toEnd ? m_lines[line].to : m_lines[line].from;
    // At a soft wrap the end of this line is the start of the next: stay on this one.
    if (found->toEnd && line + 1 < m_lines.size() && m_lines[line + 1].from == target &&
        target > m_lines[line].from)
        --target;
    m_editor.model().setCursor(layout.byteOffset(target), found->select);
    return true;
}

void SecretTextEdit::keyPressEvent(QKeyEvent* event)
{
    if (lineKey(*event)) {
        event->accept();
        m_editor.apply(SecretEditActions::Outcome::Handled);
        return;
    }
    const qreal goalX = std::exchange(m_goalX, -1); // any other editing key forgets the column
    if (!m_editor.keyPress(*event)) {
        m_goalX = goalX; // not ours (a lone Shift, say): keep it
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void SecretTextEdit::keyReleaseEvent(QKeyEvent* event)
{
    m_editor.keyRelease(*event);
    QAbstractScrollArea::keyReleaseEvent(event);
}

std::size_t SecretTextEdit::offsetAt(const QPointF& position)
{
    if (!ensureLayout())
        return m_editor.model().cursor();
    const SecretTextLayout& layout = m_editor.layout();
    const qreal fromTop = position.y() + verticalScrollBar()->value() - documentMargin;
    const qreal line = std::floor(fromTop / m_editor.font().lineSpacing());
    const Line& at = m_lines[std::size_t(std::clamp<qreal>(line, 0, qreal(m_lines.size() - 1)))];
    const qreal x = position.x() - documentMargin + layout.x(at.from);
    return layout.byteOffset(layout.indexAtX(x, at.from, at.to));
}

void SecretTextEdit::mousePressEvent(QMouseEvent* event)
{
    m_goalX = -1;
    if (!m_editor.mousePress(*event, offsetAt(event->position())))
        QAbstractScrollArea::mousePressEvent(event);
}

void SecretTextEdit::mouseMoveEvent(QMouseEvent* event)
{
    m_editor.mouseMove(*event, offsetAt(event->position()));
}

void SecretTextEdit::mouseReleaseEvent(QMouseEvent* event)
{
    m_editor.mouseRelease(*event);
}

void SecretTextEdit::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_editor.model().selectWordAt(offsetAt(event->position()));
    m_editor.apply(SecretEditActions::Outcome::Handled);
}

void SecretTextEdit::contextMenuEvent(QContextMenuEvent* event)
{
    m_editor.contextMenu(*event);
}

void SecretTextEdit::focusInEvent(QFocusEvent* event)
{
    m_editor.focusIn(event->reason(), false);
    QAbstractScrollArea::focusInEvent(event);
}

void SecretTextEdit::focusOutEvent(QFocusEvent* event)
{
    m_editor.focusOut(event->reason());
    QAbstractScrollArea::focusOutEvent(event);
}

void SecretTextEdit::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        m_editor.invalidate();
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
