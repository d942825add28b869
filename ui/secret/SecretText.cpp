#include "secret/SecretText.h"

#include <QPainter>
#include <algorithm>
#include <utility>

namespace arcanum {

SecretText::SecretText(SecretArena* arena) : m_arena(arena), m_layout(arena) {}

void SecretText::setArena(SecretArena* arena)
{
    m_arena = arena;
    m_layout.setArena(arena);
}

void SecretText::releaseSecrets()
{
    m_layout.release();
}

const SecretFont& SecretText::fontFor(const QFont& font, const QPaintDevice* device)
{
    auto found = std::find_if(m_fonts.begin(), m_fonts.end(), [&](const SecretFont& cached) {
        return cached.isValid() && cached.matches(font, device);
    });
    if (found == m_fonts.end()) {
        found = m_fonts.end() - 1;
        *found = SecretFont(font, device);
    }
    std::rotate(m_fonts.begin(), found, found + 1);
    return m_fonts.front();
}

Result<QSizeF> SecretText::measure(SecretSpan utf8, const Options& options,
                                   const QPaintDevice* device)
{
    const SecretFont& font = fontFor(options.font, device);
    if (options.masked)
        return QSizeF(std::max(0, options.maskLength) * font.bulletAdvance(), font.lineHeight());
    if (auto laidOut = m_layout.layout(utf8, font); !laidOut)
        return laidOut.error();
    return QSizeF(m_layout.width(), font.lineHeight());
}

Result<void> SecretText::paint(QPainter& painter, const QRectF& rect, SecretSpan utf8,
                               const Options& options)
{
    const SecretFont& font = fontFor(options.font, painter.device());
    if (!font.isValid())
        return Error{ErrorCode::InvalidArgument, "The font cannot be used to draw secrets."};

    // What to draw: `count` code points (or bullets), then possibly an ellipsis.
    qreal width = 0;
    std::size_t count = 0;
    bool ellipsis = false;
    if (options.masked) {
        count = static_cast<std::size_t>(std::max(0, options.maskLength));
        width = count * font.bulletAdvance();
    } else {
        if (auto laidOut = m_layout.layout(utf8, font); !laidOut)
            return laidOut;
        count = m_layout.count();
        width = m_layout.width();
        if (options.elide && width > rect.width()) {
            const qreal room = rect.width() - font.ellipsisAdvance();
            count = room <= 0 ? 0 : m_layout.indexAtX(room);
            while (count > 0 && m_layout.x(count) > room)
                --count;
            ellipsis = true;
            width = m_layout.x(count) + font.ellipsisAdvance();
        }
    }

    qreal x = rect.left();
    if (options.alignment & Qt::AlignRight)
        x = rect.right() - width;
    else if (options.alignment & Qt::AlignHCenter)
        x = rect.left() + (rect.width() - width) / 2;
    qreal top = rect.top();
    if (options.alignment & Qt::AlignBottom)
        top = rect.bottom() - font.lineHeight();
    else if (options.alignment & Qt::AlignVCenter)
        top = rect.top() + (rect.height() - font.lineHeight()) / 2;
    const qreal baseline = top + font.ascent();

    // Like QPainter::drawText: clip only when the text does not fit.
    const bool clip = width > rect.width() || font.lineHeight() > rect.height();
    if (clip) {
        painter.save();
        painter.setClipRect(rect, Qt::IntersectClip);
    }
    const QPen pen = painter.pen();
    if (options.color.isValid())
        painter.setPen(options.color);

    if (options.masked)
        font.drawBullets(painter, x, baseline, static_cast<int>(count));
    else
        m_layout.draw(painter, font, QPointF(x, baseline), 0, count);
    if (ellipsis)
        font.drawEllipsis(painter, x + m_layout.x(count), baseline);

    painter.setPen(pen);
    if (clip)
        painter.restore();
    return {};
}

} // namespace arcanum
