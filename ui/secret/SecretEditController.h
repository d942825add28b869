// SecretEditController: what SecretLineEdit and SecretTextEdit share — the text (a
// SecretEditModel in the arena), its glyph layout (SecretTextLayout, arena scratch), the font,
// the blinking caret, and the handling of keys, mouse, focus and the context menu.
//
// Owns the model and the layout (so all arena memory of an editor); it never makes a QString of
// the text. The widget owns the geometry: it turns positions into byte offsets, paints, and
// scrolls when changed() is emitted. Signals are re-emitted by the widget as its own.
#pragma once

#include "common/Result.h"
#include "secret/SecretEditActions.h"
#include "secret/SecretEditModel.h"
#include "secret/SecretFont.h"
#include "secret/SecretSpan.h"
#include "secret/SecretTextLayout.h"

#include <QBasicTimer>
#include <QObject>
#include <cstdint>

class QContextMenuEvent;
class QKeyEvent;
class QMouseEvent;
class QPaintDevice;

namespace arcanum {

class SecretArena;

class SecretEditController : public QObject
{
    Q_OBJECT

public:
    // `view` is the editor widget: the parent of menus and the one whose focus shows the caret.
    SecretEditController(SecretArena* arena, QWidget* view, bool multiLine);

    [[nodiscard]] SecretEditModel& model() { return m_model; }
    [[nodiscard]] const SecretEditModel& model() const { return m_model; }
    [[nodiscard]] const SecretTextLayout& layout() const { return m_layout; }
    [[nodiscard]] const SecretFont& font() const { return m_font; }
    [[nodiscard]] SecretEditActions::Rules& rules() { return m_rules; }
    [[nodiscard]] const SecretEditActions::Rules& rules() const { return m_rules; }
    // True while the caret should be drawn (focused, in the visible blink phase).
    [[nodiscard]] bool caretVisible() const;

    void setArena(SecretArena* arena);
    [[nodiscard]] Result<void> setText(SecretSpan utf8);
    // Wipes the text and the layout's scratch space.
    void clear();
    // The text, glyphs or their look changed: lay out again before the next use.
    void invalidate();

    // Lays the text out for `font` on `device` (bullets when `glyphs` says so); false on failure.
    bool ensureLayout(const QFont& font, const QPaintDevice* device,
                      SecretTextLayout::Glyphs glyphs = SecretTextLayout::Glyphs::Text);
    // Counts the layouts made, so a widget knows when what it derived from one is stale.
    [[nodiscard]] std::uint64_t layoutGeneration() const { return m_layoutGeneration; }

    // Cursor position in code points.
    [[nodiscard]] std::size_t cursorPosition() const;
    void setCursorPosition(std::size_t codePoints);
    void selectAll();
    // The selection as layout indexes (for drawing).
    [[nodiscard]] SecretTextLayout::Highlight selection(const QPalette& palette) const;

    // Event handling; each returns false when the event is not the editor's (let it propagate).
    bool shortcutOverride(QKeyEvent& event);
    bool keyPress(QKeyEvent& event);
    void keyRelease(QKeyEvent& event);
    // `offset` is the byte offset under the pointer.
    bool mousePress(const QMouseEvent& event, std::size_t offset);
    void mouseMove(const QMouseEvent& event, std::size_t offset);
    void mouseRelease(const QMouseEvent& event);
    void contextMenu(const QContextMenuEvent& event);
    void focusIn(Qt::FocusReason reason, bool selectAllOnTab);
    void focusOut(Qt::FocusReason reason);

    // Applies what an editing action did: signals, caret, changed().
    void apply(SecretEditActions::Outcome outcome);

signals:
    void textEdited();
    void copyRequested(arcanum::SecretSpan selection);
    // Something visible changed (text, cursor, selection, caret blink): repaint.
    void changed();
    // The user moved the cursor or edited (emitted before changed()): scroll it into view.
    void cursorMoved();

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    void startCaret();
    void textChanged();

    QWidget* m_view;
    SecretEditModel m_model;
    SecretTextLayout m_layout;
    SecretFont m_font;
    SecretEditActions::Rules m_rules;
    SecretTextLayout::Glyphs m_laidOutGlyphs = SecretTextLayout::Glyphs::Text;
    bool m_layoutValid = false;
    std::uint64_t m_layoutGeneration = 0;
    bool m_selecting = false;
    QBasicTimer m_caretTimer;
    bool m_caretVisible = false;
};

} // namespace arcanum
