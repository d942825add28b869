// VaultSession: the GUI's one unlocked vault, and the only place that unlocks, saves and locks.
//
// Unlocking and creating run Argon2 in a worker thread so the window never freezes; the result
// comes back as a signal. Each worker is a job with its own small arena holding its copy of the
// password, so cancelUnlock() returns at once: the job is abandoned, the session is Locked
// again and can start another unlock right away, and whatever the abandoned worker produces
// (a whole unlocked Vault) is wiped in the worker thread the moment it is done. libargon2 cannot
// be interrupted, so an abandoned job still uses CPU and its work memory until Argon2 ends.
// Locking emits aboutToLock() (views drop every span and entry handle, widgets wipe their
// buffers), then destroys the Vault, which wipes and unmaps its arena, then emits locked().
// Views never keep an EntryView across contentsChanged().
#pragma once

#include "common/Result.h"
#include "crypto/Argon2Params.h"
#include "secret/SecretArenaOptions.h"
#include "vault/Vault.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace arcanum {

class VaultSession : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Locked,
        Busy,
        Unlocked
    };

    explicit VaultSession(QObject* parent = nullptr);
    ~VaultSession() override;

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isUnlocked() const { return m_state == State::Unlocked; }
    // The open vault, or null while locked or busy.
    [[nodiscard]] Vault* vault() const { return m_vault.get(); }
    [[nodiscard]] const QString& path() const { return m_path; }

    void setArenaOptions(const SecretArenaOptions& options) { m_arenaOptions = options; }

    // Starts unlocking `path` (ignored while busy). The password is copied into the job's own
    // arena and `password` is wiped before this returns, so its arena may go at once; the job's
    // copy is wiped as soon as the keys are derived. Ends in unlocked(), unlockFailed() or (after
    // cancelUnlock() or lock()) nothing more.
    void unlock(const QString& path, SecretBuffer password);
    // Creates a new vault; without `kdf`, Argon2id is first calibrated to about one second.
    void create(const QString& path, SecretBuffer password, std::optional<Argon2Params> kdf = {});
    // While busy: abandons the unlock (or create) at once and emits unlockCancelled(). The
    // worker's result is wiped whenever it finishes (a vault file an abandoned create wrote is
    // removed again); a new unlock may start right away.
    void cancelUnlock();
    // Workers still running, abandoned ones included (tests, diagnostics).
    [[nodiscard]] int runningWorkers() const;

    // Re-keys the open vault with `password` (a buffer in the vault's arena), keeping its
    // Argon2id costs with a fresh salt. Argon2 runs in a worker thread; the keys are swapped and
    // the vault saved back on this thread. Ends in passwordChanged() or passwordChangeFailed().
    // A lock meanwhile waits for Argon2 to finish and drops the new keys: the old password stays.
    void changePassword(SecretBuffer password);
    [[nodiscard]] bool isChangingPassword() const { return !m_rekeyWorker.isNull(); }

    // Saves now; on failure emits saveFailed() too and returns the error.
    [[nodiscard]] Result<void> save();
    // Call after changing vault()->contents(): saves and tells the views.
    [[nodiscard]] Result<void> commitChanges();
    // Call after only adding to vault()->contents() since `before` (a bulk import): saves and
    // tells the views; when saving fails, drops the additions again (VaultContents::rollback),
    // so memory matches the file on disk and the views never saw them, and emits saveFailed().
    [[nodiscard]] Result<void> commitAdditions(const VaultContents::Checkpoint& before);

public slots:
    void lock();

signals:
    void busyChanged(bool busy);
    void unlocked();
    void unlockCancelled();
    void unlockFailed(int errorCode, const QString& message); // errorCode: arcanum::ErrorCode
    void aboutToLock();
    void locked();
    void contentsChanged();
    void saveFailed(const QString& message);
    void passwordChanged();
    void passwordChangeFailed(const QString& message);

private:
    using VaultResult = Result<std::unique_ptr<Vault>>;
    struct Job;
    // Runs `work` on a worker thread with the job (its password copy, its abandoned flag).
    void startWorker(const QString& path, SecretBuffer password,
                     std::function<VaultResult(Job& job)> work);
    void onWorkerFinished(const std::shared_ptr<Job>& job);
    void abandonJob();
    void onRekeyFinished();
    void stopRekeying(); // waits for Argon2 and drops its keys
    void setState(State state);

    State m_state = State::Locked;
    QString m_path;
    SecretArenaOptions m_arenaOptions;
    std::unique_ptr<Vault> m_vault;
    std::shared_ptr<Job> m_job; // the unlock or create in progress
    std::shared_ptr<std::atomic<int>> m_runningWorkers = std::make_shared<std::atomic<int>>(0);
    std::mutex m_resultMutex; // m_newKeys
    // Changing the password: Argon2's worker and its result (keys in the vault's arena).
    QPointer<QThread> m_rekeyWorker;
    std::optional<Result<VaultKeys>> m_newKeys; // m_resultMutex
    Argon2Params m_newKdf;
};

} // namespace arcanum
