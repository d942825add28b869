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
    // Read without copying: text() shares the event's buffer.
    const QString text = static_cast<const QKeyEvent&>(event).text();
    if (text.isEmpty() || !text.at(0).isPrint())
        return false;
    return isShieldedField(QApplication::focusWidget());
}

} // namespace arcanum
