#include "autofill/BrowserSettingsPage.h"

#include "autofill/AutofillServer.h"
#include "autofill/BrowserHostConfig.h"
#include "autofill/BrowserIntegration.h"
#include "autofill/KeyFingerprint.h"
#include "autofill/RegistrationScript.h"
#include "secret/SecretLabel.h"
#include "session/VaultSession.h"
#include "settings/Settings.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace arcanum {

using autofill::Browser;
using autofill::HostRegistration;

namespace {

QLabel* explanation(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QString stateText(const HostRegistration::Status& status)
{
    switch (status.state) {
    case HostRegistration::State::NotRegistered:
        return BrowserSettingsPage::tr("Not registered");
    case HostRegistration::State::Registered:
        return BrowserSettingsPage::tr("Registered");
    case HostRegistration::State::Outdated:
        return BrowserSettingsPage::tr("Registered for another copy of Arcanum");
    case HostRegistration::State::Foreign:
        return BrowserSettingsPage::tr("KeePassXC (or another program) is registered");
    case HostRegistration::State::Unreadable:
        return BrowserSettingsPage::tr("Unreadable manifest");
    case HostRegistration::State::Unknown:
        return BrowserSettingsPage::tr("Cannot check from inside the sandbox");
    }
    return {};
}

} // namespace

BrowserSettingsPage::BrowserSettingsPage(Settings* settings, BrowserIntegration* browser,
                                         VaultSession* session, QWidget* parent)
    : QWidget(parent), m_settings(settings), m_browser(browser), m_session(session),
      m_hostConfig(autofill::BrowserHostConfig::defaultPath())
{
    if (auto environment = HostRegistration::fromProcess())
        m_registration.emplace(std::move(environment.value()));
    else
        m_registrationError = QString::fromStdString(environment.error().message);

    auto* server = new QGroupBox(tr("Browser extension"), this);
    m_enable = new QCheckBox(tr("&Fill logins in browsers (KeePassXC-Browser extension)"), server);
    m_enable->setChecked(settings->browserIntegration());
    m_raiseUnlock =
        new QCheckBox(tr("Show the &unlock window when a browser asks while locked"), server);
    m_raiseUnlock->setChecked(settings->raiseUnlockOnBrowserRequest());
    m_startApp = new QCheckBox(tr("S&tart Arcanum when a browser asks"), server);
    m_startApp->setChecked(autofill::BrowserHostConfig::startApp(m_hostConfig));
    auto* serverLayout = new QVBoxLayout(server);
    serverLayout->addWidget(m_enable);
    serverLayout->addWidget(m_raiseUnlock);
    serverLayout->addWidget(m_startApp);
    serverLayout->addWidget(explanation(
        tr("Install the KeePassXC-Browser extension, register Arcanum with your browser below, "
           "then press “Connect” in the extension. Arcanum asks you to confirm the browser, and "
           "asks again the first time each site wants an entry."),
        server));

    auto* associations = new QGroupBox(tr("Connected browsers"), this);
    auto* associationsLayout = new QVBoxLayout(associations);
    m_associations = new QWidget(associations);
    m_associationGrid = new QGridLayout(m_associations);
    m_associationGrid->setContentsMargins(0, 0, 0, 0);
    m_associationsNote = new QLabel(associations);
    m_associationsNote->setWordWrap(true);
    associationsLayout->addWidget(m_associations);
    associationsLayout->addWidget(m_associationsNote);

    auto* registration = new QGroupBox(tr("Register with browsers"), this);
    auto* registrationGrid = new QGridLayout(registration);
    int row = 0;
    for (const Browser b : HostRegistration::browsers) {
        auto* name =
            new QLabel(QString::fromUtf8(HostRegistration::displayName(b).data(),
                                         qsizetype(HostRegistration::displayName(b).size())),
                       registration);
        auto* state = new QLabel(registration);
        auto* button = new QPushButton(registration);
        registrationGrid->addWidget(name, row, 0);
        registrationGrid->addWidget(state, row, 1);
        registrationGrid->addWidget(button, row, 2);
        connect(button, &QPushButton::clicked, this, [this, b] { toggleRegistration(b); });
        m_rows.push_back({b, state, button});
        ++row;
    }
    m_status = new QLabel(registration);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    registrationGrid->addWidget(m_status, row++, 0, 1, 3);
    if (m_registration && m_registration->sandboxed()) {
        for (const BrowserRow& browserRow : m_rows)
            browserRow.button->hide();
        registrationGrid->addWidget(
            flatpakCommands(m_registration->environment().flatpakId, registration), row, 0, 1, 3);
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(associations);
    layout->addWidget(registration);
    layout->addStretch();

    m_confirmReplace = [this](const QString& question) {
        return QMessageBox::question(this, tr("Replace KeePassXC's browser host?"), question,
                                     QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No) == QMessageBox::Yes;
    };
    if (m_session) {
        connect(m_session, &VaultSession::aboutToLock, this, &BrowserSettingsPage::releaseSecrets);
        connect(m_session, &VaultSession::unlocked, this, &BrowserSettingsPage::reloadAssociations);
    }
    reloadAssociations();
    reloadRegistrations();
}

BrowserSettingsPage::~BrowserSettingsPage()
{
    releaseSecrets();
}

QPushButton* BrowserSettingsPage::registerButton(Browser browser) const
{
    for (const BrowserRow& row : m_rows)
        if (row.browser == browser)
            return row.button;
    return nullptr;
}

QLabel* BrowserSettingsPage::registrationState(Browser browser) const
{
    for (const BrowserRow& row : m_rows)
        if (row.browser == browser)
            return row.state;
    return nullptr;
}

QWidget* BrowserSettingsPage::flatpakCommands(const std::string& flatpakId, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(
        explanation(tr("Arcanum runs in a Flatpak sandbox without access to your files, so it "
                       "cannot register itself with the browsers. Paste this command in a "
                       "terminal once (it writes the browsers' manifests and a small script that "
                       "starts Arcanum's browser host; nothing secret):"),
                    box),
        0, 0, 1, 2);
    const auto commandRow = [&](int row, bool unregister, const QString& name) {
        auto* line = new QLineEdit(
            QString::fromStdString(autofill::RegistrationScript::command(flatpakId, unregister)),
            box);
        line->setReadOnly(true);
        line->setAccessibleName(name);
        line->setCursorPosition(0);
        auto* copy = new QPushButton(tr("Copy"), box);
        copy->setAccessibleName(tr("Copy: %1").arg(name));
        connect(copy, &QPushButton::clicked, this, [this, line] {
            QApplication::clipboard()->setText(line->text());
            m_status->setText(tr("Copied. Paste it in a terminal, then restart the browser."));
        });
        grid->addWidget(line, row, 0);
        grid->addWidget(copy, row, 1);
        return std::pair{line, copy};
    };
    std::tie(m_registerCommand, m_copyRegister) =
        commandRow(1, false, tr("Command that registers Arcanum with the browsers"));
    grid->addWidget(explanation(tr("To unregister (KeePassXC's manifest, if Arcanum replaced "
                                   "it, comes back):"),
                                box),
                    2, 0, 1, 2);
    std::tie(m_unregisterCommand, m_copyUnregister) =
        commandRow(3, true, tr("Command that unregisters Arcanum"));
    return box;
}

void BrowserSettingsPage::releaseSecrets()
{
    for (SecretLabel* name : m_names)
        name->releaseSecrets();
    for (QWidget* widget : m_associationRows) {
        widget->hide();
        widget->deleteLater();
    }
    m_associationRows.clear();
    m_names.clear();
    m_remove.clear();
    m_associationsNote->setText(tr("Unlock the vault to see the browsers connected to it."));
}

void BrowserSettingsPage::reloadAssociations()
{
    releaseSecrets();
    Vault* vault = m_session ? m_session->vault() : nullptr;
    if (vault == nullptr)
        return;
    const VaultContents& contents = vault->contents();
    const std::size_t count = contents.associationCount();
    m_associationsNote->setText(
        count == 0 ? tr("No browser is connected to this vault.")
                   : tr("A removed browser can no longer ask for logins; connecting it again "
                        "needs your confirmation."));
    for (std::size_t i = 0; i < count; ++i) {
        const AssociationView view = contents.association(i);
        auto* name = new SecretLabel(&vault->arena(), m_associations);
        (void)name->setText(view.name());
        name->setAccessibleName(tr("Browser connection name"));
        QString fingerprint;
        if (auto text = autofill::KeyFingerprint::of(view.key(), vault->arena()))
            fingerprint = QString::fromLatin1(text->span().chars(), qsizetype(text->size()));
        auto* print = new QLabel(fingerprint, m_associations);
        print->setAccessibleName(tr("Key fingerprint"));
        const std::int64_t used = view.lastUsed();
        auto* last =
            new QLabel(used == 0 ? tr("never used")
                                 : tr("last used %1")
                                       .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(used),
                                                               QLocale::ShortFormat)),
                       m_associations);
        auto* remove = new QPushButton(tr("Remove"), m_associations);
        remove->setAccessibleName(
            tr("Remove the browser connection with fingerprint %1").arg(fingerprint));
        connect(remove, &QPushButton::clicked, this, [this, i] { removeAssociation(i); });
        const int row = int(i);
        m_associationGrid->addWidget(name, row, 0);
        m_associationGrid->addWidget(print, row, 1);
        m_associationGrid->addWidget(last, row, 2);
        m_associationGrid->addWidget(remove, row, 3);
        m_names.push_back(name);
        m_remove.push_back(remove);
        m_associationRows.insert(m_associationRows.end(), {name, print, last, remove});
    }
}

void BrowserSettingsPage::removeAssociation(std::size_t index)
{
    Vault* vault = m_session ? m_session->vault() : nullptr;
    if (vault == nullptr || index >= vault->contents().associationCount())
        return;
    VaultContents& contents = vault->contents();
    if (auto removed = contents.removeAssociation(contents.association(index).name()); !removed) {
        m_associationsNote->setText(QString::fromStdString(removed.error().message));
        return;
    }
    const auto saved = m_session->commitChanges();
    if (m_browser && m_browser->protocol())
        m_browser->protocol()->associationsChanged(); // its open connection loses its rights
    reloadAssociations();
    if (!saved)
        m_associationsNote->setText(tr("Removed, but the vault could not be saved: %1")
                                        .arg(QString::fromStdString(saved.error().message)));
}

void BrowserSettingsPage::reloadRegistrations()
{
    for (const BrowserRow& row : m_rows) {
        if (!m_registration) {
            row.state->setText(m_registrationError);
            row.button->setText(tr("Register"));
            row.button->setEnabled(false);
            continue;
        }
        const auto status = m_registration->status(row.browser);
        row.state->setText(stateText(status));
        row.state->setToolTip(QString::fromStdString(status.manifestPath));
        const bool ours = status.state == HostRegistration::State::Registered ||
                          status.state == HostRegistration::State::Outdated;
        row.button->setText(ours ? tr("Unregister") : tr("Register"));
        const QString name =
            QString::fromUtf8(HostRegistration::displayName(row.browser).data(),
                              qsizetype(HostRegistration::displayName(row.browser).size()));
        row.button->setAccessibleName(ours ? tr("Unregister from %1").arg(name)
                                           : tr("Register with %1").arg(name));
        row.button->setEnabled(true);
    }
}

void BrowserSettingsPage::toggleRegistration(Browser browser)
{
    if (!m_registration)
        return;
    const auto status = m_registration->status(browser);
    const bool ours = status.state == HostRegistration::State::Registered ||
                      status.state == HostRegistration::State::Outdated;
    Result<HostRegistration::Outcome> outcome = HostRegistration::Outcome{};
    if (ours) {
        outcome = m_registration->unregisterHost(browser);
    } else {
        bool replace = false;
        if (status.state == HostRegistration::State::Foreign ||
            status.state == HostRegistration::State::Unreadable) {
            replace = m_confirmReplace(
                tr("%1 already has a browser host of the same name, probably KeePassXC's:\n%2\n\n"
                   "The extension can talk to only one of them. Use Arcanum instead? The other "
                   "manifest is kept as a backup and comes back when you unregister Arcanum.")
                    .arg(
                        QString::fromUtf8(HostRegistration::displayName(browser).data(),
                                          qsizetype(HostRegistration::displayName(browser).size())),
                        QString::fromStdString(status.manifestPath)));
            if (!replace) {
                m_status->setText(tr("Nothing changed."));
                return;
            }
        }
        outcome = m_registration->registerHost(browser, replace);
    }
    m_status->setText(outcome ? QString::fromStdString(outcome->message)
                              : QString::fromStdString(outcome.error().message));
    reloadRegistrations();
}

bool BrowserSettingsPage::apply(QString& error)
{
    m_settings->setBrowserIntegration(m_enable->isChecked());
    m_settings->setRaiseUnlockOnBrowserRequest(m_raiseUnlock->isChecked());
    if (m_startApp->isChecked() != autofill::BrowserHostConfig::startApp(m_hostConfig)) {
        if (auto written =
                autofill::BrowserHostConfig::setStartApp(m_hostConfig, m_startApp->isChecked());
            !written) {
            error = QString::fromStdString(written.error().message);
            return false;
        }
    }
    if (m_browser) {
        if (m_enable->isChecked() && !m_browser->isRunning() && !m_browser->start()) {
            error = tr("Browser integration could not start: %1").arg(m_browser->errorString());
            return false;
        }
        if (!m_enable->isChecked())
            m_browser->stop();
    }
    return true;
}

} // namespace arcanum
