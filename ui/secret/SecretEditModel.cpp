#include "secret/SecretEditModel.h"

#include "secret/SecretArena.h"
#include "text/Utf8.h"

#include <algorithm>
#include <cstring>

namespace arcanum {

namespace {

constexpr std::size_t initialCapacity = 64;

std::size_t encodedLength(char32_t codePoint)
{
    if (codePoint < 0x80)
        return 1;
    if (codePoint < 0x800)
        return 2;
    if (codePoint < 0x10000 || codePoint > 0x10FFFF)
        return 3; // U+FFFD for anything past the last code point
    return 4;
}

bool isContinuation(std::uint8_t byte)
{
    return (byte & 0xC0) == 0x80;
}

} // namespace

SecretEditModel::SecretEditModel(SecretArena* arena) : m_arena(arena) {}

void SecretEditModel::setArena(SecretArena* arena)
{
    clear();
    m_arena = arena;
}

std::size_t SecretEditModel::codePointCount() const
{
    return Utf8::codePointCount(text());
}

void SecretEditModel::clear()
{
    m_text.reset(); // wipes (or does nothing when the arena was released: already gone)
    m_cursor = 0;
    m_anchor = 0;
}

Result<void> SecretEditModel::ensureBuffer()
{
    if (!m_text.isNull())
        return {};
    if (m_arena == nullptr)
        return Error{ErrorCode::InvalidArgument, "A secret editor needs a secret arena."};
    auto buffer = m_arena->allocate(initialCapacity);
    if (!buffer)
        return buffer.error();
    m_text = std::move(buffer.value());
    return m_text.resize(0);
}

Result<void> SecretEditModel::setText(SecretSpan utf8)
{
    if (m_arena == nullptr)
        return Error{ErrorCode::InvalidArgument, "A secret editor needs a secret arena."};
    auto copy = m_arena->allocate(std::max(utf8.size(), initialCapacity));
    if (!copy)
        return copy.error();
    if (!utf8.empty())
        std::memcpy(copy->data(), utf8.data(), utf8.size());
    if (auto sized = copy->resize(utf8.size()); !sized)
        return sized;
    m_text = std::move(copy.value()); // the old text is wiped
    m_cursor = m_anchor = m_text.size();
    return {};
}

std::size_t SecretEditModel::selectionStart() const
{
    return std::min(m_cursor, m_anchor);
}

std::size_t SecretEditModel::selectionEnd() const
{
    return std::max(m_cursor, m_anchor);
}

SecretSpan SecretEditModel::selectedText() const
{
    return text().sub(selectionStart(), selectionEnd() - selectionStart());
}

void SecretEditModel::setCursor(std::size_t offset, bool select)
{
    offset = std::min(offset, size());
    while (!isBoundary(offset)) // snap back to the boundary at or before `offset`
        --offset;
    m_cursor = offset;
    if (!select)
        m_anchor = offset;
}

void SecretEditModel::selectAll()
{
    m_anchor = 0;
    m_cursor = size();
}

void SecretEditModel::selectWordAt(std::size_t offset)
{
    offset = std::min(offset, size());
    std::size_t start = offset;
    while (start > 0 && !isSeparator(start - 1))
        --start;
    std::size_t end = offset;
    while (end < size() && !isSeparator(end))
        ++end;
    m_anchor = start;
    m_cursor = end;
}

std::size_t SecretEditModel::nextCodePoint(std::size_t offset) const
{
    if (offset >= size())
        return size();
    (void)Utf8::decode(text(), offset);
    return offset;
}

std::size_t SecretEditModel::previousCodePoint(std::size_t offset) const
{
    if (offset == 0)
        return 0;
    std::size_t previous = std::min(offset, size()) - 1;
    while (!isBoundary(previous))
        --previous;
    return previous;
}

bool SecretEditModel::isBoundary(std::size_t offset) const
{
    // Utf8::decode consumes either one byte or a lead byte followed by continuation bytes, so
    // every other byte starts a code point; a continuation byte does not only when it belongs
    // to a valid sequence whose lead is at most 3 bytes before it.
    if (offset == 0 || offset >= size() || !isContinuation(text()[offset]))
        return true;
    std::size_t lead = offset - 1;
    while (lead > 0 && offset - lead < 3 && isContinuation(text()[lead]))
        --lead;
    if (isContinuation(text()[lead]))
        return true;
    std::size_t end = lead;
    (void)Utf8::decode(text(), end);
    return end <= offset;
}

bool SecretEditModel::isSeparator(std::size_t offset) const
{
    const std::uint8_t byte = text()[offset];
    return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r';
}

std::size_t SecretEditModel::previousWord(std::size_t offset) const
{
    offset = std::min(offset, size());
    while (offset > 0 && isSeparator(offset - 1))
        --offset;
    while (offset > 0 && !isSeparator(offset - 1))
        --offset;
    return offset; // a separator is one byte, so this is a boundary
}

std::size_t SecretEditModel::nextWord(std::size_t offset) const
{
    offset = std::min(offset, size());
    while (offset < size() && !isSeparator(offset))
        ++offset;
    while (offset < size() && isSeparator(offset))
        ++offset;
    return offset;
}

bool SecretEditModel::removeRange(std::size_t from, std::size_t to)
{
    if (hasSelection()) {
        from = selectionStart();
        to = selectionEnd();
    }
    to = std::min(to, size());
    if (from >= to)
        return false;
    std::uint8_t* data = m_text.data();
    std::memmove(data + from, data + to, size() - to);
    (void)m_text.resize(size() - (to - from)); // shrinking wipes the tail and cannot fail
    m_cursor = m_anchor = from;
    return true;
}

bool SecretEditModel::removeSelection()
{
    return hasSelection() && removeRange(selectionStart(), selectionEnd());
}

Result<std::size_t> SecretEditModel::openGap(std::size_t bytes)
{
    if (auto ready = ensureBuffer(); !ready)
        return ready.error();
    removeSelection();
    const std::size_t at = m_cursor;
    const std::size_t oldSize = size();
    if (auto grown = m_text.resize(oldSize + bytes); !grown)
        return grown.error();
    std::uint8_t* data = m_text.data();
    std::memmove(data + at + bytes, data + at, oldSize - at);
    return at;
}

Result<void> SecretEditModel::insert(SecretSpan utf8)
{
    if (utf8.empty()) {
        removeSelection();
        return {};
    }
    // The source may be this model's own bytes, which openGap moves: copy it first.
    const bool aliased = !m_text.isNull() && utf8.data() < m_text.data() + m_text.capacity() &&
                         utf8.data() + utf8.size() > m_text.data();
    SecretBuffer copy;
    if (aliased) {
        auto copied = m_arena->copyOf(utf8);
        if (!copied)
            return copied.error();
        copy = std::move(copied.value());
        utf8 = copy.span();
    }
    auto gap = openGap(utf8.size());
    if (!gap)
        return gap.error();
    std::memcpy(m_text.data() + gap.value(), utf8.data(), utf8.size());
    m_cursor = m_anchor = gap.value() + utf8.size();
    return {};
}

Result<void> SecretEditModel::insertCodePoint(char32_t codePoint)
{
    const std::size_t length = encodedLength(codePoint);
    auto gap = openGap(length);
    if (!gap)
        return gap.error();
    Utf8::encode(codePoint, m_text.data() + gap.value());
    m_cursor = m_anchor = gap.value() + length;
    return {};
}

} // namespace arcanum
