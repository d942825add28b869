#include "dialogs/GroupNameDialog.h"

#include "secret/SecretLineEdit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace arcanum {

GroupNameDialog::GroupNameDialog(SecretArena* arena, QWidget* parent)
    : SecretNameDialog(arena, parent)
{
    setWindowTitle(tr("Group"));
    m_label = new QLabel(tr("&Name:"), this);
    m_label->setBuddy(nameEdit());
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout;
    form->addRow(m_label, nameEdit());
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 40);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &GroupNameDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GroupNameDialog::reject);
    setAcceptButton(okButton());
}

QPushButton* GroupNameDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void GroupNameDialog::setLabelText(const QString& text)
{
    m_label->setText(text);
}

} // namespace arcanum
