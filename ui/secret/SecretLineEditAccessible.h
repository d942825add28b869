// SecretLineEditAccessible: what assistive technology may learn about a secret editor
// (SecretLineEdit, and SecretTextEdit as a multi-line one).
//
// Role EditableText; states editable, passwordEdit (password mode), multiLine (text edit); the
// name is the accessible name the application set, or else the placeholder text. text(Value) is
// always empty and there is no editable-text interface.
//
// While ScreenReaderAccess is off there is no text interface either, and no text event: neither
// the content nor its length leaves the process. While it is on, a read-only text interface
// (SecretAccessibleText) gives the text — one bullet per character for a masked password field,
// as every password field does — and textEdited()/cursorMoved() from the widget become AT-SPI
// text-inserted (bullets for a masked field) and caret-moved events. Owns nothing but the last
// length it announced.
#pragma once

#include "secret/SecretAccessibleText.h"

#include <QAccessibleWidget>

namespace arcanum {

class SecretLineEditAccessible : public QAccessibleWidget, public SecretAccessibleText
{
public:
    explicit SecretLineEditAccessible(QWidget* widget);

    [[nodiscard]] QString text(QAccessible::Text type) const override;
    [[nodiscard]] QAccessible::State state() const override;
    [[nodiscard]] void* interface_cast(QAccessible::InterfaceType type) override;

    [[nodiscard]] QString readableText() const override;
    [[nodiscard]] int cursorOffset() const override;
    using SecretAccessibleText::text;

    // The widget calls these; they announce nothing unless a screen reader may read the text.
    static void textEdited(QWidget* widget);
    static void cursorMoved(QWidget* widget);
    // setText()/clear(): the next edit is measured from here; nothing is announced.
    static void textReplaced(QWidget* widget);

    // Registers (once) the factory that gives SecretLineEdit, SecretTextEdit and SecretLabel
    // their accessible interfaces. The widgets call it from their constructors.
    static void installFactory();

private:
    [[nodiscard]] bool isMasked() const;
    [[nodiscard]] std::size_t length() const;
    void announceEdit();

    std::size_t m_announcedLength = 0;
};

} // namespace arcanum
