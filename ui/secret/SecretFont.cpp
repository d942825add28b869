#include "secret/SecretFont.h"

#include <QPaintDevice>
#include <QPainter>
#include <algorithm>
#include <sodium.h>

namespace arcanum {

namespace {

constexpr char16_t bulletCharacter = 0x2022;
constexpr char16_t fallbackBulletCharacter = u'*';
constexpr char16_t ellipsisCharacter = 0x2026;

// Qt's drawing and advance code keeps glyph positions and advances of the last call in stack
// arrays (QVarLengthArray<..., 128/256>). Overwrite the stack area those frames used, so the
// positions (which follow the text's shape) do not linger below our frame.
[[gnu::noinline]] void wipeCalleeStack()
{
    unsigned char area[16 * 1024];
    sodium_memzero(area, sizeof area);
    asm volatile("" : : "r"(area) : "memory");
}

} // namespace

SecretFont::SecretFont(const QFont& font, const QPaintDevice* device)
    : m_requested(font), m_dpi(device ? device->logicalDpiY() : 0)
{
    const QFont resolved = device ? QFont(font, device) : font;
    m_raw = QRawFont::fromFont(resolved);
    if (!m_raw.isValid())
        return;
    m_kerning = resolved.kerning();
    m_ascent = m_raw.ascent();
    m_descent = m_raw.descent();
    m_leading = m_raw.leading();

    QPointF advance;
    m_spaceGlyph = glyphFor(u' ');
    m_raw.advancesForGlyphIndexes(&m_spaceGlyph, &advance, 1);
    m_spaceAdvance = advance.x();

    m_bulletGlyph = glyphFor(bulletCharacter);
    if (m_bulletGlyph == 0)
        m_bulletGlyph = glyphFor(fallbackBulletCharacter);
    m_raw.advancesForGlyphIndexes(&m_bulletGlyph, &advance, 1);
    m_bulletAdvance = advance.x();

    m_ellipsisGlyphs[0] = glyphFor(ellipsisCharacter);
    m_ellipsisCount = 1;
    if (m_ellipsisGlyphs[0] == 0) {
        m_ellipsisCount = 3;
        std::fill(std::begin(m_ellipsisGlyphs), std::end(m_ellipsisGlyphs), glyphFor(u'.'));
    }
    m_raw.advancesForGlyphIndexes(m_ellipsisGlyphs, &advance, 1);
    for (int i = 0; i < m_ellipsisCount; ++i)
        m_ellipsisPositions[i] = QPointF(i * advance.x(), 0);
    m_ellipsisAdvance = m_ellipsisCount * advance.x();

    // A box as wide as a digit reads as "some character" without looking like one.
    quint32 zero = glyphFor(u'0');
    m_raw.advancesForGlyphIndexes(&zero, &advance, 1);
    m_boxAdvance = zero != 0 ? advance.x() : m_raw.averageCharWidth();
}

bool SecretFont::matches(const QFont& font, const QPaintDevice* device) const
{
    return m_dpi == (device ? device->logicalDpiY() : 0) && m_requested == font;
}

quint32 SecretFont::glyphFor(char16_t character) const
{
    quint32 glyph = 0;
    int count = 1;
    const QChar qchar(character);
    if (!m_raw.glyphIndexesForChars(&qchar, 1, &glyph, &count))
        return 0;
    return glyph;
}

int SecretFont::glyphIndexes(const char16_t* utf16, int units, quint32* glyphs) const
{
    int count = units;
    if (units <= 0 ||
        !m_raw.glyphIndexesForChars(reinterpret_cast<const QChar*>(utf16), units, glyphs, &count))
        return 0;
    return count;
}

void SecretFont::advances(const quint32* glyphs, int count, QPointF* advances) const
{
    const QRawFont::LayoutFlags flags =
        m_kerning ? QRawFont::KernedAdvances : QRawFont::SeparateAdvances;
    // Chunks overlap by one glyph so that a kerning pair across a chunk border still counts.
    for (int start = 0; start < count; start += chunkGlyphs - 1) {
        const int size = std::min(chunkGlyphs, count - start);
        m_raw.advancesForGlyphIndexes(glyphs + start, advances + start, size, flags);
        if (start + size == count)
            break;
    }
    wipeCalleeStack();
}

void SecretFont::drawRun(QPainter& painter, const QPointF& origin, const quint32* glyphs,
                         const QPointF* positions, int count) const
{
    QGlyphRun run;
    run.setRawFont(m_raw);
    for (int start = 0; start < count; start += chunkGlyphs) {
        // setRawData stores the pointers; nothing is copied into the QGlyphRun.
        run.setRawData(glyphs + start, positions + start, std::min(chunkGlyphs, count - start));
        painter.drawGlyphRun(origin, run);
    }
}

void SecretFont::drawGlyphs(QPainter& painter, const QPointF& origin, const quint32* glyphs,
                            const QPointF* positions, int count) const
{
    // One run per stretch of glyphs the face has; missing ones (0) are boxes drawn elsewhere.
    int start = 0;
    while (start < count) {
        while (start < count && glyphs[start] == 0)
            ++start;
        int end = start;
        while (end < count && glyphs[end] != 0)
            ++end;
        if (end > start)
            drawRun(painter, origin, glyphs + start, positions + start, end - start);
        start = end;
    }
    wipeCalleeStack();
}

void SecretFont::drawBox(QPainter& painter, qreal x, qreal baseline) const
{
    const qreal inset = std::max<qreal>(1.0, m_boxAdvance * 0.12);
    const qreal top = baseline - m_ascent * 0.72;
    const QRectF box(x + inset, top, m_boxAdvance - 2 * inset, baseline - top);
    const QBrush brush = painter.brush();
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5));
    painter.setBrush(brush);
}

void SecretFont::drawBullets(QPainter& painter, qreal x, qreal baseline, int count) const
{
    quint32 glyphs[chunkGlyphs];
    QPointF positions[chunkGlyphs];
    std::fill(std::begin(glyphs), std::end(glyphs), m_bulletGlyph);
    for (int i = 0; i < chunkGlyphs; ++i)
        positions[i] = QPointF(i * m_bulletAdvance, 0);
    for (int start = 0; start < count; start += chunkGlyphs) {
        const QPointF origin(x + start * m_bulletAdvance, baseline);
        drawRun(painter, origin, glyphs, positions, std::min(chunkGlyphs, count - start));
    }
}

void SecretFont::drawEllipsis(QPainter& painter, qreal x, qreal baseline) const
{
    drawRun(painter, QPointF(x, baseline), m_ellipsisGlyphs, m_ellipsisPositions, m_ellipsisCount);
}

} // namespace arcanum
