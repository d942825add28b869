// AssociationDialog: "a browser extension asks to connect to this vault" — names the
// browser's key fingerprint, lets the user name the connection, Connect or Deny.
//
// The fingerprint (16 bytes of SHA-256 of the extension's public identification key, in hex
// groups) is not secret: it cannot be turned back into the key, so it is shown in an ordinary
// QLabel that screen readers read. The name becomes vault content (the association's name, the
// protocol's "id"), so it is typed into a SecretLineEdit in the vault's arena and never becomes
// a QString. The field starts with a suggestion ("Browser on <computer>").
// A SecretNameDialog: on Connect the name moves into a SecretBuffer of the dialog's own (name()),
// the field is wiped on every close, and Connect is enabled while the field is not empty.
#pragma once

#include "dialogs/SecretNameDialog.h"

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace arcanum {

class AssociationDialog : public SecretNameDialog
{
    Q_OBJECT

public:
    AssociationDialog(SecretArena* arena, const QString& fingerprint, QWidget* parent = nullptr);

    // The suggested name: "Browser on <host name of this computer>" (not secret).
    [[nodiscard]] static QString suggestedName();

    [[nodiscard]] QLabel* fingerprintLabel() const { return m_fingerprint; }
    [[nodiscard]] QPushButton* connectButton() const { return m_connect; }
    [[nodiscard]] QPushButton* denyButton() const { return m_deny; }

private:
    QLabel* m_fingerprint;
    QDialogButtonBox* m_buttons;
    QPushButton* m_connect;
    QPushButton* m_deny;
};

} // namespace arcanum
