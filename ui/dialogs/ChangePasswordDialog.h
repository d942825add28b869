// ChangePasswordDialog: sets a new master password for the open vault.
//
// The new password is typed twice into NewPasswordFields in the vault's arena. On "Change" the
// dialog hands a copy to VaultSession::changePassword() and stays open, fields disabled, behind a
// busy bar while Argon2 runs (the vault keeps its Argon2id costs and gets a fresh salt); it
// closes with Accepted once the vault is saved under the new password, or shows the error and
// lets the user try again. It cannot be cancelled while Argon2 runs. It follows
// VaultSession::aboutToLock itself: a lock wipes both fields and rejects.
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QMessageBox;
class QProgressBar;
class QPushButton;

namespace arcanum {

class NewPasswordFields;
class SecretLineEdit;
class VaultSession;

class ChangePasswordDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ChangePasswordDialog(VaultSession* session, QWidget* parent = nullptr);
    ~ChangePasswordDialog() override;

    // Why "Change" is disabled, or an empty string.
    [[nodiscard]] QString problem() const;
    [[nodiscard]] bool isBusy() const { return m_busy; }

    [[nodiscard]] NewPasswordFields* fields() const { return m_fields; }
    [[nodiscard]] QLabel* hintLabel() const { return m_hint; }
    [[nodiscard]] QProgressBar* busyBar() const { return m_busyBar; }
    [[nodiscard]] QPushButton* okButton() const;

public slots:
    void accept() override;
    void reject() override;

protected:
    void done(int result) override;

private:
    void validate();
    void start();
    void setBusy(bool busy);
    void onChanged();
    void onFailed(const QString& message);
    void onAboutToLock();

    VaultSession* m_session;
    NewPasswordFields* m_fields = nullptr;
    QLabel* m_costs;
    QLabel* m_hint;
    QProgressBar* m_busyBar;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace arcanum
