// CreateVaultDialog: asks where to create a new vault and for its master password (twice).
//
// The password fields are NewPasswordFields in the caller's arena (the small pre-unlock arena);
// after OK the dialog holds one SecretBuffer with the password, handed over by takePassword().
// OK is enabled only for a full path whose folder exists and is writable, a file that does not
// exist yet and two equal, non-empty passwords; the hint below the fields says what is missing.
// A weak password needs a confirmation. Every close wipes both fields.
// Lifetime: the arena must outlive the dialog (or releaseSecrets() first).
#pragma once

#include "common/Result.h"
#include "crypto/Argon2Params.h"
#include "secret/SecretBuffer.h"

#include <QDialog>
#include <optional>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace arcanum {

class NewPasswordFields;
class SecretArena;
class SecretLineEdit;
class StrengthMeter;

class CreateVaultDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr const char* suffix = ".arcanum";
    static constexpr int defaultMemoryMiB = 256;
    static constexpr int defaultIterations = 3;

    explicit CreateVaultDialog(SecretArena* arena, QWidget* parent = nullptr);
    ~CreateVaultDialog() override;

    // The file to create: what was typed or chosen, "~/" expanded, ending in ".arcanum".
    [[nodiscard]] QString path() const;
    void setPath(const QString& path);
    // The master password as a copy in the arena; both fields are wiped. After OK it is the
    // password accepted; fails when there is none (already taken, or nothing typed).
    [[nodiscard]] Result<SecretBuffer> takePassword();
    // nullopt: the caller calibrates Argon2id to about one second. Otherwise the Advanced
    // choice, with a fresh random salt.
    [[nodiscard]] std::optional<Argon2Params> kdfParams() const;

    // Why OK is disabled, or an empty string when it is enabled (shown in the hint label).
    [[nodiscard]] QString problem() const;
    // Wipes both fields and the taken-over password.
    void releaseSecrets();

    [[nodiscard]] QLineEdit* locationEdit() const { return m_location; }
    [[nodiscard]] SecretLineEdit* passwordEdit() const;
    [[nodiscard]] SecretLineEdit* confirmEdit() const;
    [[nodiscard]] QToolButton* revealButton() const;
    [[nodiscard]] StrengthMeter* strengthMeter() const;
    [[nodiscard]] QLabel* hintLabel() const { return m_hint; }
    [[nodiscard]] QGroupBox* advancedBox() const { return m_advanced; }
    [[nodiscard]] QSpinBox* memoryBox() const { return m_memory; }
    [[nodiscard]] QSpinBox* iterationsBox() const { return m_iterations; }
    [[nodiscard]] QPushButton* okButton() const;
    // The "weak password" question, while it is open.
    [[nodiscard]] QMessageBox* weakPasswordQuestion() const;

public slots:
    void accept() override;

protected:
    void done(int result) override;
    void showEvent(QShowEvent* event) override;

private:
    void validate();
    void browse();
    void finishAccept();

    SecretArena* m_arena;
    SecretBuffer m_taken; // the accepted password, until takePassword()
    QLineEdit* m_location;
    QPushButton* m_browse;
    NewPasswordFields* m_fields;
    QLabel* m_hint;
    QGroupBox* m_advanced;
    QSpinBox* m_memory;
    QSpinBox* m_iterations;
    QDialogButtonBox* m_buttons;
};

} // namespace arcanum
