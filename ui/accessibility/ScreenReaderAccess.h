// ScreenReaderAccess: whether the user chose to let assistive technology read entry text
// (issue 12; docs/SECURITY.md §3 "Screen readers").
//
// Off: accessible interfaces give roles, states and field names only, never field text (the
// behaviour before this choice existed). On: titles, user names, URLs, group names, tags, notes
// and the search text are handed to Qt's accessibility bridge as text (through
// AccessibleTextPool); passwords and protected fields only while revealed. Keys typed into
// password and protected fields never reach AT-SPI keystroke listeners either way
// (KeystrokeShield).
//
// Process-wide on purpose, like QAccessible::isActive() beside which it is read: Qt creates
// accessible interfaces through factories that get nothing but the widget, and item models
// answer AccessibleTextRole without a window. MainWindow sets it from Settings; nothing else
// writes it.
#pragma once

#include <QObject>

namespace arcanum {

class ScreenReaderAccess : public QObject
{
    Q_OBJECT

public:
    static ScreenReaderAccess& instance();
    // The user chose to let a screen reader read entry text.
    [[nodiscard]] static bool isOn() { return instance().m_on; }
    static void setOn(bool on);

signals:
    void changed(bool on);

private:
    ScreenReaderAccess() = default;
    bool m_on = false;
};

} // namespace arcanum
