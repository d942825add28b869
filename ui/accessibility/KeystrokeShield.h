// KeystrokeShield: keeps the characters typed into secret fields away from AT-SPI keystroke
// listeners (issue 12; docs/SECURITY.md §3 "Screen readers").
//
// Qt's AT-SPI bridge (QSpiApplicationAdaptor, an event filter on the application installed
// while any AT-SPI event listener exists) takes every *spontaneous* key press and release, sends
// its text, keysym and key code to the registry's DeviceEventController (which hands them to
// every keystroke listener of the session: a screen reader, or any program of the user), and
// re-posts a copy afterwards. A character typed into a password field must not go there.
// ArcanumApplication::notify() asks shouldShield() first and, when it says so, delivers the same
// event object through QCoreApplication::sendEvent(), which makes it non-spontaneous: the bridge
// lets it pass untouched and the widget gets it as usual. Nothing is copied.
//
// Shielded: key events of a character key or with printable text, without Ctrl, Alt or Meta,
// while the focus is in
// - a SecretLineEdit in Password mode (master password, new passwords, password, TOTP and
//   protected custom fields), always;
// - any other secret editor (SecretLineEdit, SecretTextEdit) while ScreenReaderAccess is off.
// Everything else (Tab, arrows, Return, Escape, Backspace, modifiers, function keys, Ctrl or Alt
// combinations) still reaches listeners, so a screen reader's own commands keep working.
#pragma once

class QEvent;
class QWidget;

namespace arcanum {

class KeystrokeShield
{
public:
    // True when `event` (for any receiver) must not reach Qt's accessibility bridge.
    [[nodiscard]] static bool shouldShield(const QEvent& event);
    // True when keys typed into `widget` are private (see above).
    [[nodiscard]] static bool isShieldedField(const QWidget* widget);
};

} // namespace arcanum
