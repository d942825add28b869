// SecretLabelAccessible: what assistive technology may learn about a SecretLabel.
//
// Role StaticText; the name is the accessible name the application set (e.g. "Password"), the
// description says whether the value is hidden. text(Value) is always empty. While
// ScreenReaderAccess is on, a read-only text interface (SecretAccessibleText) gives the shown
// text — nothing while the label is masked, so a password is read only after the user revealed
// it, and no longer once it is hidden again (likewise while the label withholds its text:
// setAccessibleTextWithheld); while it is off there is no text interface and the
// content never leaves the process over AT-SPI. No event ever carries the text. Owns nothing.
#pragma once

#include "secret/SecretAccessibleText.h"

#include <QAccessibleWidget>

namespace arcanum {

class SecretLabel;

class SecretLabelAccessible : public QAccessibleWidget, public SecretAccessibleText
{
public:
    explicit SecretLabelAccessible(SecretLabel* label);

    [[nodiscard]] QString text(QAccessible::Text type) const override;
    [[nodiscard]] void* interface_cast(QAccessible::InterfaceType type) override;
    [[nodiscard]] QString readableText() const override;
    using SecretAccessibleText::text;
};

} // namespace arcanum
