// BrowserSettingsPage: Settings → Browser integration.
//
// - whether the app serves the browser extension (BrowserIntegration started or stopped on OK);
// - whether a request made while locked brings the unlock window forward, and whether the host
//   starts Arcanum when the browser asks (BrowserHostConfig's file, read by the host);
// - the vault's browser connections (associations): name, key fingerprint, last use, and a
//   Remove button that removes one at once and saves the vault. Names are vault content: drawn
//   by SecretLabels from the arena, never QStrings; fingerprints and times are not secret. While
//   the vault is locked the list says so; the page wipes its labels on aboutToLock;
// - the host's registration with each browser (HostRegistration): its state, and
//   Register / Unregister at once. A manifest of another program (KeePassXC's) is replaced only
//   after the user agrees; it is kept as a backup and restored by Unregister. Inside Flatpak
//   (FLATPAK_ID set) the sandbox cannot write the browsers' folders: the buttons give way to the
//   one command to paste in a terminal (RegistrationScript; read-only, with Copy — not a secret),
//   for register and for unregister, and a state the sandbox cannot see says so.
#pragma once

#include "autofill/HostRegistration.h"

#include <QWidget>
#include <functional>
#include <optional>
#include <vector>

class QCheckBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace arcanum {

class BrowserIntegration;
class SecretLabel;
class Settings;
class VaultSession;

class BrowserSettingsPage : public QWidget
{
    Q_OBJECT

public:
    // `browser` and `session` may be null (no server in this process: its controls are off).
    BrowserSettingsPage(Settings* settings, BrowserIntegration* browser, VaultSession* session,
                        QWidget* parent = nullptr);
    ~BrowserSettingsPage() override;

    // Writes the settings and starts or stops the server; false with a message on failure.
    [[nodiscard]] bool apply(QString& error);

    [[nodiscard]] QCheckBox* enableBox() const { return m_enable; }
    [[nodiscard]] QCheckBox* raiseUnlockBox() const { return m_raiseUnlock; }
    [[nodiscard]] QCheckBox* startAppBox() const { return m_startApp; }
    // One Remove button per association, in the vault's order.
    [[nodiscard]] const std::vector<QPushButton*>& removeButtons() const { return m_remove; }
    [[nodiscard]] const std::vector<SecretLabel*>& associationNames() const { return m_names; }
    [[nodiscard]] QLabel* associationsNote() const { return m_associationsNote; }
    [[nodiscard]] QPushButton* registerButton(autofill::Browser browser) const;
    [[nodiscard]] QLabel* registrationState(autofill::Browser browser) const;
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }
    // Flatpak only (else null): the read-only commands and their Copy buttons.
    [[nodiscard]] QLineEdit* registerCommand() const { return m_registerCommand; }
    [[nodiscard]] QLineEdit* unregisterCommand() const { return m_unregisterCommand; }
    [[nodiscard]] QPushButton* copyRegisterButton() const { return m_copyRegister; }
    [[nodiscard]] QPushButton* copyUnregisterButton() const { return m_copyUnregister; }

    // Asked before replacing another program's manifest; tests replace it (default: a
    // QMessageBox).
    void setConfirmReplace(std::function<bool(const QString& question)> confirm)
    {
        m_confirmReplace = std::move(confirm);
    }

    void reloadAssociations();
    void reloadRegistrations();
    void releaseSecrets();

private:
    void removeAssociation(std::size_t index);
    void toggleRegistration(autofill::Browser browser);
    QWidget* flatpakCommands(const std::string& flatpakId, QWidget* parent);

    Settings* m_settings;
    BrowserIntegration* m_browser;
    VaultSession* m_session;
    std::optional<autofill::HostRegistration> m_registration;
    QString m_registrationError;
    std::string m_hostConfig;
    QCheckBox* m_enable;
    QCheckBox* m_raiseUnlock;
    QCheckBox* m_startApp;
    QWidget* m_associations;
    QGridLayout* m_associationGrid;
    QLabel* m_associationsNote;
    std::vector<SecretLabel*> m_names;
    std::vector<QPushButton*> m_remove;
    std::vector<QWidget*> m_associationRows;
    struct BrowserRow
    {
        autofill::Browser browser;
        QLabel* state;
        QPushButton* button;
    };
    std::vector<BrowserRow> m_rows;
    QLabel* m_status;
    QLineEdit* m_registerCommand = nullptr;
    QLineEdit* m_unregisterCommand = nullptr;
    QPushButton* m_copyRegister = nullptr;
    QPushButton* m_copyUnregister = nullptr;
    std::function<bool(const QString&)> m_confirmReplace;
};

} // namespace arcanum
