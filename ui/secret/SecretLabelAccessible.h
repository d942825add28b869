// SecretLabelAccessible: what assistive technology may learn about a SecretLabel.
//
// Role StaticText; the name is the accessible name the application set (e.g. "Password"), the
// description says whether the value is hidden. text(Value) is always empty and there is no
// text interface: the content never leaves the process over AT-SPI. Owns nothing.
#pragma once

#include <QAccessibleWidget>

namespace arcanum {

class SecretLabel;

class SecretLabelAccessible : public QAccessibleWidget
{
public:
    explicit SecretLabelAccessible(SecretLabel* label);

    [[nodiscard]] QString text(QAccessible::Text type) const override;
};

} // namespace arcanum
