#include "autofill/AssociationDialog.h"

#include "secret/SecretArena.h"
#include "secret/SecretLineEdit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

namespace arcanum {

AssociationDialog::AssociationDialog(SecretArena* arena, const QString& fingerprint,
                                     QWidget* parent)
    : QDialog(parent), m_arena(arena)
{
    setWindowTitle(tr("Connect a browser?"));
    auto* intro = new QLabel(
        tr("A browser extension (KeePassXC-Browser) asks to connect to this vault. Once "
           "connected, it can ask for logins; you still decide which sites get which entry.\n\n"
           "Connect only if you just asked your browser to connect."),
        this);
    intro->setWordWrap(true);
    m_fingerprint = new QLabel(fingerprint, this);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                           Qt::TextSelectableByKeyboard);
    m_fingerprint->setFocusPolicy(Qt::StrongFocus); // keyboard users can reach and read it
    QFont mono = m_fingerprint->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_fingerprint->setFont(mono);
    m_fingerprint->setAccessibleName(tr("Fingerprint of the browser's key"));
    m_fingerprint->setAccessibleDescription(fingerprint);
    auto* fingerprintLabel = new QLabel(tr("Browser key &fingerprint:"), this);
    fingerprintLabel->setBuddy(m_fingerprint);

    m_edit = new SecretLineEdit(arena, this);
    m_edit->setAccessibleName(tr("Name of this browser connection"));
    m_edit->setPlaceholderText(tr("A name you will recognize in Settings"));
    auto* nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_edit);

    m_buttons = new QDialogButtonBox(this);
    m_connect = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_deny = m_buttons->addButton(tr("&Deny"), QDialogButtonBox::RejectRole);
    m_connect->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(fingerprintLabel, m_fingerprint);
    form->addRow(nameLabel, m_edit);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    connect(m_edit, &SecretLineEdit::textEdited, this, &AssociationDialog::updateConnect);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AssociationDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AssociationDialog::reject);

    const QByteArray suggestion = suggestedName().toUtf8(); // not secret: the computer's name
    (void)setName(SecretSpan(reinterpret_cast<const std::uint8_t*>(suggestion.constData()),
                             std::size_t(suggestion.size())));
    m_edit->setFocus();
}

AssociationDialog::~AssociationDialog()
{
    releaseSecrets();
}

QString AssociationDialog::suggestedName()
{
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("this computer");
    return tr("Browser on %1").arg(host);
}

Result<void> AssociationDialog::setName(SecretSpan name)
{
    auto set = m_edit->setText(name);
    m_edit->selectAll();
    updateConnect();
    return set;
}

void AssociationDialog::updateConnect()
{
    m_connect->setEnabled(!m_edit->isEmpty());
}

void AssociationDialog::accept()
{
    if (m_edit->isEmpty() || m_arena == nullptr)
        return;
    auto copy = m_arena->copyOf(m_edit->text());
    if (!copy)
        return; // the arena is full: stay open, the name is still in the field
    m_name = std::move(copy.value());
    QDialog::accept();
}

void AssociationDialog::done(int result)
{
    m_edit->releaseSecrets();
    if (result != QDialog::Accepted)
        m_name.reset();
    updateConnect();
    QDialog::done(result);
}

void AssociationDialog::releaseSecrets()
{
    m_name.reset();
    m_edit->releaseSecrets();
}

} // namespace arcanum
