// GeneratorDialog: makes a new random password or passphrase and shows it.
//
// Owns the generated secret (a SecretBuffer in the caller's arena) and a SecretLabel preview of
// it (its own copy in the same arena); nothing else ever holds it. Every option change makes a
// new one. Copy emits copyRequested(span) (the owner copies through its ClipboardGuard). In Pick
// mode "Use" accepts, and result() stays valid until the dialog is destroyed, so the caller can
// take it; any other close wipes the secret and the preview at once.
// Lifetime: the arena must outlive the dialog; call releaseSecrets() (or destroy the dialog)
// before the arena is released (vault lock).
#pragma once

#include "generator/PassphraseOptions.h"
#include "generator/PasswordOptions.h"
#include "secret/SecretBuffer.h"
#include "secret/SecretSpan.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;

namespace arcanum {

class SecretArena;
class SecretLabel;
class StrengthMeter;

class GeneratorDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        Standalone,
        Pick
    };
    Q_ENUM(Mode)

    static constexpr int minimumUiLength = 4;
    static constexpr int maximumUiLength = 128;

    GeneratorDialog(SecretArena* arena, Mode mode, QWidget* parent = nullptr);
    ~GeneratorDialog() override;

    // The current secret (empty when the options are invalid); valid while the dialog lives,
    // until the next regeneration or releaseSecrets(). It hides QDialog::result(): read the
    // dialog's outcome from finished(int) (or QDialog::result() explicitly).
    [[nodiscard]] SecretSpan result() const { return m_result.span(); }
    [[nodiscard]] SecretArena* arena() const { return m_arena; }
    [[nodiscard]] Mode mode() const { return m_mode; }

    [[nodiscard]] bool isPassphrase() const;
    [[nodiscard]] PasswordOptions passwordOptions() const;
    [[nodiscard]] PassphraseOptions passphraseOptions() const;
    // Exact entropy of the current secret, 0 when there is none.
    [[nodiscard]] double entropyBits() const { return m_bits; }

    // Wipes the secret and the preview; Copy and Use stay off until the next regeneration.
    void releaseSecrets();

    // The controls, for tests and for a caller that wants to preset options.
    [[nodiscard]] QTabWidget* kindTabs() const { return m_kind; }
    [[nodiscard]] QSpinBox* lengthBox() const { return m_length; }
    [[nodiscard]] QSlider* lengthSlider() const { return m_lengthSlider; }
    [[nodiscard]] QCheckBox* lowerCaseBox() const { return m_lower; }
    [[nodiscard]] QCheckBox* upperCaseBox() const { return m_upper; }
    [[nodiscard]] QCheckBox* digitsBox() const { return m_digits; }
    [[nodiscard]] QCheckBox* symbolsBox() const { return m_symbols; }
    [[nodiscard]] QCheckBox* lookAlikesBox() const { return m_excludeLookAlikes; }
    [[nodiscard]] QSpinBox* wordsBox() const { return m_words; }
    [[nodiscard]] QLineEdit* separatorEdit() const { return m_separator; }
    [[nodiscard]] QCheckBox* capitalizeBox() const { return m_capitalize; }
    [[nodiscard]] QCheckBox* appendDigitBox() const { return m_appendDigit; }
    [[nodiscard]] SecretLabel* preview() const { return m_preview; }
    [[nodiscard]] QCheckBox* hideBox() const { return m_hide; }
    [[nodiscard]] StrengthMeter* strengthMeter() const { return m_strength; }
    // Why nothing could be generated (hidden while the options are valid).
    [[nodiscard]] QLabel* messageLabel() const { return m_message; }
    [[nodiscard]] QPushButton* regenerateButton() const { return m_regenerate; }
    [[nodiscard]] QPushButton* copyButton() const { return m_copy; }
    // "Use" in Pick mode, null in Standalone mode.
    [[nodiscard]] QPushButton* useButton() const { return m_use; }
    [[nodiscard]] QDialogButtonBox* buttonBox() const { return m_buttons; }

public slots:
    void regenerate();

signals:
    // Copy was clicked; `secret` is valid during the emission (and while the dialog lives).
    void copyRequested(arcanum::SecretSpan secret);

protected:
    void done(int result) override;

private:
    QWidget* makePasswordTab();
    QWidget* makePassphraseTab();
    void showInvalid(const QString& message);

    SecretArena* m_arena;
    Mode m_mode;
    SecretBuffer m_result;
    double m_bits = 0;

    QTabWidget* m_kind;
    QSlider* m_lengthSlider;
    QSpinBox* m_length;
    QCheckBox* m_lower;
    QCheckBox* m_upper;
    QCheckBox* m_digits;
    QCheckBox* m_symbols;
    QCheckBox* m_excludeLookAlikes;
    QSpinBox* m_words;
    QLineEdit* m_separator;
    QCheckBox* m_capitalize;
    QCheckBox* m_appendDigit;
    SecretLabel* m_preview;
    QCheckBox* m_hide;
    StrengthMeter* m_strength;
    QLabel* m_message;
    QPushButton* m_regenerate;
    QPushButton* m_copy;
    QPushButton* m_use = nullptr;
    QDialogButtonBox* m_buttons;
};

} // namespace arcanum
