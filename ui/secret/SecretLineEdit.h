// SecretLineEdit: the one-line input widget for secrets (master password, entry fields).
//
// Owns a SecretEditController, which holds the text in an arena SecretBuffer (SecretEditModel)
// and the arena scratch space it draws from (SecretTextLayout); never a QString of the text
// (the placeholder is an ordinary, non-secret QString), no undo history, no drag and drop, no
// input method (WA_InputMethodEnabled is off), no copy to the X11 selection. Password mode draws
// one bullet per character until revealed; both modes draw through the glyph path of SecretText.
// Copy and cut are off by default; when allowed they only emit copyRequested(), so the owner
// copies through the arena-backed clipboard. Its accessible interface (SecretLineEditAccessible)
// tells the role and the password state, never the text or its length.
//
// Lifetime: call clear() (or releaseSecrets()) before the arena is released or destroyed, and
// destroy the widget before the arena: its buffers return themselves to the arena.
// The copies it cannot avoid: Qt delivers each keystroke as a heap QString in QKeyEvent::text()
// (made by the platform plugin before any widget sees it; this widget zeroes that buffer in
// place once the character is in the arena), and a paste passes through Qt's clipboard code.
// See ui/secret/README.md for both and for what Qt's drawing code keeps.
#pragma once

#include "common/Result.h"
#include "secret/SecretEditController.h"
#include "secret/SecretSpan.h"

#include <QWidget>

class QStyleOptionFrame;

namespace arcanum {

class SecretArena;

class SecretLineEdit : public QWidget
{
    Q_OBJECT

public:
    enum class EchoMode
    {
        Normal,   // the text is shown (titles, user names, URLs)
        Password, // bullets until setRevealed(true)
    };
    Q_ENUM(EchoMode)

    explicit SecretLineEdit(SecretArena* arena, QWidget* parent = nullptr);

    // Wipes the text and uses `arena` from now on.
    void setArena(SecretArena* arena);
    [[nodiscard]] SecretArena* arena() const { return m_editor.model().arena(); }

    // The text as UTF-8 in the arena; valid until the next edit, clear() or setText().
    [[nodiscard]] SecretSpan text() const { return m_editor.model().text(); }
    // Replaces the text with a copy of `utf8` (cursor at the end). Does not emit textEdited().
    [[nodiscard]] Result<void> setText(SecretSpan utf8);
    // Wipes the text and all arena scratch space. Safe after the arena was released.
    void clear();
    // Same as clear(): what a lock controller calls on every secret widget.
    void releaseSecrets() { clear(); }
    [[nodiscard]] bool isEmpty() const { return m_editor.model().isEmpty(); }
    // Number of code points.
    [[nodiscard]] std::size_t length() const { return m_editor.model().codePointCount(); }

    void setEchoMode(EchoMode mode);
    [[nodiscard]] EchoMode echoMode() const { return m_echoMode; }
    // Shows the text of a Password field (or hides it again). No effect on the text itself.
    void setRevealed(bool revealed);
    [[nodiscard]] bool isRevealed() const { return m_revealed; }
    // True while bullets are drawn instead of the text.
    [[nodiscard]] bool isMasked() const { return m_echoMode == EchoMode::Password && !m_revealed; }

    // Not secret: an ordinary QString.
    void setPlaceholderText(const QString& text);
    [[nodiscard]] QString placeholderText() const { return m_placeholder; }

    // Lets Ctrl+C / Ctrl+X (and the menu) emit copyRequested(). Off by default.
    void setCopyAllowed(bool allowed);
    [[nodiscard]] bool isCopyAllowed() const { return m_editor.rules().copyAllowed; }

    // Cursor and selection, in code points.
    [[nodiscard]] std::size_t cursorPosition() const { return m_editor.cursorPosition(); }
    void setCursorPosition(std::size_t codePoints) { m_editor.setCursorPosition(codePoints); }
    [[nodiscard]] bool hasSelectedText() const { return m_editor.model().hasSelection(); }
    void selectAll();
    void deselect();

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    // The user changed the text (typing, deleting, pasting, cutting); not for setText/clear.
    void textEdited();
    // Enter or Return was pressed; the key event is then left to the parent (default button).
    void returnPressed();
    void revealedChanged(bool revealed);
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

private:
    void initStyleOption(QStyleOptionFrame* option) const;
    // The rectangle of the one text line, in widget coordinates.
    [[nodiscard]] QRectF lineRect() const;
    // Brings the layout up to date with the text, font and echo mode; false if it failed.
    bool ensureLayout();
    void updateScroll(qreal lineWidth);
    [[nodiscard]] std::size_t offsetAt(const QPointF& position);

    SecretEditController m_editor;
    EchoMode m_echoMode = EchoMode::Normal;
    bool m_revealed = false;
    qreal m_scroll = 0;
    QString m_placeholder;
};

} // namespace arcanum
