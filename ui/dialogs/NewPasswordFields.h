// NewPasswordFields: the "type a new master password twice" part of a dialog — two
// SecretLineEdits, a Show button for both, a strength meter and the "weak password" question.
// The new-vault and change-password dialogs share it.
//
// The widgets are children of the dialog given to the constructor; addRowsTo() puts them in the
// dialog's form. The two fields are compared in place in constant time; the strength shown is
// PasswordStrength's estimate. Nothing here makes a QString of the password.
// Lifetime: the arena must outlive the fields (or releaseSecrets() first).
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <functional>

class QFormLayout;
class QToolButton;
class QWidget;

namespace arcanum {

class SecretArena;
class SecretLineEdit;
class StrengthMeter;

class NewPasswordFields : public QObject
{
    Q_OBJECT

public:
    NewPasswordFields(SecretArena* arena, QWidget* dialog);
    ~NewPasswordFields() override;

    // Adds "<passwordLabel> [field] [Show]", "Repeat password" and "Strength" rows.
    void addRowsTo(QFormLayout* form, const QString& passwordLabel);

    // Why the fields cannot be accepted yet, or an empty string.
    [[nodiscard]] QString problem() const;
    // Calls `proceed` at once for a password that is not weak; for a weak one, asks first (a
    // window-modal question opened with open(), not exec()) and calls it on "Use Anyway".
    void confirmStrength(const std::function<void()>& proceed);
    // A copy of the password in the arena; both fields are wiped.
    [[nodiscard]] Result<SecretBuffer> take();
    // Wipes both fields and closes the weak-password question.
    void releaseSecrets();

    [[nodiscard]] SecretLineEdit* passwordEdit() const { return m_password; }
    [[nodiscard]] SecretLineEdit* confirmEdit() const { return m_confirm; }
    [[nodiscard]] QToolButton* revealButton() const { return m_reveal; }
    [[nodiscard]] StrengthMeter* strengthMeter() const { return m_strength; }
    [[nodiscard]] QMessageBox* weakPasswordQuestion() const { return m_question; }

signals:
    // Either field changed.
    void edited();

private:
    void updateStrength();

    SecretArena* m_arena;
    QWidget* m_dialog;
    SecretLineEdit* m_password;
    SecretLineEdit* m_confirm;
    QToolButton* m_reveal;
    StrengthMeter* m_strength;
    QPointer<QMessageBox> m_question;
};

} // namespace arcanum
