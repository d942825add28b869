// SecretFont: the one font face a secret is drawn with, and the only code that hands glyphs of a
// secret to Qt (DESIGN.md §6).
//
// Owns a QRawFont (the primary face of a QFont at a paint device's dpi), the fallback faces found
// so far for characters the primary face lacks (one per writing system, QRawFont::fromFont with
// that writing system: fontconfig's choice), and the glyphs of the non-secret characters the
// secret widgets draw themselves (bullet, ellipsis). Fallback covers scripts that read right
// without shaping or bidi (CJK, kana, Hangul, Greek, Cyrillic, Armenian, Georgian, Thai, Lao and
// symbols); Arabic, Hebrew and the Indic scripts stay boxes rather than be drawn wrong.
// It never sees characters of a secret, only glyph indexes and positions that its callers keep
// in arena memory; it passes them to Qt in chunks of at most `chunkGlyphs` so that Qt's own
// temporary arrays (QVarLengthArray in QPainter::drawGlyphRun and QRawFont::
// advancesForGlyphIndexes) stay on the stack, and it wipes that stack area after each call.
// See ui/secret/README.md for what Qt still copies.
#pragma once

#include <QFont>
#include <QFontDatabase>
#include <QGlyphRun>
#include <QRawFont>
#include <cstdint>
#include <utility>
#include <vector>

class QPainter;
class QPaintDevice;

namespace arcanum {

class SecretFont
{
public:
    // Qt keeps the temporary glyph/position arrays of one call on the stack up to 128 entries.
    static constexpr int chunkGlyphs = 128;

    SecretFont() = default;
    // Resolves `font` for `device` (its dpi), like QPainter::setFont does. `device` may be null
    // (the screen's default dpi).
    SecretFont(const QFont& font, const QPaintDevice* device);

    [[nodiscard]] bool isValid() const { return m_raw.isValid(); }
    // True when this object was built from `font` for a device of the same dpi.
    [[nodiscard]] bool matches(const QFont& font, const QPaintDevice* device) const;

    [[nodiscard]] const QRawFont& rawFont() const { return m_raw; }
    [[nodiscard]] qreal ascent() const { return m_ascent; }
    [[nodiscard]] qreal descent() const { return m_descent; }
    // ascent + descent: the height QPainter::drawText gives one line.
    [[nodiscard]] qreal lineHeight() const { return m_ascent + m_descent; }
    // lineHeight + leading: the distance between two baselines.
    [[nodiscard]] qreal lineSpacing() const { return m_ascent + m_descent + m_leading; }

    [[nodiscard]] quint32 bulletGlyph() const { return m_bulletGlyph; }
    [[nodiscard]] qreal bulletAdvance() const { return m_bulletAdvance; }
    [[nodiscard]] quint32 spaceGlyph() const { return m_spaceGlyph; }
    [[nodiscard]] qreal spaceAdvance() const { return m_spaceAdvance; }
    // The ellipsis is U+2026, or "..." when the face lacks it.
    [[nodiscard]] qreal ellipsisAdvance() const { return m_ellipsisAdvance; }
    // Width of the box drawn for a character this face has no glyph for.
    [[nodiscard]] qreal boxAdvance() const { return m_boxAdvance; }

    // Glyph indexes for `units` UTF-16 code units (no lone surrogates), written into `glyphs`
    // (room for `units` entries). Returns the glyph count (one per code point); 0 marks a
    // character the face lacks (what QRawFont::supportsCharacter reports as false).
    [[nodiscard]] int glyphIndexes(const char16_t* utf16, int units, quint32* glyphs) const;
    // Horizontal advances of `count` glyphs, written into `advances[i].x()` (y is 0); kerned
    // when the font asks for kerning.
    void advances(const quint32* glyphs, int count, QPointF* advances) const;

    // For each of `count` code points (their UTF-16 form in `utf16`, in order) whose glyph is 0,
    // looks for a fallback face that has it; where one does, sets glyphs[i], faces[i] (the face
    // number) and advances[i].x(). Others stay glyph 0 (a box).
    void resolveFallbacks(const char16_t* utf16, int count, quint32* glyphs, std::uint8_t* faces,
                          QPointF* advances) const;

    // Draws `count` glyphs at `origin + positions[i]` with the painter's pen, glyph i from face
    // faces[i] (0: the primary face). Glyph 0 entries are skipped (callers draw boxes for them
    // with drawBox).
    void drawGlyphs(QPainter& painter, const QPointF& origin, const quint32* glyphs,
                    const QPointF* positions, const std::uint8_t* faces, int count) const;
    // The replacement box for a missing character whose cell starts at `x` on `baseline`.
    void drawBox(QPainter& painter, qreal x, qreal baseline) const;
    // `count` bullets starting at `x` on `baseline`.
    void drawBullets(QPainter& painter, qreal x, qreal baseline, int count) const;
    // The ellipsis starting at `x` on `baseline`.
    void drawEllipsis(QPainter& painter, qreal x, qreal baseline) const;

private:
    void drawRun(QPainter& painter, const QRawFont& face, const QPointF& origin,
                 const quint32* glyphs, const QPointF* positions, int count) const;
    [[nodiscard]] quint32 glyphFor(char16_t character) const;
    // The face number of the fallback for `codePoint`'s writing system (0: none).
    [[nodiscard]] std::uint8_t fallbackFace(char32_t codePoint) const;

    QFont m_requested;
    QFont m_resolved;
    // The writing system Han characters fall back to, from the locale at construction.
    QFontDatabase::WritingSystem m_hanSystem = QFontDatabase::SimplifiedChinese;
    int m_dpi = 0;
    QRawFont m_raw;
    // m_faces[0] is m_raw; fallbacks are added as characters need them. m_fallbackFor maps a
    // QFontDatabase::WritingSystem to its face number (0: looked for, none found).
    mutable std::vector<QRawFont> m_faces;
    mutable std::vector<std::pair<int, std::uint8_t>> m_fallbackFor;
    bool m_kerning = false;
    qreal m_ascent = 0;
    qreal m_descent = 0;
    qreal m_leading = 0;
    quint32 m_bulletGlyph = 0;
    qreal m_bulletAdvance = 0;
    quint32 m_spaceGlyph = 0;
    qreal m_spaceAdvance = 0;
    quint32 m_ellipsisGlyphs[3] = {};
    QPointF m_ellipsisPositions[3];
    int m_ellipsisCount = 0;
    qreal m_ellipsisAdvance = 0;
    qreal m_boxAdvance = 0;
};

} // namespace arcanum
