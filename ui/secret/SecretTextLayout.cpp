#include "secret/SecretTextLayout.h"

#include "secret/SecretArena.h"
#include "secret/SecretFont.h"
#include "text/Utf8.h"

#include <QPainter>
#include <algorithm>
#include <sodium.h>

namespace arcanum {

namespace {

constexpr std::size_t align8(std::size_t bytes)
{
    return (bytes + 7) / 8 * 8;
}

// Bytes of scratch space for `n` code points: positions, glyphs, offsets, UTF-16, faces.
constexpr std::size_t scratchBytes(std::size_t n)
{
    return align8((n + 1) * sizeof(QPointF)) + align8(n * sizeof(quint32)) +
           align8((n + 1) * sizeof(std::uint32_t)) + align8(n * sizeof(char16_t)) + align8(n);
}

} // namespace

SecretTextLayout::SecretTextLayout(SecretArena* arena) : m_arena(arena) {}

void SecretTextLayout::setArena(SecretArena* arena)
{
    release();
    m_arena = arena;
}

void SecretTextLayout::release()
{
    m_scratch.reset();
    m_capacity = 0;
    m_count = 0;
    m_positions = nullptr;
    m_glyphs = nullptr;
    m_offsets = nullptr;
    m_utf16 = nullptr;
    m_faces = nullptr;
}

Result<void> SecretTextLayout::reserve(std::size_t bytes)
{
    if (bytes <= m_capacity && !m_scratch.isNull())
        return {};
    if (m_arena == nullptr)
        return Error{ErrorCode::InvalidArgument, "A secret text layout needs a secret arena."};
    if (bytes > 0x7fffffff / sizeof(QPointF))
        return Error{ErrorCode::InvalidArgument, "The text is too long to draw."};
    // Room for some growth so that typing does not allocate on every keystroke.
    const std::size_t capacity = std::max<std::size_t>({bytes, m_capacity * 3 / 2, 32});
    release();
    auto scratch = m_arena->allocate(scratchBytes(capacity));
    if (!scratch)
        return scratch.error();
    m_scratch = std::move(scratch.value());
    std::uint8_t* next = m_scratch.data();
    m_positions = reinterpret_cast<QPointF*>(next);
    next += align8((capacity + 1) * sizeof(QPointF));
    m_glyphs = reinterpret_cast<quint32*>(next);
    next += align8(capacity * sizeof(quint32));
    m_offsets = reinterpret_cast<std::uint32_t*>(next);
    next += align8((capacity + 1) * sizeof(std::uint32_t));
    m_utf16 = reinterpret_cast<char16_t*>(next);
    next += align8(capacity * sizeof(char16_t));
    m_faces = next;
    m_capacity = capacity;
    return {};
}

Result<void> SecretTextLayout::layout(SecretSpan utf8, const SecretFont& font, Glyphs glyphs)
{
    m_count = 0;
    if (utf8.empty())
        return {};
    if (auto reserved = reserve(utf8.size()); !reserved)
        return reserved;

    // Decode into UTF-16 in the arena, remembering where each code point starts.
    std::size_t units = 0;
    std::size_t count = 0;
    for (std::size_t offset = 0; offset < utf8.size(); ++count) {
        m_offsets[count] = static_cast<std::uint32_t>(offset);
        char32_t codePoint = Utf8::decode(utf8, offset);
        if (codePoint == U'\n' || codePoint == U'\r')
            codePoint = U' ';
        if (codePoint >= 0x10000) {
            const char32_t value = codePoint - 0x10000;
            m_utf16[units++] = static_cast<char16_t>(0xD800 + (value >> 10));
            m_utf16[units++] = static_cast<char16_t>(0xDC00 + (value & 0x3FF));
        } else {
            m_utf16[units++] = static_cast<char16_t>(codePoint);
        }
    }
    m_offsets[count] = static_cast<std::uint32_t>(utf8.size());

    std::fill(m_faces, m_faces + count, std::uint8_t(0));
    if (glyphs == Glyphs::Bullets) {
        std::fill(m_glyphs, m_glyphs + count, font.bulletGlyph());
        for (std::size_t i = 0; i <= count; ++i)
            m_positions[i] = QPointF(i * font.bulletAdvance(), 0);
    } else {
        const int mapped = font.glyphIndexes(m_utf16, static_cast<int>(units), m_glyphs);
        if (static_cast<std::size_t>(mapped) != count) {
            sodium_memzero(m_utf16, units * sizeof(char16_t));
            return Error{ErrorCode::InvalidArgument, "The font could not map the text to glyphs."};
        }
        font.advances(m_glyphs, static_cast<int>(count), m_positions);
        font.resolveFallbacks(m_utf16, static_cast<int>(count), m_glyphs, m_faces, m_positions);
        // Advances become positions, in place.
        qreal x = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const qreal advance = m_glyphs[i] == 0 ? font.boxAdvance() : m_positions[i].x();
            m_positions[i] = QPointF(x, 0);
            x += advance;
        }
        m_positions[count] = QPointF(x, 0);
    }
    // The UTF-16 form has served its purpose; keep the scratch space free of a second copy.
    sodium_memzero(m_utf16, units * sizeof(char16_t));
    m_count = count;
    return {};
}

qreal SecretTextLayout::x(std::size_t index) const
{
    if (m_count == 0)
        return 0;
    return m_positions[std::min(index, m_count)].x();
}

std::size_t SecretTextLayout::byteOffset(std::size_t index) const
{
    if (m_count == 0)
        return 0;
    return m_offsets[std::min(index, m_count)];
}

std::size_t SecretTextLayout::indexAtByte(std::size_t offset) const
{
    if (m_count == 0)
        return 0;
    const std::uint32_t* begin = m_offsets;
    const std::uint32_t* end = m_offsets + m_count + 1;
    const std::uint32_t* after = std::upper_bound(begin, end, offset);
    return static_cast<std::size_t>(after - m_offsets) - 1;
}

std::size_t SecretTextLayout::indexAtX(qreal x, std::size_t from, std::size_t to) const
{
    to = std::min(to, m_count);
    from = std::min(from, to);
    if (m_count == 0)
        return 0;
    const QPointF* begin = m_positions + from;
    const QPointF* end = m_positions + to + 1;
    const QPointF* at = std::lower_bound(
        begin, end, x, [](const QPointF& p, qreal value) { return p.x() < value; });
    if (at == end)
        return to;
    if (at == begin)
        return from;
    const std::size_t index = static_cast<std::size_t>(at - m_positions);
    // Nearest boundary: the one before wins when x is in the left half of the character.
    return x - m_positions[index - 1].x() < at->x() - x ? index - 1 : index;
}

void SecretTextLayout::draw(QPainter& painter, const SecretFont& font, const QPointF& origin,
                            std::size_t from, std::size_t to) const
{
    to = std::min(to, m_count);
    if (from >= to)
        return;
    const QPointF shifted(origin.x() - m_positions[from].x(), origin.y());
    font.drawGlyphs(painter, shifted, m_glyphs + from, m_positions + from, m_faces + from,
                    static_cast<int>(to - from));
    for (std::size_t i = from; i < to; ++i)
        if (m_glyphs[i] == 0)
            font.drawBox(painter, shifted.x() + m_positions[i].x(), origin.y());
}

void SecretTextLayout::draw(QPainter& painter, const SecretFont& font, const QPointF& origin,
                            std::size_t from, std::size_t to, const Highlight& highlight) const
{
    to = std::min(to, m_count);
    const std::size_t selectedFrom = std::clamp(highlight.from, from, to);
    const std::size_t selectedTo = std::clamp(highlight.to, selectedFrom, to);
    const qreal shift = origin.x() - x(from);
    if (selectedFrom < selectedTo) {
        const QRectF band(shift + x(selectedFrom), origin.y() - font.ascent(),
                          x(selectedTo) - x(selectedFrom), font.lineHeight());
        painter.fillRect(band, highlight.background);
    }
    draw(painter, font, origin, from, selectedFrom);
    if (selectedFrom < selectedTo) {
        const QPen pen = painter.pen();
        painter.setPen(highlight.color);
        draw(painter, font, QPointF(shift + x(selectedFrom), origin.y()), selectedFrom, selectedTo);
        painter.setPen(pen);
    }
    draw(painter, font, QPointF(shift + x(selectedTo), origin.y()), selectedTo, to);
}

} // namespace arcanum
