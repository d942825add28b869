// UnlockPage: the locked state of the main window — which vault, its master password, Unlock.
//
// The password field types into a small arena of this page's own, created when the field is
// first focused and released after unlocking, so no secret memory (which blocks hibernation)
// exists while Arcanum merely sits locked. While Argon2 runs the page shows a BusyIndicator with
// "Deriving the key…" beside it and a Cancel button (Escape too), and disables the rest; a wrong
// password says so and lets the user retry at once.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <QWidget>
#include <memory>

class QLabel;
class QListWidget;
class QPushButton;

namespace arcanum {

class BusyIndicator;
class SecretLineEdit;

class UnlockPage : public QWidget
{
    Q_OBJECT

public:
    explicit UnlockPage(QWidget* parent = nullptr);
    ~UnlockPage() override;

    void setVaultPath(const QString& path);
    [[nodiscard]] const QString& vaultPath() const { return m_path; }
    void setRecentVaults(const QStringList& paths);
    void setArenaOptions(const SecretArenaOptions& options) { m_arenaOptions = options; }

    void setBusy(bool busy);
    // An unlock failed: shows `message` (red for a wrong password) and refocuses the field.
    void showError(const QString& message);
    void clearError();
    // Wipes the typed password and releases this page's arena.
    void releaseSecrets();
    // Puts the keyboard focus in the password field.
    void focusPassword();

    // This page's input arena (created on demand), also lent to the create-vault dialog. Valid
    // until releaseSecrets().
    [[nodiscard]] SecretArena* inputArena();

    // The typed password, moved out of the field (into this page's arena). Empty when none.
    [[nodiscard]] Result<SecretBuffer> takePassword();
    [[nodiscard]] SecretLineEdit* passwordField() const { return m_password; }
    // The error shown, or empty (tests and accessibility).
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] bool isBusy() const;
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }
    [[nodiscard]] QLabel* busyLabel() const { return m_busyText; }
    [[nodiscard]] BusyIndicator* busyIndicator() const { return m_busy; }

signals:
    void unlockRequested();
    // Cancel (or Escape) while busy.
    void cancelRequested();
    void createRequested();
    void openRequested();
    void recentVaultChosen(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void ensureArena();
    void updateUnlockButton();

    QString m_path;
    SecretArenaOptions m_arenaOptions;
    std::unique_ptr<SecretArena> m_arena; // declared before the widgets that use it
    QLabel* m_title = nullptr;
    QLabel* m_pathLabel = nullptr;
    SecretLineEdit* m_password = nullptr;
    QPushButton* m_unlock = nullptr;
    QWidget* m_busyRow = nullptr;
    BusyIndicator* m_busy = nullptr;
    QLabel* m_busyText = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_error = nullptr;
    QListWidget* m_recent = nullptr;
    QPushButton* m_create = nullptr;
    QPushButton* m_open = nullptr;
};

} // namespace arcanum
