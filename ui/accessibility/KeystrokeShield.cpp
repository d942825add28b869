#include "accessibility/KeystrokeShield.h"

#include "accessibility/ScreenReaderAccess.h"
#include "secret/SecretLineEdit.h"
#include "secret/SecretTextEdit.h"

#include <QApplication>
#include <QKeyEvent>

namespace arcanum {

bool KeystrokeShield::isShieldedField(const QWidget* widget)
{
    if (const auto* line = qobject_cast<const SecretLineEdit*>(widget))
        return line->echoMode() == SecretLineEdit::EchoMode::Password ||
               !ScreenReaderAccess::isOn();
    if (qobject_cast<const SecretTextEdit*>(widget) != nullptr)
        return !ScreenReaderAccess::isOn();
    return false;
}

bool KeystrokeShield::shouldShield(const QEvent& event)
{
    if ((event.type() != QEvent::KeyPress && event.type() != QEvent::KeyRelease) ||
        !event.spontaneous())
        return false;
    const auto& key = static_cast<const QKeyEvent&>(event);
    if (key.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false; // a shortcut, not a typed character
    // A character key (Qt's codes below Key_Escape are Unicode), or any key that types text;
    // decided by the key too because the editor zeroes a key's text once it has it.
    const QString text = key.text(); // shares the event's buffer, no copy
    const bool typesText = !text.isEmpty() && text.at(0).isPrint();
    if (key.key() >= Qt::Key_Escape && !typesText)
        return false;
    return isShieldedField(QApplication::focusWidget());
}

} // namespace arcanum
