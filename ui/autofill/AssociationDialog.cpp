#include "autofill/AssociationDialog.h"

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
    : SecretNameDialog(arena, parent)
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

    nameEdit()->setAccessibleName(tr("Name of this browser connection"));
    nameEdit()->setPlaceholderText(tr("A name you will recognize in Settings"));
    auto* nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(nameEdit());

    m_buttons = new QDialogButtonBox(this);
    m_connect = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_deny = m_buttons->addButton(tr("&Deny"), QDialogButtonBox::RejectRole);
    m_connect->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(fingerprintLabel, m_fingerprint);
    form->addRow(nameLabel, nameEdit());
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &AssociationDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AssociationDialog::reject);

    setAcceptButton(m_connect);

    const QByteArray suggestion = suggestedName().toUtf8(); // not secret: the computer's name
    (void)setName(SecretSpan(reinterpret_cast<const std::uint8_t*>(suggestion.constData()),
                             std::size_t(suggestion.size())));
    nameEdit()->setFocus();
}

QString AssociationDialog::suggestedName()
{
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("this computer");
    return tr("Browser on %1").arg(host);
}

} // namespace arcanum
