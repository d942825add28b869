#include "secret/SecretLabel.h"

#include "secret/SecretArena.h"
#include "secret/SecretLineEditAccessible.h"

#include <QAccessible>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionFocusRect>
#include <cmath>

namespace arcanum {

namespace {

// Room around the text for the focus frame.
constexpr int margin = 2;

} // namespace

SecretLabel::SecretLabel(SecretArena* arena, QWidget* parent)
    : QWidget(parent), m_arena(arena), m_painter(arena)
{
    SecretLineEditAccessible::installFactory();
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled, false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

SecretLabel::~SecretLabel()
{
    clear();
}

void SecretLabel::setArena(SecretArena* arena)
{
    clear();
    m_arena = arena;
    m_painter.setArena(arena);
}

Result<void> SecretLabel::setText(SecretSpan utf8)
{
    if (m_arena == nullptr)
        return Error{ErrorCode::InvalidArgument, "A secret label needs a secret arena."};
    auto copy = m_arena->copyOf(utf8);
    if (!copy)
        return copy.error();
    m_text = std::move(copy.value()); // the old text is wiped
    updateGeometry();
    update();
    return {};
}

void SecretLabel::clear()
{
    m_text.reset();
    m_painter.releaseSecrets();
    updateGeometry();
    update();
}

void SecretLabel::setMasked(bool masked)
{
    if (masked == m_masked)
        return;
    m_masked = masked;
    updateGeometry();
    update();
    // The description says "Hidden" or "Shown on screen"; no event carries the text itself.
    QAccessibleEvent event(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
    emit maskedChanged(masked);
}

void SecretLabel::setAccessibleTextWithheld(bool withheld)
{
    if (withheld == m_accessibleWithheld)
        return;
    m_accessibleWithheld = withheld;
    QAccessibleEvent event(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
}

void SecretLabel::setAlignment(Qt::Alignment alignment)
{
    m_alignment = alignment;
    update();
}

SecretText::Options SecretLabel::options() const
{
    SecretText::Options options;
    options.font = font();
    options.alignment = m_alignment;
    options.masked = m_masked;
    options.color = palette().color(foregroundRole());
    return options;
}

QRect SecretLabel::textRect() const
{
    return contentsRect().adjusted(margin, margin, -margin, -margin);
}

QSize SecretLabel::sizeHint() const
{
    ensurePolished();
    const QFontMetrics metrics(font());
    auto size = m_painter.measure(text(), options(), this);
    const int width = size && !m_text.empty() ? int(std::ceil(size->width())) : 0;
    const QMargins margins = contentsMargins();
    return QSize(width + 2 * margin + margins.left() + margins.right(),
                 metrics.height() + 2 * margin + margins.top() + margins.bottom());
}

QSize SecretLabel::minimumSizeHint() const
{
    const QSize hint = sizeHint();
    return QSize(qMin(hint.width(), fontMetrics().averageCharWidth() * 4), hint.height());
}

void SecretLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (!m_text.empty())
        (void)m_painter.paint(painter, textRect(), text(), options()); // on failure: blank
    if (hasFocus()) {
        QStyleOptionFocusRect focus;
        focus.initFrom(this);
        focus.backgroundColor = palette().color(backgroundRole());
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, &painter, this);
    }
}

void SecretLabel::keyPressEvent(QKeyEvent* event)
{
    if (m_maskToggle && event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier) {
        setMasked(!m_masked);
        return;
    }
    QWidget::keyPressEvent(event);
}

void SecretLabel::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_maskToggle && event->button() == Qt::LeftButton) {
        setMasked(!m_masked);
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void SecretLabel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateGeometry();
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace arcanum
