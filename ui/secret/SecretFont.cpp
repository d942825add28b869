#include "secret/SecretFont.h"

#include <QFontDatabase>
#include <QLocale>
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

// Han characters are drawn with the face the user's language prefers for them.
QFontDatabase::WritingSystem hanWritingSystem()
{
    const QLocale locale;
    switch (locale.language()) {
    case QLocale::Japanese:
        return QFontDatabase::Japanese;
    case QLocale::Korean:
        return QFontDatabase::Korean;
    case QLocale::Chinese:
        return locale.script() == QLocale::TraditionalHanScript ||
                       locale.territory() == QLocale::Taiwan ||
                       locale.territory() == QLocale::HongKong ||
                       locale.territory() == QLocale::Macau
                   ? QFontDatabase::TraditionalChinese
                   : QFontDatabase::SimplifiedChinese;
    default:
        return QFontDatabase::SimplifiedChinese;
    }
}

// The writing system whose fallback face may draw `codePoint` (`han`: the one for Han), or Any
// for none: scripts that need shaping or right-to-left order would be drawn wrong one glyph per
// code point, so they stay boxes, as do combining marks and symbols.
QFontDatabase::WritingSystem writingSystemFor(char32_t codePoint, QFontDatabase::WritingSystem han)
{
    // CJK punctuation and full-width forms are "Common" script but belong with CJK text.
    if ((codePoint >= 0x3000 && codePoint <= 0x303F) ||
        (codePoint >= 0xFF00 && codePoint <= 0xFFEF))
        return han;
    switch (QChar::script(codePoint)) {
    case QChar::Script_Greek:
        return QFontDatabase::Greek;
    case QChar::Script_Cyrillic:
        return QFontDatabase::Cyrillic;
    case QChar::Script_Armenian:
        return QFontDatabase::Armenian;
    case QChar::Script_Georgian:
        return QFontDatabase::Georgian;
    case QChar::Script_Thai:
        return QFontDatabase::Thai;
    case QChar::Script_Lao:
        return QFontDatabase::Lao;
    case QChar::Script_Han:
    case QChar::Script_Bopomofo:
        return han;
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
        return QFontDatabase::Japanese;
    case QChar::Script_Hangul:
        return QFontDatabase::Korean;
    default:
        return QFontDatabase::Any;
    }
}

} // namespace

SecretFont::SecretFont(const QFont& font, const QPaintDevice* device)
    : m_requested(font), m_dpi(device ? device->logicalDpiY() : 0)
{
    const QFont resolved = device ? QFont(font, device) : font;
    m_resolved = resolved;
    m_hanSystem = hanWritingSystem();
    m_raw = QRawFont::fromFont(resolved);
    if (!m_raw.isValid())
        return;
    m_faces.push_back(m_raw);
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

std::uint8_t SecretFont::fallbackFace(char32_t codePoint) const
{
    const QFontDatabase::WritingSystem system = writingSystemFor(codePoint, m_hanSystem);
    if (system == QFontDatabase::Any || m_faces.empty())
        return 0;
    for (const auto& [known, face] : m_fallbackFor)
        if (known == system)
            return face;
    std::uint8_t face = 0;
    const QRawFont fallback = QRawFont::fromFont(m_resolved, system);
    if (fallback.isValid() && !(fallback == m_raw)) {
        const auto same = std::find(m_faces.begin(), m_faces.end(), fallback);
        if (same != m_faces.end()) {
            face = std::uint8_t(same - m_faces.begin());
        } else if (m_faces.size() < 255) {
            m_faces.push_back(fallback);
            face = std::uint8_t(m_faces.size() - 1);
        }
    }
    m_fallbackFor.emplace_back(system, face);
    return face;
}

void SecretFont::resolveFallbacks(const char16_t* utf16, int count, quint32* glyphs,
                                  std::uint8_t* faces, QPointF* advances) const
{
    int unit = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t first = utf16[unit];
        const int units = first >= 0xD800 && first < 0xDC00 ? 2 : 1;
        if (glyphs[i] == 0) {
            const char32_t codePoint = units == 1 ? char32_t(first)
                                                  : 0x10000 + ((char32_t(first) - 0xD800) << 10) +
                                                        (char32_t(utf16[unit + 1]) - 0xDC00);
            if (const std::uint8_t face = fallbackFace(codePoint); face != 0) {
                const QRawFont& raw = m_faces[face];
                quint32 glyph = 0;
                int mapped = 1;
                if (raw.glyphIndexesForChars(reinterpret_cast<const QChar*>(utf16 + unit), units,
                                             &glyph, &mapped) &&
                    mapped == 1 && glyph != 0) {
                    QPointF advance;
                    raw.advancesForGlyphIndexes(&glyph, &advance, 1);
                    glyphs[i] = glyph;
                    faces[i] = face;
                    advances[i] = advance;
                }
            }
        }
        unit += units;
    }
    wipeCalleeStack();
}

void SecretFont::drawRun(QPainter& painter, const QRawFont& face, const QPointF& origin,
                         const quint32* glyphs, const QPointF* positions, int count) const
{
    QGlyphRun run;
    run.setRawFont(face);
    for (int start = 0; start < count; start += chunkGlyphs) {
        // setRawData stores the pointers; nothing is copied into the QGlyphRun.
        run.setRawData(glyphs + start, positions + start, std::min(chunkGlyphs, count - start));
        painter.drawGlyphRun(origin, run);
    }
}

void SecretFont::drawGlyphs(QPainter& painter, const QPointF& origin, const quint32* glyphs,
                            const QPointF* positions, const std::uint8_t* faces, int count) const
{
    // One run per stretch of glyphs from one face; missing ones (0) are boxes drawn elsewhere.
    int start = 0;
    while (start < count) {
        while (start < count && glyphs[start] == 0)
            ++start;
        if (start == count)
            break;
        const std::uint8_t face = faces[start];
        int end = start;
        while (end < count && glyphs[end] != 0 && faces[end] == face)
            ++end;
        const QRawFont& raw = face < m_faces.size() ? m_faces[face] : m_raw;
        drawRun(painter, raw, origin, glyphs + start, positions + start, end - start);
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
        drawRun(painter, m_raw, origin, glyphs, positions, std::min(chunkGlyphs, count - start));
    }
}

void SecretFont::drawEllipsis(QPainter& painter, qreal x, qreal baseline) const
{
    drawRun(painter, m_raw, QPointF(x, baseline), m_ellipsisGlyphs, m_ellipsisPositions,
            m_ellipsisCount);
}

} // namespace arcanum
