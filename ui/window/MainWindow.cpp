#include "window/MainWindow.h"

#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ScreenReaderAccessController.h"
#include "clipboard/ClipboardGuard.h"
#include "dialogs/ChangePasswordDialog.h"
#include "dialogs/CreateVaultDialog.h"
#include "dialogs/SettingsDialog.h"
#include "lock/LockController.h"
#include "lock/LockCoordinator.h"
#include "platform/HibernationBanner.h"
#include "session/VaultSession.h"
#include "settings/Settings.h"
#include "window/CsvImportController.h"
#include "window/DiscardedEditNotice.h"
#include "window/EntryActions.h"
#include "window/GroupActions.h"
#include "window/UnlockPage.h"
#include "window/VaultPage.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDebug>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace arcanum {

MainWindow::MainWindow(Settings* settings, LockSignalSource* lockSource, HibernationProbe probe,
                       QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_probe(std::move(probe))
{
    m_session = new VaultSession(this);
    m_clipboard = new ClipboardGuard(this);
    m_lock = new LockController(lockSource, this);
    m_lockCoordinator = new LockCoordinator(m_session, this);

    m_unlockPage = new UnlockPage(this);
    m_vaultPage = new VaultPage(m_session, this);
    m_banner = new HibernationBanner(this);
    m_discardedNotice = new DiscardedEditNotice(m_session, this);
    auto* unlocked = new QWidget(this);
    auto* unlockedLayout = new QVBoxLayout(unlocked);
    unlockedLayout->setContentsMargins(4, 4, 4, 4);
    unlockedLayout->addWidget(m_banner);
    unlockedLayout->addWidget(m_discardedNotice);
    unlockedLayout->addWidget(m_vaultPage, 1);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_unlockPage);
    m_pages->addWidget(unlocked);
    setCentralWidget(m_pages);

    m_actions = new EntryActions(m_session, m_vaultPage, m_clipboard, this);
    m_csvImport = new CsvImportController(m_session, this);
    m_groupActions = new GroupActions(m_session, m_vaultPage, this);
    m_protection = new QLabel(this);
    statusBar()->addPermanentWidget(m_protection);
    m_screenReader = new ScreenReaderAccessController(m_settings, this, statusBar());
    buildMenus();

    connect(m_lock, &LockController::lockRequested, m_lockCoordinator,
            &LockCoordinator::requestLock);
    connect(m_lockCoordinator, &LockCoordinator::lockApproved, this, &MainWindow::lockVault);
    connect(m_lockCoordinator, &LockCoordinator::editDiscarded, m_discardedNotice,
            &DiscardedEditNotice::remember);
    connect(m_session, &VaultSession::busyChanged, m_unlockPage, &UnlockPage::setBusy);
    connect(m_session, &VaultSession::unlocked, this, &MainWindow::onUnlocked);
    connect(m_session, &VaultSession::unlockFailed, this, &MainWindow::onUnlockFailed);
    // Our clipboard content goes before the arena it is served from.
    connect(m_session, &VaultSession::aboutToLock, m_clipboard, &ClipboardGuard::clearNow);
    // Text handed to a screen reader is wiped at lock even if Qt still held it.
    connect(m_session, &VaultSession::aboutToLock, &AccessibleTextPool::instance(),
            &AccessibleTextPool::wipeAll);
    connect(m_session, &VaultSession::locked, this, &MainWindow::onLocked);
    connect(m_session, &VaultSession::saveFailed, this, [this](const QString& message) {
        QMessageBox::warning(this, tr("Could not save"), message);
    });
    const auto showStatus = [this](const QString& message) {
        statusBar()->showMessage(message, 8000);
    };
    connect(m_csvImport, &CsvImportController::statusMessage, this, showStatus);
    connect(m_groupActions, &GroupActions::statusMessage, this, showStatus);
    connect(m_actions, &EntryActions::statusMessage, this, showStatus);
    connect(m_clipboard, &ClipboardGuard::cleared, this,
            [this] { statusBar()->showMessage(tr("Clipboard cleared."), 4000); });
    connect(m_unlockPage, &UnlockPage::unlockRequested, this, &MainWindow::unlock);
    connect(m_unlockPage, &UnlockPage::cancelRequested, m_session, &VaultSession::cancelUnlock);
    connect(m_session, &VaultSession::unlockCancelled, this, [this] {
        statusBar()->showMessage(tr("Unlocking cancelled."), 8000);
        m_unlockPage->focusPassword();
    });
    connect(m_unlockPage, &UnlockPage::createRequested, this, &MainWindow::createVault);
    connect(m_unlockPage, &UnlockPage::openRequested, this, &MainWindow::chooseVault);
    connect(m_unlockPage, &UnlockPage::recentVaultChosen, this, &MainWindow::openVault);

    applySettings();
    resize(1120, 700);
    const QStringList recent = m_settings->recentVaults();
    m_unlockPage->setVaultPath(recent.isEmpty() ? QString() : recent.first());
    onLocked();
}

MainWindow::~MainWindow()
{
    m_clipboard->clearNow();
    m_session->lock();
    m_unlockPage->releaseSecrets();
}

void MainWindow::buildMenus()
{
    QMenu* vault = menuBar()->addMenu(tr("&Vault"));
    vault->addAction(tr("&New vault…"), this, &MainWindow::createVault);
    vault->addAction(tr("&Open vault…"), QKeySequence::Open, this, &MainWindow::chooseVault);
    const QKeySequence lockKey(Qt::CTRL | Qt::Key_L);
    m_lockAction = vault->addAction(tr("&Lock"), lockKey, m_lockCoordinator, [this] {
        m_lockCoordinator->requestLock(LockReason::OnDemand);
    });
    m_lockCoordinator->setLockKey(lockKey); // in every window, modal dialogs included
    vault->addAction(m_csvImport->importAction);
    vault->addSeparator();
    m_changePasswordAction =
        vault->addAction(tr("Change &Master Password…"), this, &MainWindow::changeMasterPassword);
    vault->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    vault->addSeparator();
    vault->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Entry"));
    edit->addAction(tr("&Find"), QKeySequence::Find, m_vaultPage, &VaultPage::focusSearch);
    edit->addSeparator();
    for (QAction* action : {m_actions->newEntry, m_actions->editEntry, m_actions->showHistory,
                            m_actions->deleteEntry})
        edit->addAction(action);
    edit->addSeparator();
    for (QAction* action : {m_actions->copyUsername, m_actions->copyPassword, m_actions->openUrl,
                            m_actions->revealFields})
        edit->addAction(action);

    QMenu* groups = menuBar()->addMenu(tr("&Group"));
    groups->addActions(
        {m_groupActions->newGroup, m_groupActions->renameGroup, m_groupActions->deleteGroup});

    // A toolbar for the common entry actions; theme icons where the desktop has them.
    QToolBar* toolbar = addToolBar(tr("Entries"));
    toolbar->setObjectName(QStringLiteral("entryToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const std::pair<QAction*, const char*> iconed[] = {{m_actions->newEntry, "list-add"},
                                                       {m_actions->editEntry, "document-edit"},
                                                       {m_actions->deleteEntry, "edit-delete"},
                                                       {m_actions->copyUsername, "edit-copy"},
                                                       {m_actions->copyPassword, "dialog-password"},
                                                       {m_actions->openUrl, "internet-web-browser"},
                                                       {m_actions->generator, "view-refresh"}};
    for (const auto& [action, icon] : iconed) {
        action->setIcon(QIcon::fromTheme(QString::fromLatin1(icon)));
        toolbar->addAction(action);
    }
    toolbar->addSeparator();
    m_lockAction->setIcon(QIcon::fromTheme(QStringLiteral("system-lock-screen")));
    toolbar->addAction(m_lockAction);
    connect(m_session, &VaultSession::unlocked, toolbar, &QWidget::show);
    connect(m_session, &VaultSession::locked, toolbar, &QWidget::hide);
    toolbar->hide();

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_actions->generator);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QMessageBox::information(
            this, tr("Keyboard shortcuts"),
            tr("Ctrl+F  search\nCtrl+B  copy user name\nCtrl+C  copy password\nCtrl+U  open URL\n"
               "Ctrl+E  edit entry\nCtrl+Shift+H  entry history\nCtrl+N  new entry\n"
               "Delete  delete entry\n"
               "Ctrl+Shift+N  new group\nF2  rename group (sidebar)\n"
               "Delete  delete empty group (sidebar)\n"
               "Ctrl+H  show protected fields\nCtrl+G  password generator\n"
               "Ctrl+L  lock (in any window)\nEsc  cancel unlocking\n"
               "Ctrl+O  open vault\nCtrl+Q  quit"));
    });
    help->addAction(tr("&About Arcanum"), this, [this] {
        QMessageBox::about(this, tr("About Arcanum"),
                           tr("Arcanum %1\n\nA password vault whose unlocked contents live only in "
                              "secret memory (memfd_secret).")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::applySettings()
{
    m_lock->setTriggers(m_settings->lockTriggers());
    m_clipboard->setClearAfter(m_settings->clipboardClearAfter());
    m_banner->setEnabledBySettings(m_settings->showHibernationBanner());
    m_screenReader->apply();
    SecretArenaOptions options;
    if (m_settings->requireSecretMemory())
        options.fallback = FallbackPolicy::RequireSecretMemory;
    m_session->setArenaOptions(options);
    m_unlockPage->setArenaOptions(options);
    m_unlockPage->setRecentVaults(m_settings->recentVaults());
}

void MainWindow::openVault(const QString& path)
{
    if (m_session->isUnlocked())
        lockVault(LockReason::OnDemand);
    m_unlockPage->setVaultPath(path);
    m_pages->setCurrentWidget(m_unlockPage);
    m_unlockPage->focusPassword();
    updateTitle();
}

void MainWindow::unlock()
{
    // Ask before unlocking: once secret memory exists the kernel hides "disk" from us.
    m_hibernation = m_probe.probe();
    m_banner->setHibernationState(m_hibernation.state);
    auto password = m_unlockPage->takePassword();
    if (!password) {
        m_unlockPage->showError(QString::fromStdString(password.error().message));
        return;
    }
    m_session->unlock(m_unlockPage->vaultPath(), std::move(password.value()));
}

void MainWindow::createVault()
{
    CreateVaultDialog dialog(m_unlockPage->inputArena(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto password = dialog.takePassword();
    if (!password) {
        QMessageBox::warning(this, tr("New vault"),
                             QString::fromStdString(password.error().message));
        return;
    }
    m_hibernation = m_probe.probe();
    m_banner->setHibernationState(m_hibernation.state);
    m_unlockPage->setVaultPath(dialog.path());
    m_session->create(dialog.path(), std::move(password.value()), dialog.kdfParams());
}

void MainWindow::chooseVault()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open vault"), QString(), tr("Arcanum vaults (*.arcanum);;All files (*)"));
    if (!path.isEmpty())
        openVault(path);
}

void MainWindow::changeMasterPassword()
{
    if (!m_session->isUnlocked())
        return;
    ChangePasswordDialog dialog(m_session, this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("The master password was changed."), 8000);
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, this, m_browser, m_session);
    if (dialog.exec() == QDialog::Accepted)
        applySettings();
}

void MainWindow::onUnlocked()
{
    m_unlockPage->releaseSecrets(); // the typed password is gone; so is its arena
    m_settings->addRecentVault(m_session->path());
    (void)m_settings->sync();
    Vault* vault = m_session->vault();
    m_banner->setProtectionLevel(vault->protectionLevel());
    m_banner->setVaultUnlocked(true);
    m_pages->setCurrentIndex(1);
    m_protection->setText(protectionText());
    m_protection->setToolTip(vault->protectionLevel() == ProtectionLevel::SecretMemory
                                 ? tr("The vault's contents are in memfd_secret() memory: out of "
                                      "the kernel's direct map, never swapped, never dumped, "
                                      "unreadable by other processes, even root.")
                                 : QString::fromStdString(vault->arena().fallbackReason()));
    m_lockAction->setEnabled(true);
    m_changePasswordAction->setEnabled(true);
    m_lock->setUnlocked(true);
    updateTitle();
    m_vaultPage->focusEntryList();
    // One line on stderr for whoever runs Arcanum from a terminal (and the Flatpak tests): which
    // protection, and why the hibernation banner is or is not shown. Nothing secret.
    qInfo().noquote() << QStringLiteral("Unlocked: %1; hibernation: %2 (%3); banner %4")
                             .arg(protectionText(),
                                  HibernationProbe::stateName(m_hibernation.state),
                                  m_hibernation.reason,
                                  m_banner->wantsToShow() ? QStringLiteral("shown")
                                                          : QStringLiteral("hidden"));
    if (vault->protectionLevel() == ProtectionLevel::LockedMemory)
        statusBar()->showMessage(tr("Secret memory is unavailable; the vault is in locked memory, "
                                    "which root and debuggers can read."));
}

void MainWindow::onUnlockFailed(int errorCode, const QString& message)
{
    if (static_cast<ErrorCode>(errorCode) == ErrorCode::WrongPassword)
        m_unlockPage->showError(tr("The master password is wrong. Try again."));
    else
        m_unlockPage->showError(message);
    updateTitle();
}

void MainWindow::lockVault(LockReason reason)
{
    m_lastLockReason = reason;
    if (m_session->state() == VaultSession::State::Locked) {
        m_lock->lockFinished(); // nothing to lock; let a pending suspend go on
        return;
    }
    m_session->lock();
}

void MainWindow::onLocked()
{
    m_banner->setVaultUnlocked(false);
    m_pages->setCurrentWidget(m_unlockPage);
    m_unlockPage->setVaultPath(m_session->path().isEmpty() ? m_unlockPage->vaultPath()
                                                           : m_session->path());
    m_protection->setText(tr("Locked"));
    m_protection->setToolTip({});
    m_lockAction->setEnabled(false);
    m_changePasswordAction->setEnabled(false);
    m_lock->lockFinished();
    if (m_session->path().isEmpty())
        statusBar()->clearMessage();
    else
        statusBar()->showMessage(lockReasonText(m_lastLockReason));
    m_lastLockReason = LockReason::OnDemand;
    updateTitle();
}

QString MainWindow::protectionText() const
{
    Vault* vault = m_session->vault();
    if (vault == nullptr)
        return tr("Locked");
    return vault->protectionLevel() == ProtectionLevel::SecretMemory
               ? tr("Protected: secret memory")
               : tr("Weaker protection: locked memory (fallback)");
}

void MainWindow::updateTitle()
{
    const QString path = m_unlockPage->vaultPath();
    setWindowTitle(path.isEmpty() ? tr("Arcanum")
                                  : tr("%1 — Arcanum").arg(QFileInfo(path).fileName()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_clipboard->clearNow();
    m_session->lock();
    event->accept();
}

} // namespace arcanum
