#include "dialogs/CreateVaultDialog.h"

#include "dialogs/NewPasswordFields.h"
#include "secret/SecretArena.h"
#include "secret/SecretLineEdit.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace arcanum {

CreateVaultDialog::CreateVaultDialog(SecretArena* arena, QWidget* parent)
    : QDialog(parent), m_arena(arena)
{
    setWindowTitle(tr("New Vault"));
    m_location = new QLineEdit(this);
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setAutoDefault(false);
    m_fields = new NewPasswordFields(arena, this);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("hint"));

    m_advanced = new QGroupBox(tr("Set the key derivation cost m&yself"), this);
    m_advanced->setCheckable(true);
    m_advanced->setChecked(false);
    m_memory = new QSpinBox(m_advanced);
    m_memory->setRange(1, int(Argon2Params::maxMemoryKiB / 1024));
    m_memory->setValue(defaultMemoryMiB);
    m_memory->setSuffix(tr(" MiB"));
    m_iterations = new QSpinBox(m_advanced);
    m_iterations->setRange(1, 100);
    m_iterations->setValue(defaultIterations);
    auto* advancedForm = new QFormLayout(m_advanced);
    auto* explanation = new QLabel(
        tr("Off: Arcanum measures this computer and picks Argon2id settings that take about one "
           "second to unlock. More memory and passes make guessing the password slower, and "
           "unlocking too."),
        m_advanced);
    explanation->setWordWrap(true);
    advancedForm->addRow(explanation);
    advancedForm->addRow(tr("&Memory:"), m_memory);
    advancedForm->addRow(tr("P&asses:"), m_iterations);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton()->setText(tr("&Create"));

    auto* locationRow = new QHBoxLayout;
    locationRow->addWidget(m_location, 1);
    locationRow->addWidget(m_browse);
    auto* form = new QFormLayout;
    form->addRow(tr("&Location:"), locationRow);
    static_cast<QLabel*>(form->labelForField(locationRow))->setBuddy(m_location);
    m_fields->addRowsTo(form, tr("Master &password:"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_advanced);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    setPath(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
            QStringLiteral("/Passwords") + QLatin1String(suffix));
    connect(m_location, &QLineEdit::textChanged, this, &CreateVaultDialog::validate);
    connect(m_browse, &QPushButton::clicked, this, &CreateVaultDialog::browse);
    connect(m_fields, &NewPasswordFields::edited, this, &CreateVaultDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateVaultDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateVaultDialog::reject);
    validate();
    passwordEdit()->setFocus(Qt::OtherFocusReason);
}

CreateVaultDialog::~CreateVaultDialog()
{
    releaseSecrets();
}

QPushButton* CreateVaultDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QMessageBox* CreateVaultDialog::weakPasswordQuestion() const
{
    return m_fields->weakPasswordQuestion();
}

SecretLineEdit* CreateVaultDialog::passwordEdit() const
{
    return m_fields->passwordEdit();
}

SecretLineEdit* CreateVaultDialog::confirmEdit() const
{
    return m_fields->confirmEdit();
}

QToolButton* CreateVaultDialog::revealButton() const
{
    return m_fields->revealButton();
}

StrengthMeter* CreateVaultDialog::strengthMeter() const
{
    return m_fields->strengthMeter();
}

QString CreateVaultDialog::path() const
{
    QString path = m_location->text().trimmed();
    if (path.isEmpty())
        return {};
    if (path.startsWith(QStringLiteral("~/")))
        path = QDir::homePath() + path.mid(1);
    if (!path.endsWith(QLatin1String(suffix)))
        path += QLatin1String(suffix);
    return QDir::cleanPath(path);
}

void CreateVaultDialog::setPath(const QString& path)
{
    m_location->setText(QDir::toNativeSeparators(path));
}

QString CreateVaultDialog::problem() const
{
    const QString file = path();
    if (file.isEmpty())
        return tr("Choose where to save the new vault.");
    const QFileInfo info(file);
    if (!info.isAbsolute())
        return tr("Enter the full path of the vault file, or choose it with Browse….");
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(folder.filePath()));
    if (!folder.isWritable())
        return tr("You cannot create files in %1.")
            .arg(QDir::toNativeSeparators(folder.filePath()));
    if (info.exists() || info.isSymLink())
        return tr("%1 already exists. Choose another name.").arg(info.fileName());
    return m_fields->problem();
}

void CreateVaultDialog::validate()
{
    const QString why = problem();
    m_hint->setText(why);
    m_hint->setVisible(!why.isEmpty());
    okButton()->setEnabled(why.isEmpty());
}

void CreateVaultDialog::showEvent(QShowEvent* event)
{
    validate(); // the folder may have changed since the dialog was made
    QDialog::showEvent(event);
}

void CreateVaultDialog::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("New Vault"), path(), tr("Arcanum vaults (*.arcanum)"), nullptr,
        QFileDialog::DontConfirmOverwrite); // an existing file is refused anyway
    if (!chosen.isEmpty()) {
        setPath(chosen);
        m_location->setText(path()); // with the suffix
    }
}

std::optional<Argon2Params> CreateVaultDialog::kdfParams() const
{
    if (!m_advanced->isChecked())
        return std::nullopt;
    return Argon2Params::withRandomSalt(std::uint32_t(m_memory->value()) * 1024,
                                        std::uint32_t(m_iterations->value()),
                                        Argon2Params::defaultLanes());
}

void CreateVaultDialog::accept()
{
    validate();
    if (!okButton()->isEnabled())
        return;
    m_fields->confirmStrength([this] { finishAccept(); });
}

void CreateVaultDialog::finishAccept()
{
    if (m_arena == nullptr)
        return;
    auto copy = m_fields->take();
    if (!copy) {
        m_hint->setText(QString::fromStdString(copy.error().message));
        m_hint->show();
        return;
    }
    m_taken = std::move(copy.value());
    QDialog::accept(); // done() wipes the fields
}

Result<SecretBuffer> CreateVaultDialog::takePassword()
{
    if (!m_taken.isNull())
        return std::move(m_taken);
    auto copy = m_fields->take();
    validate();
    return copy;
}

void CreateVaultDialog::releaseSecrets()
{
    m_taken.reset();
    m_fields->releaseSecrets();
}

void CreateVaultDialog::done(int result)
{
    m_fields->releaseSecrets();
    if (result != QDialog::Accepted)
        m_taken.reset();
    QDialog::done(result);
}

} // namespace arcanum
