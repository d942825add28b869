#include "dialogs/SecretNameDialog.h"

#include "secret/SecretArena.h"
#include "secret/SecretLineEdit.h"

#include <QPushButton>

namespace arcanum {

SecretNameDialog::SecretNameDialog(SecretArena* arena, QWidget* parent)
    : QDialog(parent), m_arena(arena), m_edit(new SecretLineEdit(arena, this))
{
    connect(m_edit, &SecretLineEdit::textEdited, this, &SecretNameDialog::updateAcceptButton);
}

SecretNameDialog::~SecretNameDialog()
{
    releaseSecrets(); // the field is a child: still alive here
}

Result<void> SecretNameDialog::setName(SecretSpan name)
{
    auto set = m_edit->setText(name);
    m_edit->selectAll();
    updateAcceptButton();
    return set;
}

void SecretNameDialog::setAcceptButton(QPushButton* button)
{
    m_acceptButton = button;
    updateAcceptButton();
}

void SecretNameDialog::updateAcceptButton()
{
    if (m_acceptButton != nullptr)
        m_acceptButton->setEnabled(!m_edit->isEmpty());
}

void SecretNameDialog::accept()
{
    if (m_edit->isEmpty() || m_arena == nullptr)
        return;
    auto copy = m_arena->copyOf(m_edit->text());
    if (!copy)
        return; // the arena is full: stay open, the name is still in the field
    m_name = std::move(copy.value());
    QDialog::accept();
}

void SecretNameDialog::done(int result)
{
    m_edit->releaseSecrets();
    if (result != QDialog::Accepted)
        m_name.reset();
    updateAcceptButton();
    QDialog::done(result);
}

void SecretNameDialog::releaseSecrets()
{
    m_name.reset();
    m_edit->releaseSecrets();
}

} // namespace arcanum
