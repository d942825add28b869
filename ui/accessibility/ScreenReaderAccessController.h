// ScreenReaderAccessController: the user's screen-reader choice, applied (issue 12).
//
// Applies Settings::screenReaderAccess() to ScreenReaderAccess, shows it in a permanent status-bar
// label (while assistive technology is active or access is on), and the first time assistive
// technology is active without a choice made, asks with ScreenReaderAccessDialog and stores the
// answer. Watches QAccessible's activation (a screen reader may start after Arcanum). Owns the
// label (a child of the status bar); `settings` is not owned.
#pragma once

#include <QAccessible>
#include <QObject>

class QLabel;
class QStatusBar;
class QWidget;

namespace arcanum {

class Settings;

class ScreenReaderAccessController : public QObject, public QAccessible::ActivationObserver
{
    Q_OBJECT

public:
    ScreenReaderAccessController(Settings* settings, QWidget* window, QStatusBar* statusBar);
    ~ScreenReaderAccessController() override;

    // Reads the setting again (after the Settings dialog) and updates everything.
    void apply();
    // What QAccessible says; tests call it directly (offscreen has no accessibility bridge).
    void accessibilityActiveChanged(bool active) override;

    [[nodiscard]] QLabel* indicator() const { return m_indicator; }

signals:
    // The dialog is about to open (tests answer it).
    void asking();

private:
    void askOnce();

    Settings* m_settings;
    QWidget* m_window;
    QLabel* m_indicator;
    bool m_active = false;
    bool m_asking = false;
};

} // namespace arcanum
