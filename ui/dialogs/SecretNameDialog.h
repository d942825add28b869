// SecretNameDialog: what a dialog asking for one name that is vault content needs (a group's
// name, a browser connection's name): the name is typed into a SecretLineEdit in the caller's
// arena (the vault's) and never becomes a QString. The accept button is enabled while the field
// is not empty; on accept the name moves into a SecretBuffer of the dialog's own, which name()
// returns until the dialog is destroyed; the field is wiped on every close.
// Subclasses lay out nameEdit() with their own labels and buttons, then call setAcceptButton().
// Lifetime: releaseSecrets() (or destroy the dialog) before the arena is released.
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"
#include "secret/SecretSpan.h"

#include <QDialog>

class QPushButton;

namespace arcanum {

class SecretArena;
class SecretLineEdit;

class SecretNameDialog : public QDialog
{
    Q_OBJECT

public:
    ~SecretNameDialog() override;

    // After accept: the name entered (UTF-8 in the arena), valid while the dialog lives. Empty
    // before and after a rejection.
    [[nodiscard]] SecretSpan name() const { return m_name.span(); }
    // Fills the field (a rename, a suggestion), all of it selected so typing replaces it.
    [[nodiscard]] Result<void> setName(SecretSpan name);
    [[nodiscard]] SecretLineEdit* nameEdit() const { return m_edit; }

    // Wipes the field and the accepted name.
    void releaseSecrets();

public slots:
    void accept() override;

protected:
    SecretNameDialog(SecretArena* arena, QWidget* parent);
    // The button that accepts (OK, Connect): enabled only while the field is not empty.
    void setAcceptButton(QPushButton* button);
    void done(int result) override;

private:
    void updateAcceptButton();

    SecretArena* m_arena;
    SecretBuffer m_name;
    SecretLineEdit* m_edit;
    QPushButton* m_acceptButton = nullptr;
};

} // namespace arcanum
