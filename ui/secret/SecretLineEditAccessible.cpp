#include "secret/SecretLineEditAccessible.h"

#include "secret/SecretLabel.h"
#include "secret/SecretLabelAccessible.h"
#include "secret/SecretLineEdit.h"
#include "secret/SecretTextEdit.h"

namespace arcanum {

namespace {

QAccessibleInterface* secretWidgetFactory(const QString& key, QObject* object)
{
    if (key == QLatin1String(SecretLineEdit::staticMetaObject.className()) ||
        key == QLatin1String(SecretTextEdit::staticMetaObject.className())) {
        if (auto* widget = qobject_cast<QWidget*>(object))
            return new SecretLineEditAccessible(widget);
    }
    if (key == QLatin1String(SecretLabel::staticMetaObject.className())) {
        if (auto* label = qobject_cast<SecretLabel*>(object))
            return new SecretLabelAccessible(label);
    }
    return nullptr;
}

} // namespace

SecretLineEditAccessible::SecretLineEditAccessible(QWidget* widget)
    : QAccessibleWidget(widget, QAccessible::EditableText)
{}

QString SecretLineEditAccessible::text(QAccessible::Text type) const
{
    switch (type) {
    case QAccessible::Value:
        return {};
    case QAccessible::Name: {
        const QString name = QAccessibleWidget::text(type);
        if (!name.isEmpty())
            return name;
        if (auto* lineEdit = qobject_cast<const SecretLineEdit*>(widget()))
            return lineEdit->placeholderText();
        if (auto* textEdit = qobject_cast<const SecretTextEdit*>(widget()))
            return textEdit->placeholderText();
        return {};
    }
    default:
        // Description, help, accelerator: what the application set on the widget, never content.
        return QAccessibleWidget::text(type);
    }
}

QAccessible::State SecretLineEditAccessible::state() const
{
    QAccessible::State state = QAccessibleWidget::state();
    state.editable = true;
    if (auto* lineEdit = qobject_cast<const SecretLineEdit*>(widget())) {
        state.passwordEdit = lineEdit->echoMode() == SecretLineEdit::EchoMode::Password;
    } else {
        state.multiLine = true;
        if (auto* textEdit = qobject_cast<const SecretTextEdit*>(widget());
            textEdit && textEdit->isReadOnly()) {
            state.editable = false;
            state.readOnly = true;
        }
    }
    return state;
}

void SecretLineEditAccessible::installFactory()
{
    static const bool installed = [] {
        QAccessible::installFactory(secretWidgetFactory);
        return true;
    }();
    (void)installed;
}

} // namespace arcanum
