// KdbxController: "Vault → Import KeePass database…" and "Export to KeePass…" (issue 10).
//
// Import: a file dialog, the database's password and/or key file (KdbxKeyDialog), then a worker
// thread reads the file, makes the composite key and runs the KDF and decryption
// (KdbxVaultImporter::read) while a busy dialog shows; back on the GUI thread the database is
// added to the vault all or nothing (apply, then VaultSession::commitAdditions: a failed save
// drops the additions again) and a report lists what came in and what was left out and why
// (KdbxImportReportDialog). Export: a file dialog, the new database's password twice and an
// optional key file, the vault copied into a KDBX model (KdbxVaultExporter::build), then a worker
// writes it (Argon2id over the new key, the crash-safe replace), and a report says what was
// written.
//
// Every job has a secret-memory arena of its own for the password, the key file's key, the
// decrypted database or the model being written, so a lock never waits for Argon2: a lock
// abandons the job (nothing is added; the worker's results are wiped when it ends) and closes
// the dialogs. Errors are the core's specific messages (wrong password or key file — one message
// for both —, damaged block N, unsupported cipher, limits, the file system's); the vault is
// untouched by a failed import. One job at a time; the actions are disabled meanwhile.
#pragma once

#include "dialogs/KdbxImportReportDialog.h"
#include "kdbx/KdbxImportReport.h"
#include "kdbx/KdbxWriter.h"
#include "secret/SecretArenaOptions.h"

#include <QDialog>
#include <QLabel>
#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>

class QAction;
class QThread;
class QWidget;

namespace arcanum {

class VaultSession;

class KdbxController : public QObject
{
    Q_OBJECT

public:
    KdbxController(VaultSession* session, QWidget* dialogParent);
    ~KdbxController() override;

    QAction* importAction = nullptr;
    QAction* exportAction = nullptr;

    void setArenaOptions(const SecretArenaOptions& options) { m_arenaOptions = options; }
    // The costs an export writes with (tests use small ones).
    void setWriteOptions(const KdbxWriteOptions& options) { m_writeOptions = options; }

    [[nodiscard]] bool isBusy() const { return m_job != nullptr; }
    // While a job runs: the busy dialog. After an import: the report. After an error or an
    // export: the message. (Tests; each is closed by the next job or a lock.)
    [[nodiscard]] QDialog* progressDialog() const { return m_progress; }
    [[nodiscard]] QLabel* progressLabel() const { return m_progressLabel; }
    [[nodiscard]] KdbxImportReportDialog* reportDialog() const { return m_report; }
    [[nodiscard]] QMessageBox* messageBox() const { return m_message; }

public slots:
    void chooseAndImport();
    // Asks for the key of `path` (modal), then imports it in the background.
    void importFile(const QString& path);
    void chooseAndExport();
    // Asks for the new database's key (modal), then writes `path` in the background.
    void exportFile(const QString& path);

signals:
    void statusMessage(const QString& message);
    // A job ended: `ok` false on an error or an abandoned job; `message` is what the user read.
    void finished(bool ok, const QString& message);

private:
    struct Job;
    void updateEnabled();
    [[nodiscard]] std::shared_ptr<Job> newJob(const QString& path, bool import);
    void start(const std::shared_ptr<Job>& job);
    void onFinished();
    void finishImport(Job& job);
    void finishExport(Job& job);
    void showMessage(bool ok, const QString& title, const QString& text);
    void closeDialogs();
    void onAboutToLock();

    VaultSession* m_session;
    QWidget* m_dialogParent;
    SecretArenaOptions m_arenaOptions;
    KdbxWriteOptions m_writeOptions;
    std::shared_ptr<Job> m_job;
    QPointer<QThread> m_worker;
    QPointer<QDialog> m_progress;
    QPointer<QLabel> m_progressLabel;
    QPointer<KdbxImportReportDialog> m_report;
    QPointer<QMessageBox> m_message;
};

} // namespace arcanum
