// SecretLabel: a read-only line that shows plaintext from the arena (a field in the entry view).
//
// Owns a copy of the text in its own arena SecretBuffer (so it never points into a buffer that
// an edit or a lock frees under it) and a SecretText with its scratch space. Masked, it draws a
// fixed number of bullets whatever the length, and its size hint does not depend on the text.
// It takes keyboard focus (Tab) and draws a focus frame, so keyboard users can reach it; with
// setMaskToggleEnabled(true), Space and double-click toggle the mask. Never a QString of the
// text; its accessible interface (SecretLabelAccessible) names the field, never the content.
// Lifetime: releaseSecrets() before the arena is released; destroy it before the arena.
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"
#include "secret/SecretSpan.h"
#include "secret/SecretText.h"

#include <QWidget>

namespace arcanum {

class SecretArena;

class SecretLabel : public QWidget
{
    Q_OBJECT

public:
    explicit SecretLabel(SecretArena* arena, QWidget* parent = nullptr);
    ~SecretLabel() override;

    // Wipes the text and uses `arena` from now on.
    void setArena(SecretArena* arena);
    [[nodiscard]] SecretArena* arena() const { return m_arena; }

    // Shows a copy of `utf8` (copied into this label's own arena buffer).
    [[nodiscard]] Result<void> setText(SecretSpan utf8);
    [[nodiscard]] SecretSpan text() const { return m_text.span(); }
    [[nodiscard]] bool isEmpty() const { return m_text.empty(); }
    // Wipes the text and the drawing scratch space. Safe after the arena was released.
    void clear();
    void releaseSecrets() { clear(); }

    void setMasked(bool masked);
    [[nodiscard]] bool isMasked() const { return m_masked; }
    // Space and double-click toggle the mask (off by default).
    void setMaskToggleEnabled(bool enabled) { m_maskToggle = enabled; }
    [[nodiscard]] bool isMaskToggleEnabled() const { return m_maskToggle; }

    // Withheld, the text is drawn but a screen reader is not given it (SecretLabelAccessible),
    // as if the label were masked: for text shown on screen that is still read aloud only on
    // the user's explicit reveal (a TOTP code). Off by default.
    void setAccessibleTextWithheld(bool withheld);
    [[nodiscard]] bool isAccessibleTextWithheld() const { return m_accessibleWithheld; }

    void setAlignment(Qt::Alignment alignment);
    [[nodiscard]] Qt::Alignment alignment() const { return m_alignment; }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    void maskedChanged(bool masked);

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    [[nodiscard]] SecretText::Options options() const;
    [[nodiscard]] QRect textRect() const;

    SecretArena* m_arena = nullptr;
    SecretBuffer m_text;
    mutable SecretText m_painter; // its scratch space is reused by sizeHint() and paintEvent()
    bool m_masked = false;
    bool m_maskToggle = false;
    bool m_accessibleWithheld = false;
    Qt::Alignment m_alignment = Qt::AlignLeft | Qt::AlignVCenter;
};

} // namespace arcanum
