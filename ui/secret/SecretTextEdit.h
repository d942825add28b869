// SecretTextEdit: the multi-line input widget for secret notes.
//
// Same rules as SecretLineEdit (a SecretEditController holds the text in an arena SecretBuffer
// and the glyphs in arena scratch space; no QString of the text, no undo, no drag and drop, no
// input method, copy only as a copyRequested() request when allowed, keystroke QStrings zeroed in
// place) plus lines: Enter inserts a line break, lines wrap at spaces to the viewport width (a word
// longer than a line breaks anywhere), Up/Down/Page Up/Page Down move by visual line, Home/End go
// to the start/end of the visual line, and a vertical scroll bar appears when the text is taller
// than the widget. The table of visual lines holds only code point indexes (ordinary memory).
// No shaping, no bidi, no font fallback (missing characters are boxes). Read-only (setReadOnly),
// it shows text on the window background: keys and the mouse still move the cursor and select
// (and copy, when allowed), while typing, deleting, pasting and cutting are ignored.
// Lifetime: clear() (or releaseSecrets()) before the arena is released; destroy it first.
#pragma once

#include "common/Result.h"
#include "secret/SecretEditController.h"
#include "secret/SecretSpan.h"

#include <QAbstractScrollArea>
#include <vector>

namespace arcanum {

class SecretArena;

class SecretTextEdit : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit SecretTextEdit(SecretArena* arena, QWidget* parent = nullptr);

    // Wipes the text and uses `arena` from now on.
    void setArena(SecretArena* arena);
    [[nodiscard]] SecretArena* arena() const { return m_editor.model().arena(); }

    // The text as UTF-8 in the arena (line breaks are "\n" as typed or set); valid until the
    // next edit, clear() or setText().
    [[nodiscard]] SecretSpan text() const { return m_editor.model().text(); }
    // Replaces the text with a copy of `utf8` (cursor at the start, scrolled to the top). Does
    // not emit textEdited().
    [[nodiscard]] Result<void> setText(SecretSpan utf8);
    // Wipes the text and all arena scratch space. Safe after the arena was released.
    void clear();
    void releaseSecrets() { clear(); }
    [[nodiscard]] bool isEmpty() const { return m_editor.model().isEmpty(); }
    // Number of code points.
    [[nodiscard]] std::size_t length() const { return m_editor.model().codePointCount(); }

    // Not secret: an ordinary QString.
    void setPlaceholderText(const QString& text);
    [[nodiscard]] QString placeholderText() const { return m_placeholder; }

    // Lets Ctrl+C / Ctrl+X (and the menu) emit copyRequested(). Off by default.
    void setCopyAllowed(bool allowed) { m_editor.rules().copyAllowed = allowed; }
    [[nodiscard]] bool isCopyAllowed() const { return m_editor.rules().copyAllowed; }

    // Ignores typing, deleting, pasting and cutting (setText() still works); the cursor still
    // moves and selects. Drawn on the palette's Window colour instead of Base; accessible state
    // readOnly. Off by default.
    void setReadOnly(bool readOnly);
    [[nodiscard]] bool isReadOnly() const { return m_editor.rules().readOnly; }

    // Cursor and selection, in code points.
    [[nodiscard]] std::size_t cursorPosition() const { return m_editor.cursorPosition(); }
    void setCursorPosition(std::size_t codePoints) { m_editor.setCursorPosition(codePoints); }
    [[nodiscard]] bool hasSelectedText() const { return m_editor.model().hasSelection(); }
    void selectAll() { m_editor.selectAll(); }

    // Visual lines after wrapping (at least 1), and the one the cursor is on.
    [[nodiscard]] int lineCount();
    [[nodiscard]] int cursorLine();

signals:
    // The user changed the text; not for setText/clear.
    void textEdited();
    // Copy or cut of `selection` was asked for (only when copying is allowed). The span is valid
    // during the emission only.
    void copyRequested(arcanum::SecretSpan selection);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    // One visual line: code points [from, to); a line break that ends it is not included.
    struct Line
    {
        std::size_t from = 0;
        std::size_t to = 0;
    };

    // Brings glyphs and lines up to date with the text, font and width; false if it failed.
    bool ensureLayout();
    void wrapLines(qreal width);
    void updateScrollBar();
    void ensureCursorVisible();
    [[nodiscard]] std::size_t lineOf(std::size_t index) const;
    [[nodiscard]] qreal lineTop(std::size_t line) const;
    [[nodiscard]] std::size_t offsetAt(const QPointF& position);
    // Handles the keys that move by visual line; false for any other key.
    bool lineKey(QKeyEvent& event);
    void moveToLine(std::ptrdiff_t delta, bool select);

    SecretEditController m_editor;
    std::vector<Line> m_lines;
    std::uint64_t m_linesGeneration = 0; // the layout the lines were wrapped from
    qreal m_wrapWidth = -1;
    qreal m_goalX = -1; // x kept across Up/Down, -1 when unset
    QString m_placeholder;
};

} // namespace arcanum
