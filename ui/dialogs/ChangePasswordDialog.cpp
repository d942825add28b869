#include "dialogs/ChangePasswordDialog.h"

#include "dialogs/NewPasswordFields.h"
#include "secret/SecretLineEdit.h"
#include "session/VaultSession.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace arcanum {

ChangePasswordDialog::ChangePasswordDialog(VaultSession* session, QWidget* parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Change Master Password"));
    Vault* vault = session->vault();
    m_fields = new NewPasswordFields(vault != nullptr ? &vault->arena() : nullptr, this);
    m_costs = new QLabel(this);
    m_costs->setWordWrap(true);
    if (vault != nullptr) {
        const Argon2Params& kdf = vault->kdfParams();
        m_costs->setText(tr("The vault keeps its key derivation settings (Argon2id: %1 MiB, "
                            "passes: %2) with a new random salt. The backup file (.bak) is "
                            "replaced too, so the old password opens neither.")
                             .arg(kdf.memoryKiB / 1024)
                             .arg(kdf.iterations));
    }
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("hint"));
    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // Argon2 reports no progress: a busy bar
    m_busyBar->setTextVisible(false);
    m_busyBar->setAccessibleName(tr("Changing the master password"));
    m_busyBar->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton()->setText(tr("&Change"));

    auto* form = new QFormLayout;
    m_fields->addRowsTo(form, tr("New master &password:"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_costs);
    layout->addWidget(m_hint);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    connect(m_fields, &NewPasswordFields::edited, this, &ChangePasswordDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ChangePasswordDialog::reject);
    connect(session, &VaultSession::passwordChanged, this, &ChangePasswordDialog::onChanged);
    connect(session, &VaultSession::passwordChangeFailed, this, &ChangePasswordDialog::onFailed);
    connect(session, &VaultSession::aboutToLock, this, &ChangePasswordDialog::onAboutToLock);
    validate();
    m_fields->passwordEdit()->setFocus(Qt::OtherFocusReason);
}

ChangePasswordDialog::~ChangePasswordDialog()
{
    m_fields->releaseSecrets();
}

QPushButton* ChangePasswordDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString ChangePasswordDialog::problem() const
{
    if (!m_session->isUnlocked())
        return tr("The vault is locked.");
    return m_fields->problem();
}

void ChangePasswordDialog::validate()
{
    const QString why = problem();
    m_hint->setText(why);
    m_hint->setVisible(!why.isEmpty());
    okButton()->setEnabled(why.isEmpty() && !m_busy);
}

void ChangePasswordDialog::accept()
{
    validate();
    if (!okButton()->isEnabled())
        return;
    m_fields->confirmStrength([this] { start(); });
}

void ChangePasswordDialog::start()
{
    auto password = m_fields->take();
    if (!password) {
        m_hint->setText(QString::fromStdString(password.error().message));
        m_hint->show();
        return;
    }
    setBusy(true);
    m_hint->setText(tr("Deriving the new key; this takes about as long as unlocking…"));
    m_hint->show();
    m_session->changePassword(std::move(password.value()));
}

void ChangePasswordDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_busyBar->setVisible(busy);
    m_fields->passwordEdit()->setEnabled(!busy);
    m_fields->confirmEdit()->setEnabled(!busy);
    m_buttons->setEnabled(!busy);
    if (!busy)
        validate();
}

void ChangePasswordDialog::onChanged()
{
    if (!m_busy)
        return;
    setBusy(false);
    QDialog::accept();
}

void ChangePasswordDialog::onFailed(const QString& message)
{
    if (!m_busy)
        return; // not a change this dialog started
    setBusy(false);
    m_hint->setText(message);
    m_hint->show();
    m_fields->passwordEdit()->setFocus(Qt::OtherFocusReason);
}

void ChangePasswordDialog::reject()
{
    if (m_busy)
        return; // Argon2 cannot be stopped half-way; the result comes in a second or so
    QDialog::reject();
}

void ChangePasswordDialog::onAboutToLock()
{
    m_fields->releaseSecrets();
    m_busy = false;
    QDialog::reject();
}

void ChangePasswordDialog::done(int result)
{
    m_fields->releaseSecrets();
    QDialog::done(result);
}

} // namespace arcanum
