#include "dialogs/NewPasswordFields.h"

#include "crypto/ConstantTime.h"
#include "dialogs/StrengthMeter.h"
#include "generator/PasswordStrength.h"
#include "secret/SecretArena.h"
#include "secret/SecretLineEdit.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>

namespace arcanum {

NewPasswordFields::NewPasswordFields(SecretArena* arena, QWidget* dialog)
    : QObject(dialog), m_arena(arena), m_dialog(dialog)
{
    m_password = new SecretLineEdit(arena, dialog);
    m_password->setEchoMode(SecretLineEdit::EchoMode::Password);
    m_reveal = new QToolButton(dialog);
    m_reveal->setText(tr("Show"));
    m_reveal->setCheckable(true);
    m_reveal->setAccessibleName(tr("Show passwords"));
    m_reveal->setToolTip(tr("Show passwords"));
    m_confirm = new SecretLineEdit(arena, dialog);
    m_confirm->setEchoMode(SecretLineEdit::EchoMode::Password);
    m_strength = new StrengthMeter(dialog);

    connect(m_password, &SecretLineEdit::textEdited, this, &NewPasswordFields::updateStrength);
    connect(m_password, &SecretLineEdit::textEdited, this, &NewPasswordFields::edited);
    connect(m_confirm, &SecretLineEdit::textEdited, this, &NewPasswordFields::edited);
    connect(m_reveal, &QToolButton::toggled, m_password, &SecretLineEdit::setRevealed);
    connect(m_reveal, &QToolButton::toggled, m_confirm, &SecretLineEdit::setRevealed);
}

NewPasswordFields::~NewPasswordFields()
{
    releaseSecrets();
}

void NewPasswordFields::addRowsTo(QFormLayout* form, const QString& passwordLabel)
{
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_reveal);
    form->addRow(passwordLabel, passwordRow);
    static_cast<QLabel*>(form->labelForField(passwordRow))->setBuddy(m_password);
    form->addRow(tr("&Repeat password:"), m_confirm);
    form->addRow(tr("Strength:"), m_strength);
}

QString NewPasswordFields::problem() const
{
    if (m_password->isEmpty())
        return tr("Type a master password.");
    if (m_confirm->isEmpty())
        return tr("Type the master password again.");
    if (!ConstantTime::equal(m_password->text().bytes(), m_confirm->text().bytes()))
        return tr("The two passwords are different.");
    return {};
}

void NewPasswordFields::updateStrength()
{
    if (m_password->isEmpty())
        m_strength->clear();
    else
        m_strength->setBits(PasswordStrength::estimateBits(m_password->text()), true);
}

void NewPasswordFields::confirmStrength(const std::function<void()>& proceed)
{
    if (m_question)
        return;
    const double bits = PasswordStrength::estimateBits(m_password->text());
    if (PasswordStrength::rate(bits) != PasswordStrength::Rating::Weak)
        return proceed();
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Weak Password"),
                        tr("This master password is weak."), QMessageBox::NoButton, m_dialog);
    box->setInformativeText(
        tr("Anyone who gets a copy of the vault file can try passwords as fast as their "
           "computers allow, and this one is easy to guess. A longer password (several "
           "random words, say) is much safer. Use it anyway?"));
    QPushButton* useAnyway = box->addButton(tr("&Use Anyway"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    m_question = box;
    connect(box, &QMessageBox::finished, this, [this, box, useAnyway, proceed] {
        const bool use = box->clickedButton() == useAnyway;
        m_question.clear(); // releaseSecrets() must not delete it while it is still emitting
        box->deleteLater();
        if (use)
            proceed();
        else
            m_password->setFocus(Qt::OtherFocusReason);
    });
    box->open();
}

Result<SecretBuffer> NewPasswordFields::take()
{
    if (m_password->isEmpty())
        return Error{ErrorCode::InvalidArgument, "There is no master password to take."};
    if (m_arena == nullptr)
        return Error{ErrorCode::InvalidArgument, "There is no secret memory to copy into."};
    auto copy = m_arena->copyOf(m_password->text());
    m_password->clear();
    m_confirm->clear();
    m_strength->clear();
    return copy;
}

void NewPasswordFields::releaseSecrets()
{
    delete m_question.data();
    m_password->releaseSecrets();
    m_confirm->releaseSecrets();
    m_strength->clear();
}

} // namespace arcanum
