#include "secret/SecretLineEditAccessible.h"

#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ScreenReaderAccess.h"
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

// The widget's interface, when a screen reader may read its text; else null.
SecretLineEditAccessible* readableInterface(QWidget* widget)
{
    if (!QAccessible::isActive() || !ScreenReaderAccess::isOn())
        return nullptr;
    return dynamic_cast<SecretLineEditAccessible*>(QAccessible::queryAccessibleInterface(widget));
}

} // namespace

SecretLineEditAccessible::SecretLineEditAccessible(QWidget* widget)
    : QAccessibleWidget(widget, QAccessible::EditableText), m_announcedLength(length())
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

void* SecretLineEditAccessible::interface_cast(QAccessible::InterfaceType type)
{
    if (type == QAccessible::TextInterface)
        return ScreenReaderAccess::isOn() ? static_cast<QAccessibleTextInterface*>(this) : nullptr;
    return QAccessibleWidget::interface_cast(type);
}

bool SecretLineEditAccessible::isMasked() const
{
    const auto* lineEdit = qobject_cast<const SecretLineEdit*>(widget());
    return lineEdit != nullptr && lineEdit->isMasked();
}

std::size_t SecretLineEditAccessible::length() const
{
    if (const auto* lineEdit = qobject_cast<const SecretLineEdit*>(widget()))
        return lineEdit->length();
    if (const auto* textEdit = qobject_cast<const SecretTextEdit*>(widget()))
        return textEdit->length();
    return 0;
}

QString SecretLineEditAccessible::readableText() const
{
    if (!ScreenReaderAccess::isOn())
        return {};
    if (isMasked())
        return AccessibleTextPool::bullets(qsizetype(length()));
    if (const auto* lineEdit = qobject_cast<const SecretLineEdit*>(widget()))
        return AccessibleTextPool::instance().text(lineEdit->text());
    if (const auto* textEdit = qobject_cast<const SecretTextEdit*>(widget()))
        return AccessibleTextPool::instance().text(textEdit->text());
    return {};
}

int SecretLineEditAccessible::cursorOffset() const
{
    if (const auto* lineEdit = qobject_cast<const SecretLineEdit*>(widget()))
        return int(lineEdit->cursorPosition());
    if (const auto* textEdit = qobject_cast<const SecretTextEdit*>(widget()))
        return int(textEdit->cursorPosition());
    return 0;
}

void SecretLineEditAccessible::announceEdit()
{
    const std::size_t now = length();
    const std::size_t before = m_announcedLength;
    m_announcedLength = now;
    const int cursor = cursorOffset();
    const int grown = int(now) - int(before);
    // Typing (or a paste) puts the cursor after what was inserted: that is what to announce.
    // A removal is announced by the caret event alone (the removed text is gone).
    if (grown <= 0 || cursor < grown)
        return;
    const QString inserted =
        isMasked() ? AccessibleTextPool::bullets(grown) : text(cursor - grown, cursor);
    QAccessibleTextInsertEvent event(widget(), cursor - grown, inserted);
    QAccessible::updateAccessibility(&event);
}

void SecretLineEditAccessible::textEdited(QWidget* widget)
{
    if (SecretLineEditAccessible* accessible = readableInterface(widget))
        accessible->announceEdit();
}

void SecretLineEditAccessible::textReplaced(QWidget* widget)
{
    if (!QAccessible::isActive())
        return;
    if (auto* accessible =
            dynamic_cast<SecretLineEditAccessible*>(QAccessible::queryAccessibleInterface(widget)))
        accessible->m_announcedLength = accessible->length();
}

void SecretLineEditAccessible::cursorMoved(QWidget* widget)
{
    if (SecretLineEditAccessible* accessible = readableInterface(widget)) {
        QAccessibleTextCursorEvent event(widget, accessible->cursorOffset());
        QAccessible::updateAccessibility(&event);
    }
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
