#include "dialogs/GroupNameDialog.h"

#include "secret/SecretArena.h"
#include "secret/SecretLineEdit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace arcanum {

GroupNameDialog::GroupNameDialog(SecretArena* arena, QWidget* parent)
    : QDialog(parent), m_arena(arena)
{
    setWindowTitle(tr("Group"));
    m_edit = new SecretLineEdit(arena, this);
    m_label = new QLabel(tr("&Name:"), this);
    m_label->setBuddy(m_edit);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout;
    form->addRow(m_label, m_edit);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 40);
    connect(m_edit, &SecretLineEdit::textEdited, this, &GroupNameDialog::updateOk);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &GroupNameDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GroupNameDialog::reject);
    updateOk();
}

GroupNameDialog::~GroupNameDialog()
{
    releaseSecrets();
}

QPushButton* GroupNameDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

Result<void> GroupNameDialog::setName(SecretSpan name)
{
    auto set = m_edit->setText(name);
    m_edit->selectAll();
    updateOk();
    return set;
}

void GroupNameDialog::setLabelText(const QString& text)
{
    m_label->setText(text);
}

void GroupNameDialog::updateOk()
{
    okButton()->setEnabled(!m_edit->isEmpty());
}

void GroupNameDialog::accept()
{
    if (m_edit->isEmpty() || m_arena == nullptr)
        return;
    auto copy = m_arena->copyOf(m_edit->text());
    if (!copy)
        return; // the arena is full: stay open, the name is still in the field
    m_name = std::move(copy.value());
    QDialog::accept();
}

void GroupNameDialog::done(int result)
{
    m_edit->releaseSecrets();
    if (result != QDialog::Accepted)
        m_name.reset();
    updateOk();
    QDialog::done(result);
}

void GroupNameDialog::releaseSecrets()
{
    m_name.reset();
    m_edit->releaseSecrets();
}

} // namespace arcanum
