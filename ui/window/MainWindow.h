// MainWindow: Arcanum's window. Thin: it owns the session, the lock controller, the clipboard
// guard and the hibernation banner, switches between the unlock page and the vault page, and
// puts the actions in menus. Every lock request (Ctrl+L from any window, the menu, idle, screen
// lock, sleep) goes through the LockCoordinator, which may ask about unsaved edits, and then
// through lockVault().
#pragma once

#include "lock/LockReason.h"
#include "platform/HibernationProbe.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QStackedWidget;

namespace arcanum {

class ClipboardGuard;
class ScreenReaderAccessController;
class BrowserIntegration;
class CsvImportController;
class DiscardedEditNotice;
class EntryActions;
class GroupActions;
class HibernationBanner;
class LockController;
class LockCoordinator;
class LockSignalSource;
class Settings;
class UnlockPage;
class VaultPage;
class VaultSession;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `settings` and `lockSource` are not owned (lockSource may be null: no desktop signals).
    MainWindow(Settings* settings, LockSignalSource* lockSource,
               HibernationProbe probe = HibernationProbe(), QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the unlock page for `path` with the focus in the password field.
    void openVault(const QString& path);

    [[nodiscard]] VaultSession* session() const { return m_session; }
    [[nodiscard]] UnlockPage* unlockPage() const { return m_unlockPage; }
    [[nodiscard]] VaultPage* vaultPage() const { return m_vaultPage; }
    [[nodiscard]] EntryActions* actions() const { return m_actions; }
    [[nodiscard]] GroupActions* groupActions() const { return m_groupActions; }
    [[nodiscard]] LockController* lockController() const { return m_lock; }
    [[nodiscard]] LockCoordinator* lockCoordinator() const { return m_lockCoordinator; }
    [[nodiscard]] DiscardedEditNotice* discardedEditNotice() const { return m_discardedNotice; }
    [[nodiscard]] ClipboardGuard* clipboard() const { return m_clipboard; }
    [[nodiscard]] HibernationBanner* banner() const { return m_banner; }
    [[nodiscard]] QAction* changePasswordAction() const { return m_changePasswordAction; }
    [[nodiscard]] CsvImportController* csvImport() const { return m_csvImport; }
    [[nodiscard]] ScreenReaderAccessController* screenReader() const { return m_screenReader; }
    [[nodiscard]] QString protectionText() const;
    // The browser server, for Settings → Browser integration (not owned; may stay null).
    void setBrowserIntegration(BrowserIntegration* browser) { m_browser = browser; }
    [[nodiscard]] BrowserIntegration* browserIntegration() const { return m_browser; }

public slots:
    void lockVault(arcanum::LockReason reason = arcanum::LockReason::OnDemand);
    void unlock();
    void createVault();
    void chooseVault();
    void changeMasterPassword();
    void showSettings();
    void applySettings();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void onUnlocked();
    void onUnlockFailed(int errorCode, const QString& message);
    void onLocked();
    void updateTitle();

    Settings* m_settings;
    BrowserIntegration* m_browser = nullptr;
    HibernationProbe m_probe;
    HibernationVerdict m_hibernation; // the probe's last answer, asked before each unlock
    VaultSession* m_session = nullptr;
    LockController* m_lock = nullptr;
    LockCoordinator* m_lockCoordinator = nullptr;
    DiscardedEditNotice* m_discardedNotice = nullptr;
    ClipboardGuard* m_clipboard = nullptr;
    QStackedWidget* m_pages = nullptr;
    UnlockPage* m_unlockPage = nullptr;
    VaultPage* m_vaultPage = nullptr;
    EntryActions* m_actions = nullptr;
    GroupActions* m_groupActions = nullptr;
    CsvImportController* m_csvImport = nullptr;
    HibernationBanner* m_banner = nullptr;
    ScreenReaderAccessController* m_screenReader = nullptr;
    QLabel* m_protection = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_changePasswordAction = nullptr;
    LockReason m_lastLockReason = LockReason::OnDemand;
};

} // namespace arcanum
