#include "window/KdbxController.h"

#include "dialogs/KdbxImportReportDialog.h"
#include "dialogs/KdbxKeyDialog.h"
#include "kdbx/KdbxKey.h"
#include "kdbx/KdbxKeyFile.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxVaultExporter.h"
#include "kdbx/KdbxVaultImporter.h"
#include "secret/MemoryLockLimit.h"
#include "session/VaultSession.h"
#include "window/BusyIndicator.h"

#include <QAction>
#include <QDialog>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QThread>
#include <QVBoxLayout>
#include <atomic>
#include <optional>

namespace arcanum {

// One import or export: everything secret in its own arena, which is declared first so that it
// goes last. The worker and the GUI thread share it through a shared_ptr; the worker writes only
// the fields below "results" and the GUI thread reads them only after the worker finished.
struct KdbxController::Job
{
    std::unique_ptr<SecretArena> arena;
    bool import = true;
    std::string path;    // the .kdbx file
    std::string keyFile; // empty: none
    QString fileName;    // for messages
    std::optional<SecretBuffer> password;
    std::atomic<bool> abandoned{false};
    KdbxWriteOptions writeOptions;
    KdbxImportOptions importOptions; // the same for read and apply

    // Results (and, for an export, the model built before the worker starts).
    std::optional<KdbxDatabase> database;
    std::optional<Error> error;
    KdbxImportReport importTimes; // read's timings; apply() makes the report itself
    KdbxExportReport exportReport;

    ~Job()
    {
        database.reset();
        password.reset();
    }

    [[nodiscard]] Result<KdbxKey> key()
    {
        std::optional<KdbxKeyFile> file;
        if (!keyFile.empty()) {
            auto read = KdbxKeyFile::read(*arena, keyFile);
            if (!read)
                return read.error();
            file.emplace(std::move(read.value()));
        }
        KdbxKey::Parts parts;
        if (password)
            parts.password = password->span();
        parts.keyFile = file ? &*file : nullptr;
        auto key = KdbxKey::create(*arena, parts);
        password.reset(); // the composite key is all that is needed from here on
        return key;
    }

    void runImport()
    {
        auto file = KdbxReader::readFile(path);
        if (!file) {
            error = file.error();
            return;
        }
        auto key = this->key();
        if (!key) {
            error = key.error();
            return;
        }
        auto read = KdbxVaultImporter::read(*arena, *file, *key, importOptions, &importTimes);
        if (!read)
            error = read.error();
        else
            database.emplace(std::move(read.value()));
    }

    void runExport()
    {
        auto key = this->key();
        if (!key) {
            error = key.error();
            return;
        }
        auto written =
            KdbxVaultExporter::write(*arena, path, *database, *key, writeOptions, &exportReport);
        if (!written)
            error = written.error();
        database.reset(); // wiped in this thread, as soon as it is written
    }
};

KdbxController::KdbxController(VaultSession* session, QWidget* dialogParent)
    : QObject(dialogParent), m_session(session), m_dialogParent(dialogParent)
{
    importAction = new QAction(tr("Import &KeePass database…"), this);
    importAction->setStatusTip(tr("Add the groups and entries of a KeePass or KeePassXC "
                                  "database (.kdbx) to this vault"));
    exportAction = new QAction(tr("&Export to KeePass…"), this);
    exportAction->setStatusTip(
        tr("Write this vault as a KeePass database (.kdbx) that KeePassXC opens"));
    connect(importAction, &QAction::triggered, this, &KdbxController::chooseAndImport);
    connect(exportAction, &QAction::triggered, this, &KdbxController::chooseAndExport);
    connect(session, &VaultSession::unlocked, this, &KdbxController::updateEnabled);
    connect(session, &VaultSession::locked, this, &KdbxController::updateEnabled);
    connect(session, &VaultSession::aboutToLock, this, &KdbxController::onAboutToLock);
    updateEnabled();
}

KdbxController::~KdbxController()
{
    closeDialogs();
    if (m_worker) {
        m_worker->disconnect(this);
        m_worker->wait(); // the job's arena must not go while the worker uses it
    }
}

void KdbxController::updateEnabled()
{
    const bool enabled = m_session->isUnlocked() && !isBusy();
    importAction->setEnabled(enabled);
    exportAction->setEnabled(enabled);
}

void KdbxController::chooseAndImport()
{
    if (!m_session->isUnlocked() || isBusy())
        return;
    const QString path =
        QFileDialog::getOpenFileName(m_dialogParent, tr("Import KeePass Database"), QString(),
                                     tr("KeePass databases (*.kdbx);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void KdbxController::chooseAndExport()
{
    if (!m_session->isUnlocked() || isBusy())
        return;
    QFileDialog dialog(m_dialogParent, tr("Export to KeePass"), QString(),
                       tr("KeePass databases (*.kdbx);;All files (*)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("kdbx"));
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        exportFile(dialog.selectedFiles().constFirst());
}

std::shared_ptr<KdbxController::Job> KdbxController::newJob(const QString& path, bool import)
{
    closeDialogs();
    auto arena = SecretArena::create(m_arenaOptions);
    if (!arena) {
        showMessage(false, import ? tr("Import KeePass Database") : tr("Export to KeePass"),
                    QString::fromStdString(arena.error().message));
        return nullptr;
    }
    auto job = std::make_shared<Job>();
    job->arena = std::move(arena.value());
    job->import = import;
    job->path = QFile::encodeName(path).toStdString();
    job->fileName = QFileInfo(path).fileName();
    job->writeOptions = m_writeOptions;
    // The key: typed into the job's own arena, so a lock meanwhile takes nothing from under it.
    KdbxKeyDialog dialog(job->arena.get(),
                         import ? KdbxKeyDialog::Mode::Open : KdbxKeyDialog::Mode::New,
                         job->fileName, m_dialogParent);
    connect(m_session, &VaultSession::aboutToLock, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted || !m_session->isUnlocked())
        return nullptr;
    auto password = dialog.takePassword();
    if (!password) {
        showMessage(false, dialog.windowTitle(), QString::fromStdString(password.error().message));
        return nullptr;
    }
    job->password = std::move(password.value());
    job->keyFile = QFile::encodeName(dialog.keyFilePath()).toStdString();
    job->importOptions.keepRecycleBin = dialog.keepRecycleBin();
    return job;
}

void KdbxController::importFile(const QString& path)
{
    if (!m_session->isUnlocked() || isBusy())
        return;
    if (auto job = newJob(path, true))
        start(job);
}

void KdbxController::exportFile(const QString& path)
{
    if (!m_session->isUnlocked() || isBusy())
        return;
    auto job = newJob(path, false);
    if (!job)
        return;
    // The model is a copy in the job's arena: the vault may change (or lock) while it is written.
    auto built =
        KdbxVaultExporter::build(m_session->vault()->contents(), *job->arena, &job->exportReport);
    if (!built) {
        showMessage(false, tr("Export to KeePass"),
                    tr("Nothing was written.") + QStringLiteral("\n\n") +
                        QString::fromStdString(built.error().message));
        return;
    }
    job->database.emplace(std::move(built.value()));
    start(job);
}

void KdbxController::start(const std::shared_ptr<Job>& job)
{
    m_job = job;
    updateEnabled();
    auto* progress = new QDialog(m_dialogParent);
    progress->setWindowTitle(job->import ? tr("Import KeePass Database") : tr("Export to KeePass"));
    progress->setModal(true);
    auto* label = new QLabel(
        job->import ? tr("Opening %1: deriving its key and decrypting…").arg(job->fileName)
                    : tr("Writing %1: deriving its key (Argon2id) and "
                         "encrypting…")
                          .arg(job->fileName),
        progress);
    label->setWordWrap(true);
    auto* layout = new QVBoxLayout(progress);
    layout->addWidget(label);
    layout->addWidget(new BusyIndicator(progress));
    // No Cancel: Argon2 cannot be interrupted. Escape does nothing; a lock abandons the job.
    progress->setWindowFlag(Qt::WindowCloseButtonHint, false);
    connect(progress, &QDialog::rejected, progress, [progress] { progress->show(); });
    m_progress = progress;
    m_progressLabel = label;
    progress->open();

    QThread* worker = QThread::create([job] {
        if (job->import)
            job->runImport();
        else
            job->runExport();
        job->password.reset();
    });
    m_worker = worker;
    connect(worker, &QThread::finished, this, &KdbxController::onFinished);
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void KdbxController::onFinished()
{
    std::shared_ptr<Job> job = std::move(m_job);
    m_worker.clear();
    if (m_progress) {
        m_progress->disconnect(m_progress);
        delete m_progress.data();
    }
    updateEnabled();
    if (!job)
        return;
    if (job->abandoned || !m_session->isUnlocked()) {
        const QString text =
            job->import ? tr("The vault was locked; nothing was imported.")
                        : tr("The vault was locked while %1 was written.").arg(job->fileName);
        emit statusMessage(text);
        emit finished(false, text);
        return; // `job` goes here: its arena, and whatever the worker left in it, is wiped
    }
    if (job->import)
        finishImport(*job);
    else
        finishExport(*job);
}

void KdbxController::finishImport(Job& job)
{
    const QString title = tr("Import KeePass Database");
    if (job.error) {
        showMessage(false, title,
                    tr("Nothing was imported from %1; the vault is unchanged.").arg(job.fileName) +
                        QStringLiteral("\n\n") +
                        QString::fromStdString(
                            MemoryLockLimit::inContext(*job.error, std::string()).message));
        return;
    }
    Vault* vault = m_session->vault();
    VaultContents& contents = vault->contents();
    const VaultContents::Checkpoint before = contents.checkpoint();
    auto applied = KdbxVaultImporter::apply(contents, vault->arena(), *job.database,
                                            job.importOptions, std::move(job.importTimes));
    job.database.reset(); // every value is in the vault now (or nowhere): wipe the copy
    if (!applied) {
        showMessage(false, title,
                    tr("Nothing was imported from %1; the vault is unchanged.").arg(job.fileName) +
                        QStringLiteral("\n\n") +
                        QString::fromStdString(
                            MemoryLockLimit::inContext(applied.error(), std::string()).message));
        return;
    }
    if (auto saved = m_session->commitAdditions(before); !saved) {
        showMessage(false, title,
                    tr("Nothing was imported from %1: the vault could not be saved, so it is left "
                       "as it was.")
                            .arg(job.fileName) +
                        QStringLiteral("\n\n") + QString::fromStdString(saved.error().message));
        return;
    }
    const QString summary = KdbxImportReportDialog::summary(*applied);
    emit statusMessage(summary.section(QLatin1Char('\n'), 0, 0));
    auto* dialog =
        new KdbxImportReportDialog(&vault->arena(), *applied, job.fileName, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_report = dialog;
    dialog->open();
    emit finished(true, summary);
    // `applied` goes here: its skipped titles and names (vault arena buffers) are wiped.
}

void KdbxController::finishExport(Job& job)
{
    const QString title = tr("Export to KeePass");
    if (job.error) {
        showMessage(false, title,
                    tr("%1 was not written.").arg(job.fileName) + QStringLiteral("\n\n") +
                        QString::fromStdString(
                            MemoryLockLimit::inContext(*job.error, std::string()).message));
        return;
    }
    const KdbxExportReport& report = job.exportReport;
    QString text =
        tr("Wrote %1: %2.")
            .arg(job.fileName, KdbxImportReportDialog::counts(report.entries, report.groups,
                                                              report.historyVersions));
    if (report.totp > 0)
        text += QLatin1Char('\n') +
                tr("TOTP settings: %1 (as KeePassXC's otp field).").arg(report.totp);
    if (report.attachments > 0)
        text += QLatin1Char('\n') + tr("Attachments: %1.").arg(report.attachments);
    if (report.associations > 0)
        text +=
            QLatin1Char('\n') + tr("KeePassXC-Browser associations: %1.").arg(report.associations);
    if (report.renamedFields > 0)
        text += QLatin1Char('\n') + tr("Custom fields renamed because KeePass needs distinct "
                                       "names in an entry: %1.")
                                        .arg(report.renamedFields);
    if (report.siteDecisions > 0)
        text += QLatin1Char('\n') + tr("Not written: %1 remembered browser decisions (allow or "
                                       "deny a site); KeePass has no place for them.")
                                        .arg(report.siteDecisions);
    emit statusMessage(text.section(QLatin1Char('\n'), 0, 0));
    showMessage(true, title, text);
}

void KdbxController::showMessage(bool ok, const QString& title, const QString& text)
{
    delete m_message.data();
    auto* box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, title, text,
                                QMessageBox::Ok, m_dialogParent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_message = box;
    box->open();
    if (!ok)
        emit statusMessage(text.section(QLatin1Char('\n'), 0, 0));
    emit finished(ok, text);
}

void KdbxController::closeDialogs()
{
    if (m_report) {
        m_report->releaseSecrets();
        delete m_report.data();
    }
    delete m_message.data();
}

void KdbxController::onAboutToLock()
{
    // The report draws entry titles from the vault's arena, which is about to go.
    closeDialogs();
    if (m_job)
        m_job->abandoned = true;
}

} // namespace arcanum
