// SecretAccessibleText: the read-only QAccessibleTextInterface of the secret widgets, for when the
// user let a screen reader read entry text (ScreenReaderAccess; issue 12).
//
// A subclass says what may be read right now (readableText(): a string from
// AccessibleTextPool, bullets, or nothing) and where the cursor is. Every string handed out —
// the whole text, a range, a word, a line — is a pooled one, wiped once Qt lets go of it. The
// assistive technology cannot change the text, the cursor or the selection. Owns nothing.
#pragma once

#include <QAccessibleTextInterface>

namespace arcanum {

class SecretAccessibleText : public QAccessibleTextInterface
{
public:
    // The text a screen reader may read now (pooled), or an empty string.
    [[nodiscard]] virtual QString readableText() const = 0;
    [[nodiscard]] virtual int cursorOffset() const { return 0; }

    void selection(int selectionIndex, int* startOffset, int* endOffset) const override;
    [[nodiscard]] int selectionCount() const override { return 0; }
    void addSelection(int, int) override {}
    void removeSelection(int) override {}
    void setSelection(int, int, int) override {}
    [[nodiscard]] int cursorPosition() const override { return cursorOffset(); }
    void setCursorPosition(int) override {}
    [[nodiscard]] QString text(int startOffset, int endOffset) const override;
    [[nodiscard]] QString textBeforeOffset(int offset, QAccessible::TextBoundaryType boundaryType,
                                           int* startOffset, int* endOffset) const override;
    [[nodiscard]] QString textAfterOffset(int offset, QAccessible::TextBoundaryType boundaryType,
                                          int* startOffset, int* endOffset) const override;
    [[nodiscard]] QString textAtOffset(int offset, QAccessible::TextBoundaryType boundaryType,
                                       int* startOffset, int* endOffset) const override;
    [[nodiscard]] int characterCount() const override;
    [[nodiscard]] QRect characterRect(int) const override { return {}; }
    [[nodiscard]] int offsetAtPoint(const QPoint&) const override { return -1; }
    void scrollToSubstring(int, int) override {}
    [[nodiscard]] QString attributes(int offset, int* startOffset, int* endOffset) const override;
};

} // namespace arcanum
