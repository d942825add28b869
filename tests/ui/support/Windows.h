// Test support: showing a window and making it the active one, which keyboard focus, Tab and
// window shortcuts (Ctrl+Return) need. Header-only.
#pragma once

#include <QApplication>
#include <QWidget>
#include <QtTest>

namespace arcanum::test {

// Shows `window` and waits until it is active; false if it never became active.
[[nodiscard]] inline bool showAndActivate(QWidget& window)
{
    window.show();
    QApplication::setActiveWindow(&window);
    return QTest::qWaitForWindowActive(&window);
}

} // namespace arcanum::test
