#include "window/BusyIndicator.h"

#include <QPainter>
#include <QStyle>

namespace arcanum {

BusyIndicator::BusyIndicator(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_timer.setInterval(frameMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // A block that travels to the end of the track and back.
        m_step = (m_step + 1) % (2 * (positions - 1));
        update();
    });
}

QSize BusyIndicator::sizeHint() const
{
    return {fontMetrics().height() * 8, fontMetrics().height()};
}

QSize BusyIndicator::minimumSizeHint() const
{
    return {fontMetrics().height() * 3, fontMetrics().height()};
}

void BusyIndicator::showEvent(QShowEvent* event)
{
    m_step = 0;
    m_timer.start();
    QWidget::showEvent(event);
}

void BusyIndicator::hideEvent(QHideEvent* event)
{
    m_timer.stop();
    QWidget::hideEvent(event);
}

void BusyIndicator::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect track = rect().adjusted(0, height() / 4, -1, -height() / 4);
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRoundedRect(track, 3, 3);
    const int position = m_step < positions ? m_step : 2 * (positions - 1) - m_step;
    const int blockWidth = std::max(track.width() / 4, 8);
    const int travel = track.width() - blockWidth;
    const QRect block(track.left() + travel * position / (positions - 1), track.top(), blockWidth,
                      track.height() + 1);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Highlight));
    painter.drawRoundedRect(block, 3, 3);
}

} // namespace arcanum
