// SecretTextLayout: glyphs and positions for one run of UTF-8 plaintext, kept in arena memory.
//
// Owns one SecretBuffer of scratch space in the caller's SecretArena holding, per code point,
// the UTF-16 form, the glyph index, the x position and the byte offset. Everything derived from
// the text stays in that buffer; it is reused from one layout to the next (it only grows) and is
// wiped and returned by release(), which callers must run before the arena is released.
// No shaping, no bidi: one glyph per code point. A character the primary face lacks is taken from
// a fallback face for its writing system when SecretFont finds one (CJK, Greek, Thai, ...), and
// becomes a box otherwise.
// Line breaks (CR, LF) lay out as spaces; callers that break lines look at the bytes.
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"
#include "secret/SecretSpan.h"

#include <QBrush>
#include <QColor>
#include <QPointF>
#include <cstddef>
#include <cstdint>

class QPainter;

namespace arcanum {

class SecretArena;
class SecretFont;

class SecretTextLayout
{
public:
    enum class Glyphs
    {
        Text,    // the text's own glyphs
        Bullets, // one bullet per code point (a password field being edited)
    };

    explicit SecretTextLayout(SecretArena* arena = nullptr);

    // Wipes the scratch space and uses `arena` from now on.
    void setArena(SecretArena* arena);

    // Lays `utf8` out in one line starting at x = 0. Fails only when the arena cannot provide
    // scratch space (or there is no arena); the layout is then empty.
    [[nodiscard]] Result<void> layout(SecretSpan utf8, const SecretFont& font,
                                      Glyphs glyphs = Glyphs::Text);

    // Code points laid out.
    [[nodiscard]] std::size_t count() const { return m_count; }
    // x where code point `index` starts; x(count()) is the width of the whole run.
    [[nodiscard]] qreal x(std::size_t index) const;
    [[nodiscard]] qreal width() const { return x(m_count); }
    // Byte offset in the UTF-8 text where code point `index` starts (count() -> text size).
    [[nodiscard]] std::size_t byteOffset(std::size_t index) const;
    // Index of the code point starting at or containing byte `offset`.
    [[nodiscard]] std::size_t indexAtByte(std::size_t offset) const;
    // The code point boundary nearest to `x`, searched within [from, to].
    [[nodiscard]] std::size_t indexAtX(qreal x, std::size_t from, std::size_t to) const;
    [[nodiscard]] std::size_t indexAtX(qreal x) const { return indexAtX(x, 0, m_count); }

    // Draws code points [from, to) so that code point `from` starts at `origin` (x on the
    // baseline), with the painter's pen: glyphs, and boxes for missing characters.
    // `font` must be the one the layout was made with.
    void draw(QPainter& painter, const SecretFont& font, const QPointF& origin, std::size_t from,
              std::size_t to) const;

    // A selected range [from, to) drawn on `background` in `color`.
    struct Highlight
    {
        std::size_t from = 0;
        std::size_t to = 0;
        QBrush background;
        QColor color;
    };
    // draw() with `highlight` applied to the part of [from, to) it covers.
    void draw(QPainter& painter, const SecretFont& font, const QPointF& origin, std::size_t from,
              std::size_t to, const Highlight& highlight) const;

    // Wipes and returns the scratch space to the arena.
    void release();

private:
    // Room for a text of `bytes` UTF-8 bytes (never more code points or UTF-16 units).
    [[nodiscard]] Result<void> reserve(std::size_t bytes);

    SecretArena* m_arena = nullptr;
    SecretBuffer m_scratch;
    std::size_t m_capacity = 0; // code points the scratch space has room for
    std::size_t m_count = 0;
    // Views into m_scratch.
    QPointF* m_positions = nullptr;     // m_capacity + 1
    quint32* m_glyphs = nullptr;        // m_capacity
    std::uint32_t* m_offsets = nullptr; // m_capacity + 1
    char16_t* m_utf16 = nullptr;        // m_capacity (a code point needs 2 units only if 4 bytes)
    std::uint8_t* m_faces = nullptr;    // m_capacity: SecretFont face of each glyph (0: primary)
};

} // namespace arcanum
