// SecretLineEditAccessible: what assistive technology may learn about a secret editor
// (SecretLineEdit, and SecretTextEdit as a multi-line one).
//
// Role EditableText; states editable, passwordEdit (password mode), multiLine (text edit); the
// name is the accessible name the application set, or else the placeholder text. It offers no
// QAccessibleTextInterface or QAccessibleEditableTextInterface and text(Value) is always empty,
// so neither the content nor its length leaves the process over AT-SPI. Owns nothing.
#pragma once

#include <QAccessibleWidget>

namespace arcanum {

class SecretLineEditAccessible : public QAccessibleWidget
{
public:
    explicit SecretLineEditAccessible(QWidget* widget);

    [[nodiscard]] QString text(QAccessible::Text type) const override;
    [[nodiscard]] QAccessible::State state() const override;

    // Registers (once) the factory that gives SecretLineEdit, SecretTextEdit and SecretLabel
    // their accessible interfaces. The widgets call it from their constructors.
    static void installFactory();
};

} // namespace arcanum
