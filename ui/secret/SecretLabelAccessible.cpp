#include "secret/SecretLabelAccessible.h"

#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ScreenReaderAccess.h"
#include "secret/SecretLabel.h"

#include <QCoreApplication>

namespace arcanum {

SecretLabelAccessible::SecretLabelAccessible(SecretLabel* label)
    : QAccessibleWidget(label, QAccessible::StaticText)
{}

QString SecretLabelAccessible::text(QAccessible::Text type) const
{
    switch (type) {
    case QAccessible::Value:
        return {};
    case QAccessible::Description: {
        const QString description = QAccessibleWidget::text(type);
        if (!description.isEmpty())
            return description;
        const auto* label = static_cast<const SecretLabel*>(widget());
        if (label->isMasked())
            return QCoreApplication::translate("arcanum::SecretLabel", "Hidden");
        if (label->isAccessibleTextWithheld())
            return QCoreApplication::translate("arcanum::SecretLabel",
                                               "Shown on screen; read aloud once revealed");
        return QCoreApplication::translate("arcanum::SecretLabel", "Shown on screen");
    }
    default:
        return QAccessibleWidget::text(type);
    }
}

void* SecretLabelAccessible::interface_cast(QAccessible::InterfaceType type)
{
    if (type == QAccessible::TextInterface)
        return ScreenReaderAccess::isOn() ? static_cast<QAccessibleTextInterface*>(this) : nullptr;
    return QAccessibleWidget::interface_cast(type);
}

QString SecretLabelAccessible::readableText() const
{
    const auto* label = static_cast<const SecretLabel*>(widget());
    if (!ScreenReaderAccess::isOn() || label->isMasked() || label->isAccessibleTextWithheld() ||
        label->isEmpty())
        return {};
    return AccessibleTextPool::instance().text(label->text());
}

} // namespace arcanum
