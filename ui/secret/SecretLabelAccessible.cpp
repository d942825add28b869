#include "secret/SecretLabelAccessible.h"

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
        return label->isMasked()
                   ? QCoreApplication::translate("arcanum::SecretLabel", "Hidden")
                   : QCoreApplication::translate("arcanum::SecretLabel", "Shown on screen");
    }
    default:
        return QAccessibleWidget::text(type);
    }
}

} // namespace arcanum
