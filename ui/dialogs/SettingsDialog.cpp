#include "dialogs/SettingsDialog.h"

#include "autofill/BrowserSettingsPage.h"
#include "settings/Settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace arcanum {

namespace {

QLabel* explanation(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(Settings* settings, QWidget* parent, BrowserIntegration* browser,
                               VaultSession* session)
    : QDialog(parent), m_settings(settings)
{
    setWindowTitle(tr("Settings"));
    m_tabs = new QTabWidget(this);
    auto* general = new QWidget(m_tabs);

    auto* locking = new QGroupBox(tr("Locking"), general);
    m_idleLock = new QSpinBox(locking);
    m_idleLock->setRange(0, Settings::maxIdleLockMinutes);
    m_idleLock->setSpecialValueText(tr("Never"));
    m_idleLock->setSuffix(tr(" min"));
    m_idleLock->setValue(settings->idleLockMinutes());
    m_onScreenLock = new QCheckBox(tr("Lock when the &screen locks"), locking);
    m_onScreenLock->setChecked(settings->lockOnScreenLock());
    m_beforeSleep = new QCheckBox(tr("Lock before the computer s&leeps"), locking);
    m_beforeSleep->setChecked(settings->lockBeforeSleep());
    auto* lockingForm = new QFormLayout(locking);
    lockingForm->addRow(tr("Lock after &idle time:"), m_idleLock);
    lockingForm->addRow(m_onScreenLock);
    lockingForm->addRow(m_beforeSleep);

    auto* clipboard = new QGroupBox(tr("Clipboard"), general);
    m_clipboardSeconds = new QSpinBox(clipboard);
    m_clipboardSeconds->setRange(Settings::minClipboardClearSeconds,
                                 Settings::maxClipboardClearSeconds);
    m_clipboardSeconds->setSuffix(tr(" s"));
    m_clipboardSeconds->setValue(settings->clipboardClearSeconds());
    auto* clipboardForm = new QFormLayout(clipboard);
    clipboardForm->addRow(tr("&Clear copied secrets after:"), m_clipboardSeconds);

    auto* security = new QGroupBox(tr("Secret memory"), general);
    m_requireSecretMemory = new QCheckBox(tr("&Require secret memory"), security);
    m_requireSecretMemory->setChecked(settings->requireSecretMemory());
    m_hibernationBanner =
        new QCheckBox(tr("Show a &banner while hibernation is blocked"), security);
    m_hibernationBanner->setChecked(settings->showHibernationBanner());
    auto* securityLayout = new QVBoxLayout(security);
    securityLayout->addWidget(m_requireSecretMemory);
    securityLayout->addWidget(explanation(
        tr("An unlocked vault lives in secret memory (memfd_secret), which even root and the "
           "kernel's own tools cannot read. Some kernels don't offer it; then Arcanum uses "
           "locked memory, which is never swapped but can be read by root. With this option "
           "Arcanum refuses to unlock instead."),
        security));
    securityLayout->addWidget(m_hibernationBanner);
    securityLayout->addWidget(explanation(
        tr("Linux cannot hibernate while secret memory exists, so hibernation is off while a "
           "vault is unlocked. The banner says so."),
        security));

    auto* accessibility = new QGroupBox(tr("Screen reader"), general);
    m_screenReader = new QCheckBox(tr("Let a screen reader re&ad entries"), accessibility);
    m_screenReader->setChecked(settings->screenReaderAccess().value_or(false));
    auto* accessibilityLayout = new QVBoxLayout(accessibility);
    accessibilityLayout->addWidget(m_screenReader);
    accessibilityLayout->addWidget(explanation(
        tr("Titles, user names, URLs, group names, tags and notes then leave secret memory as "
           "text for the accessibility bus, where any program of your session can listen. "
           "Passwords and protected fields are read only while you show them; keys typed into "
           "password fields are never sent."),
        accessibility));

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto* generalLayout = new QVBoxLayout(general);
    generalLayout->addWidget(locking);
    generalLayout->addWidget(clipboard);
    generalLayout->addWidget(security);
    generalLayout->addWidget(accessibility);
    generalLayout->addStretch();
    m_browserPage = new BrowserSettingsPage(settings, browser, session, m_tabs);
    m_tabs->addTab(general, tr("&General"));
    m_tabs->addTab(m_browserPage, tr("&Browser integration"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

QPushButton* SettingsDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void SettingsDialog::accept()
{
    m_settings->setIdleLockMinutes(m_idleLock->value());
    m_settings->setLockOnScreenLock(m_onScreenLock->isChecked());
    m_settings->setLockBeforeSleep(m_beforeSleep->isChecked());
    m_settings->setClipboardClearSeconds(m_clipboardSeconds->value());
    m_settings->setRequireSecretMemory(m_requireSecretMemory->isChecked());
    m_settings->setShowHibernationBanner(m_hibernationBanner->isChecked());
    // Unticked and never asked stays "not chosen yet" so the first screen reader still asks.
    if (m_screenReader->isChecked() || m_settings->screenReaderAccess().has_value())
        m_settings->setScreenReaderAccess(m_screenReader->isChecked());
    QString browserError;
    if (!m_browserPage->apply(browserError)) {
        m_error->setText(browserError);
        m_error->show();
        return;
    }
    if (!m_settings->sync()) {
        m_error->setText(tr("The settings could not be saved. Check that the configuration "
                            "folder is writable and the disk is not full."));
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace arcanum
