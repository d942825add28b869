#include "dialogs/KdbxKeyDialog.h"

#include "crypto/ConstantTime.h"
#include "secret/SecretArena.h"
#include "secret/SecretLineEdit.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace arcanum {

KdbxKeyDialog::KdbxKeyDialog(SecretArena* arena, Mode mode, const QString& fileName,
                             QWidget* parent)
    : QDialog(parent), m_arena(arena), m_mode(mode)
{
    setWindowTitle(mode == Mode::Open ? tr("Open KeePass Database") : tr("New KeePass Database"));
    auto* intro = new QLabel(
        mode == Mode::Open
            ? tr("The password and/or key file of %1:").arg(fileName)
            : tr("%1 will be a KeePass database (KDBX 4, Argon2id, ChaCha20). Choose its "
                 "password; a key file is optional.")
                  .arg(fileName),
        this);
    intro->setWordWrap(true);

    m_password = new SecretLineEdit(arena, this);
    m_password->setEchoMode(SecretLineEdit::EchoMode::Password);
    m_password->setAccessibleName(tr("KeePass database password"));
    m_reveal = new QToolButton(this);
    m_reveal->setText(tr("Show"));
    m_reveal->setCheckable(true);
    m_reveal->setAccessibleName(tr("Show password"));
    m_reveal->setToolTip(tr("Show password"));
    if (mode == Mode::New) {
        m_confirm = new SecretLineEdit(arena, this);
        m_confirm->setEchoMode(SecretLineEdit::EchoMode::Password);
        m_confirm->setAccessibleName(tr("Repeat password"));
    }
    m_keyFile = new QLineEdit(this);
    m_keyFile->setPlaceholderText(mode == Mode::Open ? tr("None") : tr("None (optional)"));
    m_keyFile->setAccessibleName(tr("Key file"));
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setAutoDefault(false);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto* form = new QFormLayout;
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_reveal);
    form->addRow(tr("&Password:"), passwordRow);
    static_cast<QLabel*>(form->labelForField(passwordRow))->setBuddy(m_password);
    if (m_confirm)
        form->addRow(tr("&Repeat password:"), m_confirm);
    auto* keyFileRow = new QHBoxLayout;
    keyFileRow->addWidget(m_keyFile, 1);
    keyFileRow->addWidget(m_browse);
    form->addRow(tr("&Key file:"), keyFileRow);
    static_cast<QLabel*>(form->labelForField(keyFileRow))->setBuddy(m_keyFile);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    if (mode == Mode::Open) {
        m_recycleBin = new QCheckBox(tr("Also import the entries in the &recycle bin"), this);
        m_recycleBin->setToolTip(tr("KeePass keeps deleted entries in its recycle bin. They are "
                                    "left out unless this is checked."));
        layout->addWidget(m_recycleBin);
    }
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    connect(m_reveal, &QToolButton::toggled, m_password, &SecretLineEdit::setRevealed);
    if (m_confirm)
        connect(m_reveal, &QToolButton::toggled, m_confirm, &SecretLineEdit::setRevealed);
    connect(m_password, &SecretLineEdit::textEdited, this, &KdbxKeyDialog::validate);
    if (m_confirm)
        connect(m_confirm, &SecretLineEdit::textEdited, this, &KdbxKeyDialog::validate);
    connect(m_keyFile, &QLineEdit::textChanged, this, &KdbxKeyDialog::validate);
    connect(m_browse, &QPushButton::clicked, this, &KdbxKeyDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_password->setFocus(Qt::OtherFocusReason);
    validate();
}

KdbxKeyDialog::~KdbxKeyDialog()
{
    releaseSecrets();
}

bool KdbxKeyDialog::keepRecycleBin() const
{
    return m_recycleBin != nullptr && m_recycleBin->isChecked();
}

QPushButton* KdbxKeyDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString KdbxKeyDialog::problem() const
{
    const bool keyFile = !m_keyFile->text().trimmed().isEmpty();
    if (m_mode == Mode::Open)
        return m_password->isEmpty() && !keyFile
                   ? tr("Type the database's password, choose its key file, or both.")
                   : QString();
    if (m_password->isEmpty())
        return tr("Type a password for the new database.");
    if (m_confirm->isEmpty())
        return tr("Type the password again.");
    if (!ConstantTime::equal(m_password->text().bytes(), m_confirm->text().bytes()))
        return tr("The two passwords are different.");
    return {};
}

void KdbxKeyDialog::validate()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    okButton()->setEnabled(why.isEmpty());
}

Result<std::optional<SecretBuffer>> KdbxKeyDialog::takePassword()
{
    if (m_password->isEmpty()) {
        releaseSecrets();
        return std::optional<SecretBuffer>();
    }
    if (m_arena == nullptr)
        return Error{ErrorCode::InvalidArgument, "The password has no secret memory."};
    auto copy = m_arena->copyOf(m_password->text());
    releaseSecrets();
    if (!copy)
        return copy.error();
    return std::optional<SecretBuffer>(std::move(copy.value()));
}

QString KdbxKeyDialog::keyFilePath() const
{
    return m_keyFile->text().trimmed();
}

void KdbxKeyDialog::setKeyFilePath(const QString& path)
{
    m_keyFile->setText(path);
}

void KdbxKeyDialog::browse()
{
    const QString path =
        m_mode == Mode::Open
            ? QFileDialog::getOpenFileName(this, tr("Key File"), QString(),
                                           tr("Key files (*.keyx *.key);;All files (*)"))
            : QFileDialog::getOpenFileName(this, tr("Key File for the New Database"), QString(),
                                           tr("Key files (*.keyx *.key);;All files (*)"));
    if (!path.isEmpty())
        m_keyFile->setText(path);
}

void KdbxKeyDialog::releaseSecrets()
{
    m_password->releaseSecrets();
    if (m_confirm)
        m_confirm->releaseSecrets();
}

void KdbxKeyDialog::done(int result)
{
    if (result != QDialog::Accepted)
        releaseSecrets();
    QDialog::done(result);
}

} // namespace arcanum
