#include "accessibility/ScreenReaderAccessDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace arcanum {

ScreenReaderAccessDialog::ScreenReaderAccessDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Screen reader"));
    m_text = new QLabel(explanation(), this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    m_text->setFocusPolicy(Qt::StrongFocus); // Tab reaches it, so a screen reader reads it again
    setAccessibleDescription(explanation());

    auto* buttons = new QDialogButtonBox(this);
    m_allow = buttons->addButton(tr("&Read entries aloud"), QDialogButtonBox::AcceptRole);
    m_keepPrivate = buttons->addButton(tr("&Keep entries private"), QDialogButtonBox::RejectRole);
    m_allow->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);
    m_allow->setFocus();
}

QString ScreenReaderAccessDialog::explanation()
{
    return tr("A screen reader or other assistive technology is running.\n\n"
              "To be read aloud, the titles, user names, URLs, group names, tags and notes of "
              "your entries must leave Arcanum's secret memory as text: they are sent over the "
              "accessibility bus to the screen reader, and any program of your session that "
              "listens on that bus can read them too.\n\n"
              "Passwords and protected fields are read only after you reveal them (Show, "
              "Ctrl+H), and no longer once you hide them again. Keys typed into password fields "
              "are never sent to keystroke listeners; the screen reader says \"bullet\" for "
              "each.\n\n"
              "If you keep entries private, the screen reader hears only field names and "
              "\"Entry 1 of 10\". You can change this at any time in Vault → Settings.");
}

} // namespace arcanum
