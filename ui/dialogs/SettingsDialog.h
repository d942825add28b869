// SettingsDialog: the user's preferences — when to lock, how long copied secrets stay on the
// clipboard, whether to insist on secret memory, whether to show the hibernation banner, whether
// a screen reader may read entry text (the General tab); browser integration (the Browser
// integration tab, BrowserSettingsPage).
//
// Reads the Settings it is given when it opens and writes them back (then syncs) on OK; Cancel
// changes nothing. Holds nothing secret.
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace arcanum {

class BrowserIntegration;
class BrowserSettingsPage;
class Settings;
class VaultSession;

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // `browser` and `session` (may be null) are for the Browser integration tab.
    explicit SettingsDialog(Settings* settings, QWidget* parent = nullptr,
                            BrowserIntegration* browser = nullptr, VaultSession* session = nullptr);

    [[nodiscard]] QSpinBox* idleLockBox() const { return m_idleLock; }
    [[nodiscard]] QCheckBox* screenLockBox() const { return m_onScreenLock; }
    [[nodiscard]] QCheckBox* sleepBox() const { return m_beforeSleep; }
    [[nodiscard]] QSpinBox* clipboardBox() const { return m_clipboardSeconds; }
    [[nodiscard]] QCheckBox* secretMemoryBox() const { return m_requireSecretMemory; }
    [[nodiscard]] QCheckBox* hibernationBannerBox() const { return m_hibernationBanner; }
    [[nodiscard]] QCheckBox* screenReaderBox() const { return m_screenReader; }
    [[nodiscard]] BrowserSettingsPage* browserPage() const { return m_browserPage; }
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    [[nodiscard]] QPushButton* okButton() const;
    // Shown when the settings could not be written.
    [[nodiscard]] QLabel* errorLabel() const { return m_error; }

public slots:
    // Writes every setting and syncs; stays open (with the error shown) if writing failed.
    void accept() override;

private:
    Settings* m_settings;
    QTabWidget* m_tabs;
    BrowserSettingsPage* m_browserPage;
    QSpinBox* m_idleLock;
    QCheckBox* m_onScreenLock;
    QCheckBox* m_beforeSleep;
    QSpinBox* m_clipboardSeconds;
    QCheckBox* m_requireSecretMemory;
    QCheckBox* m_hibernationBanner;
    QCheckBox* m_screenReader;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
};

} // namespace arcanum
