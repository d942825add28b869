// GroupNameDialog: asks for a group's name (new group, or rename).
//
// One SecretLineEdit in the caller's arena (the vault's); OK is enabled while it is not empty.
// On OK the name moves into a SecretBuffer of the dialog's own, which name() returns until the
// dialog is destroyed; the field is wiped on every close. Never a QString of the name.
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

class GroupNameDialog : public QDialog
{
    Q_OBJECT

public:
    explicit GroupNameDialog(SecretArena* arena, QWidget* parent = nullptr);
    ~GroupNameDialog() override;

    // After OK: the name entered (UTF-8 in the arena), valid while the dialog lives. Empty
    // before OK and after Cancel.
    [[nodiscard]] SecretSpan name() const { return m_name.span(); }
    // Fills the field (renaming a group), all of it selected.
    [[nodiscard]] Result<void> setName(SecretSpan name);
    // A prompt other than "Name:" (not secret).
    void setLabelText(const QString& text);

    [[nodiscard]] SecretLineEdit* nameEdit() const { return m_edit; }
    [[nodiscard]] QPushButton* okButton() const;

    // Wipes the field and the accepted name.
    void releaseSecrets();

public slots:
    void accept() override;

protected:
    void done(int result) override;

private:
    void updateOk();

    SecretArena* m_arena;
    SecretBuffer m_name;
    QLabel* m_label;
    SecretLineEdit* m_edit;
    QDialogButtonBox* m_buttons;
};

} // namespace arcanum
