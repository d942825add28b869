// KdbxKeyDialog: the key of a KeePass database — its password and/or key file — for opening one
// (Vault → Import KeePass database…) or for a new one (Vault → Export to KeePass…).
//
// The password is typed into SecretLineEdits in the arena the caller gives (the import or export
// job's own), never a QString; the key file is a path (not secret), chosen with a file dialog or
// typed. Opening: the password, the key file, or both (an empty password field with a key file
// means the database has no password part, as KeePassXC does it). A new database: the password
// twice (compared in place, constant time), a key file optional. OK stays disabled, with the
// reason shown, until that holds. takePassword() copies the password into the arena and wipes
// the fields; every close wipes them too.
// Lifetime: the arena must outlive the dialog's fields (or releaseSecrets() first).
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace arcanum {

class SecretArena;
class SecretLineEdit;

class KdbxKeyDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        Open, // an existing database
        New,  // the database an export writes
    };

    // `fileName`: the database's file name, shown in the dialog (not secret).
    KdbxKeyDialog(SecretArena* arena, Mode mode, const QString& fileName,
                  QWidget* parent = nullptr);
    ~KdbxKeyDialog() override;

    [[nodiscard]] Mode mode() const { return m_mode; }
    // Why OK is disabled, or an empty string.
    [[nodiscard]] QString problem() const;

    // The password in a new arena buffer, or nullopt when the field is empty (no password part);
    // both fields are wiped.
    [[nodiscard]] Result<std::optional<SecretBuffer>> takePassword();
    // The key file's path, or empty.
    [[nodiscard]] QString keyFilePath() const;
    void setKeyFilePath(const QString& path);
    // Wipes the password fields.
    void releaseSecrets();
    // Open only: import the entries in the database's recycle bin too (off by default, as in
    // `arcanum-cli import-kdbx --keep-recycle-bin`).
    [[nodiscard]] bool keepRecycleBin() const;

    [[nodiscard]] SecretLineEdit* passwordEdit() const { return m_password; }
    [[nodiscard]] SecretLineEdit* confirmEdit() const { return m_confirm; } // New only
    [[nodiscard]] QLineEdit* keyFileEdit() const { return m_keyFile; }
    [[nodiscard]] QPushButton* browseButton() const { return m_browse; }
    [[nodiscard]] QLabel* problemLabel() const { return m_problem; }
    [[nodiscard]] QCheckBox* recycleBinCheckBox() const { return m_recycleBin; } // Open only
    [[nodiscard]] QPushButton* okButton() const;

protected:
    void done(int result) override;

private:
    void validate();
    void browse();

    SecretArena* m_arena;
    Mode m_mode;
    SecretLineEdit* m_password = nullptr;
    SecretLineEdit* m_confirm = nullptr;
    QToolButton* m_reveal = nullptr;
    QLineEdit* m_keyFile = nullptr;
    QPushButton* m_browse = nullptr;
    QCheckBox* m_recycleBin = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace arcanum
