// SecretText: paints one line of UTF-8 plaintext held in a SecretSpan, without a QString.
//
// The path (DESIGN.md §6): UTF-8 -> UTF-16 scratch in the arena -> QRawFont glyph indexes ->
// advances -> positions (all in arena arrays, see SecretTextLayout) -> QGlyphRun::setRawData ->
// QPainter::drawGlyphRun. No shaping, no bidi, no font fallback: a character the font lacks is
// drawn as a box. Masked mode never reads the secret: it draws `maskLength` bullets whatever the
// length. Right elision ends the text with an ellipsis. Line breaks show as spaces.
//
// Owns: arena scratch space (reused across paints, grown when needed) and a few QRawFonts (the
// last fonts used). The secret itself is only borrowed for the duration of a call. Call
// releaseSecrets() before the arena is released (vault lock). GUI thread only.
#pragma once

#include "common/Result.h"
#include "secret/SecretFont.h"
#include "secret/SecretSpan.h"
#include "secret/SecretTextLayout.h"

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QSizeF>
#include <array>
#include <cstddef>

class QPainter;
class QPaintDevice;

namespace arcanum {

class SecretArena;

class SecretText
{
public:
    static constexpr int defaultMaskLength = 8;

    struct Options
    {
        QFont font;
        // Horizontal: left (also leading/justify), right or centre; no right-to-left layout.
        // Vertical: top, centre or bottom of one line.
        Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
        // Shorten text wider than the rectangle with a trailing ellipsis ("…").
        bool elide = true;
        // Draw `maskLength` bullets instead of the text.
        bool masked = false;
        int maskLength = defaultMaskLength;
        // The text colour; invalid means the painter's current pen.
        QColor color;
    };

    explicit SecretText(SecretArena* arena = nullptr);

    // Releases the scratch space and uses `arena` from now on.
    void setArena(SecretArena* arena);
    [[nodiscard]] SecretArena* arena() const { return m_arena; }

    // Paints `utf8` in `rect`. Fails (drawing nothing) when the arena cannot give scratch space.
    [[nodiscard]] Result<void> paint(QPainter& painter, const QRectF& rect, SecretSpan utf8,
                                     const Options& options);
    // The size paint() needs without eliding: width of the text (or of the bullets) by the line
    // height. `device` gives the dpi (null: the screen's default).
    [[nodiscard]] Result<QSizeF> measure(SecretSpan utf8, const Options& options,
                                         const QPaintDevice* device = nullptr);

    // Wipes and returns all arena scratch space. Safe to call after the arena was released.
    void releaseSecrets();

private:
    [[nodiscard]] const SecretFont& fontFor(const QFont& font, const QPaintDevice* device);

    SecretArena* m_arena = nullptr;
    SecretTextLayout m_layout;
    // The last fonts used, most recent first (an entry list alternates between a few).
    std::array<SecretFont, 4> m_fonts;
};

} // namespace arcanum
