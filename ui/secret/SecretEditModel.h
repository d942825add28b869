// SecretEditModel: the text, cursor and selection of a secret editor, with the text in arena
// memory.
//
// Owns one SecretBuffer (UTF-8) in the caller's SecretArena; every edit happens in place in that
// buffer (typed code points are encoded straight into it). Positions are byte offsets that always
// sit on a code point boundary, as Utf8::decode splits the text. No undo history, no copy of the
// text anywhere else. clear() wipes; after the arena is released call clear() before anything
// else touches the model. Plain C++: the widgets translate Qt events into these calls.
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"
#include "secret/SecretSpan.h"

#include <cstddef>

namespace arcanum {

class SecretArena;

class SecretEditModel
{
public:
    explicit SecretEditModel(SecretArena* arena = nullptr);

    // Wipes the text and uses `arena` from now on.
    void setArena(SecretArena* arena);
    [[nodiscard]] SecretArena* arena() const { return m_arena; }

    [[nodiscard]] SecretSpan text() const { return m_text.span(); }
    [[nodiscard]] bool isEmpty() const { return m_text.empty(); }
    [[nodiscard]] std::size_t size() const { return m_text.size(); }
    [[nodiscard]] std::size_t codePointCount() const;

    // Replaces the text with a copy of `utf8` (which may point into this model); the cursor goes
    // to the end. On failure the text is unchanged.
    [[nodiscard]] Result<void> setText(SecretSpan utf8);
    // Wipes the text and returns its memory to the arena. Safe after the arena was released.
    void clear();

    [[nodiscard]] std::size_t cursor() const { return m_cursor; }
    [[nodiscard]] std::size_t anchor() const { return m_anchor; }
    [[nodiscard]] bool hasSelection() const { return m_cursor != m_anchor; }
    [[nodiscard]] std::size_t selectionStart() const;
    [[nodiscard]] std::size_t selectionEnd() const;
    [[nodiscard]] SecretSpan selectedText() const;

    // Moves the cursor to `offset` (snapped to the code point boundary at or before it); with
    // `select` the anchor stays, extending the selection.
    void setCursor(std::size_t offset, bool select = false);
    void selectAll();
    // Selects the word around `offset` (the run of non-separators it touches).
    void selectWordAt(std::size_t offset);

    // Boundaries around `offset`: the previous/next code point, the start of the word before
    // and the start of the next word (words are separated by spaces, tabs and line breaks).
    [[nodiscard]] std::size_t previousCodePoint(std::size_t offset) const;
    [[nodiscard]] std::size_t nextCodePoint(std::size_t offset) const;
    [[nodiscard]] std::size_t previousWord(std::size_t offset) const;
    [[nodiscard]] std::size_t nextWord(std::size_t offset) const;

    // Replaces the selection (if any) with `utf8` and puts the cursor after it.
    [[nodiscard]] Result<void> insert(SecretSpan utf8);
    // Replaces the selection (if any) with one code point, encoded straight into the arena.
    // Surrogates and values past U+10FFFF become U+FFFD.
    [[nodiscard]] Result<void> insertCodePoint(char32_t codePoint);
    // Removes the selected bytes; false when nothing was selected.
    bool removeSelection();
    // Removes the selection, else [from, to) (clamped); false when nothing was removed.
    bool removeRange(std::size_t from, std::size_t to);

private:
    [[nodiscard]] Result<void> ensureBuffer();
    // Opens a gap of `bytes` at the cursor (after removing the selection); returns its start.
    [[nodiscard]] Result<std::size_t> openGap(std::size_t bytes);
    [[nodiscard]] bool isSeparator(std::size_t offset) const;
    [[nodiscard]] bool isBoundary(std::size_t offset) const;

    SecretArena* m_arena = nullptr;
    SecretBuffer m_text;
    std::size_t m_cursor = 0;
    std::size_t m_anchor = 0;
};

} // namespace arcanum
