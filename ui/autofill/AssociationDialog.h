// AssociationDialog: "a browser extension asks to connect to this vault" — names the
// browser's key fingerprint, lets the user name the connection, Connect or Deny.
//
// The fingerprint (16 bytes of SHA-256 of the extension's public identification key, in hex
// groups) is not secret: it cannot be turned back into the key, so it is shown in an ordinary
// QLabel that screen readers read. The name becomes vault content (the association's name, the
// protocol's "id"), so it is typed into a SecretLineEdit in the vault's arena and never becomes
// a QString. The field starts with a suggestion ("Browser on <computer>").
// On Connect the name moves into a SecretBuffer of the dialog's own, which name() returns until
// the dialog is destroyed; the field is wiped on every close.
// Lifetime: releaseSecrets() (or destroy the dialog) before the arena is released.
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"
#include "secret/SecretSpan.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace arcanum {

class SecretArena;
class SecretLineEdit;

class AssociationDialog : public QDialog
{
    Q_OBJECT

public:
    AssociationDialog(SecretArena* arena, const QString& fingerprint, QWidget* parent = nullptr);
    ~AssociationDialog() override;

    // The suggested name: "Browser on <host name of this computer>" (not secret).
    [[nodiscard]] static QString suggestedName();
    // Replaces the suggestion (all of it selected, so typing replaces it).
    [[nodiscard]] Result<void> setName(SecretSpan name);

    // After Connect: the name (UTF-8 in the arena), valid while the dialog lives; empty after
    // Deny.
    [[nodiscard]] SecretSpan name() const { return m_name.span(); }

    [[nodiscard]] SecretLineEdit* nameEdit() const { return m_edit; }
    [[nodiscard]] QLabel* fingerprintLabel() const { return m_fingerprint; }
    [[nodiscard]] QPushButton* connectButton() const { return m_connect; }
    [[nodiscard]] QPushButton* denyButton() const { return m_deny; }

    void releaseSecrets();

public slots:
    void accept() override;

protected:
    void done(int result) override;

private:
    void updateConnect();

    SecretArena* m_arena;
    SecretBuffer m_name;
    QLabel* m_fingerprint;
    SecretLineEdit* m_edit;
    QDialogButtonBox* m_buttons;
    QPushButton* m_connect;
    QPushButton* m_deny;
};

} // namespace arcanum
