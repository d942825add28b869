#include "session/VaultSession.h"

#include "crypto/Argon2.h"
#include "secret/SecretArena.h"

#include <unistd.h>

namespace arcanum {

// One unlock or create: its own arena with the password copy, and its result. Shared by the
// session and the worker thread; the session may abandon it at any time.
struct VaultSession::Job
{
    std::unique_ptr<SecretArena> arena; // declared before the buffer that lives in it
    SecretBuffer password;
    std::mutex mutex;
    std::optional<VaultResult> result;  // set by the worker unless abandoned
    std::atomic<bool> abandoned{false}; // set by the session; the worker then wipes its result
    std::string createdFile;            // a create's new file, removed if the job was abandoned
};

VaultSession::VaultSession(QObject* parent) : QObject(parent) {}

VaultSession::~VaultSession()
{
    stopRekeying();
    abandonJob(); // its worker wipes what it makes; nobody waits for Argon2
    m_vault.reset();
}

void VaultSession::setState(State state)
{
    const bool wasBusy = m_state == State::Busy;
    m_state = state;
    if (wasBusy != (state == State::Busy))
        emit busyChanged(state == State::Busy);
}

int VaultSession::runningWorkers() const
{
    return m_runningWorkers->load();
}

void VaultSession::startWorker(const QString& path, SecretBuffer password,
                               std::function<VaultResult(Job& job)> work)
{
    if (m_state == State::Busy) {
        password.reset();
        return; // one unlock at a time; the window disables its buttons meanwhile
    }
    if (m_state == State::Unlocked)
        lock();
    // The job's own copy of the password: the caller's arena may be released right after this
    // (a new unlock may even start in it) while an abandoned worker still runs.
    auto job = std::make_shared<Job>();
    auto arena = SecretArena::create(m_arenaOptions, password.size() + 1);
    auto copy = arena ? (*arena)->copyOf(password.span()) : Result<SecretBuffer>(arena.error());
    password.reset();
    if (!copy) {
        emit unlockFailed(static_cast<int>(copy.error().code),
                          QString::fromStdString(copy.error().message));
        return;
    }
    job->arena = std::move(arena.value());
    job->password = std::move(copy.value());
    m_path = path;
    m_job = job;
    setState(State::Busy);
    ++*m_runningWorkers;
    QThread* worker = QThread::create([job, work = std::move(work), running = m_runningWorkers] {
        VaultResult result = work(*job);
        job->password.reset(); // the work wipes it as soon as the keys exist; in any case now
        bool kept = false;
        {
            std::lock_guard guard(job->mutex);
            if (!job->abandoned) {
                job->result.emplace(std::move(result));
                kept = true;
            }
        }
        // Abandoned: `result` (perhaps a whole unlocked vault) is wiped here, in this thread, and
        // a vault file this job created is removed again: the user cancelled its creation.
        result = Error{ErrorCode::Cancelled, {}};
        if (!kept && !job->createdFile.empty())
            ::unlink(job->createdFile.c_str());
        job->arena.reset();
        --*running;
    });
    connect(worker, &QThread::finished, this, [this, job] { onWorkerFinished(job); });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void VaultSession::unlock(const QString& path, SecretBuffer password)
{
    const std::string file = path.toStdString();
    const SecretArenaOptions options = m_arenaOptions;
    startWorker(path, std::move(password), [file, options](Job& job) {
        auto vault = Vault::open(file, job.password.span(), options);
        job.password.reset();
        return vault;
    });
}

void VaultSession::create(const QString& path, SecretBuffer password,
                          std::optional<Argon2Params> kdf)
{
    const std::string file = path.toStdString();
    const SecretArenaOptions options = m_arenaOptions;
    startWorker(path, std::move(password), [file, options, kdf](Job& job) -> VaultResult {
        std::optional<Argon2Params> params = kdf;
        if (!params) {
            auto calibrated = Argon2::calibrate({});
            if (!calibrated)
                return calibrated.error();
            params = *calibrated;
        }
        if (job.abandoned) // cancelled while calibrating: write nothing
            return Error{ErrorCode::Cancelled, "Creating the vault was cancelled."};
        auto vault = Vault::create(file, job.password.span(), *params, options);
        job.password.reset();
        if (vault)
            job.createdFile = file;
        return vault;
    });
}

void VaultSession::abandonJob()
{
    if (!m_job)
        return;
    std::optional<VaultResult> finished;
    {
        std::lock_guard guard(m_job->mutex);
        m_job->abandoned = true;
        finished.swap(m_job->result); // done already, not yet collected: wiped below
    }
    m_job.reset();
}

void VaultSession::cancelUnlock()
{
    if (m_state != State::Busy)
        return;
    abandonJob();
    setState(State::Locked);
    emit unlockCancelled();
}

void VaultSession::onWorkerFinished(const std::shared_ptr<Job>& job)
{
    if (job != m_job)
        return; // abandoned: the worker has wiped its result
    m_job.reset();
    std::optional<VaultResult> result;
    {
        std::lock_guard guard(job->mutex);
        result.swap(job->result);
    }
    if (!result) {
        setState(State::Locked);
        emit unlockFailed(static_cast<int>(ErrorCode::Cancelled), tr("Unlocking stopped."));
        return;
    }
    if (!*result) {
        setState(State::Locked);
        emit unlockFailed(static_cast<int>(result->error().code),
                          QString::fromStdString(result->error().message));
        return;
    }
    m_vault = std::move(result->value());
    setState(State::Unlocked);
    emit unlocked();
}

void VaultSession::changePassword(SecretBuffer password)
{
    if (m_state != State::Unlocked || m_rekeyWorker) {
        password.reset();
        emit passwordChangeFailed(m_rekeyWorker ? tr("The master password is being changed.")
                                                : tr("The vault is locked."));
        return;
    }
    m_newKdf = m_vault->kdfParams().withFreshSalt();
    SecretArena* arena = &m_vault->arena();
    auto shared = std::make_shared<SecretBuffer>(std::move(password));
    QThread* worker = QThread::create([this, arena, params = m_newKdf, shared] {
        auto keys = VaultKeys::derive(shared->span(), params, *arena);
        shared->reset(); // in this thread: lock() waits for it before the arena goes
        std::lock_guard guard(m_resultMutex);
        m_newKeys.emplace(std::move(keys));
    });
    m_rekeyWorker = worker;
    connect(worker, &QThread::finished, this, &VaultSession::onRekeyFinished);
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void VaultSession::stopRekeying()
{
    if (m_rekeyWorker)
        m_rekeyWorker->wait();
    std::lock_guard guard(m_resultMutex);
    m_newKeys.reset(); // wiped while the arena they live in still exists
}

void VaultSession::onRekeyFinished()
{
    std::optional<Result<VaultKeys>> keys;
    {
        std::lock_guard guard(m_resultMutex);
        keys.swap(m_newKeys);
    }
    m_rekeyWorker.clear();
    if (!keys || !m_vault) {
        emit passwordChangeFailed(tr("The vault was locked before the new master password was "
                                     "saved. The old master password still opens it."));
        return;
    }
    if (!*keys) {
        emit passwordChangeFailed(QString::fromStdString(keys->error().message));
        return;
    }
    if (auto replaced = m_vault->replaceKeys(std::move(keys->value()), m_newKdf); !replaced) {
        emit passwordChangeFailed(
            tr("The new master password was not saved; the old one still opens the vault.\n\n%1")
                .arg(QString::fromStdString(replaced.error().message)));
        return;
    }
    emit passwordChanged();
}

Result<void> VaultSession::save()
{
    if (!m_vault)
        return Error{ErrorCode::InvalidArgument, "The vault is locked."};
    auto saved = m_vault->save();
    if (!saved)
        emit saveFailed(QString::fromStdString(saved.error().message));
    return saved;
}

Result<void> VaultSession::commitChanges()
{
    auto saved = save();
    emit contentsChanged();
    return saved;
}

Result<void> VaultSession::commitAdditions(const VaultContents::Checkpoint& before)
{
    if (!m_vault)
        return Error{ErrorCode::InvalidArgument, "The vault is locked."};
    auto saved = save();
    if (!saved) {
        m_vault->contents().rollback(before);
        return saved;
    }
    emit contentsChanged();
    return saved;
}

void VaultSession::lock()
{
    if (m_state == State::Busy) {
        abandonJob(); // the worker wipes the vault it makes; nothing waits for Argon2
        setState(State::Locked);
        emit locked();
        return;
    }
    if (m_state == State::Locked)
        return;
    stopRekeying();
    emit aboutToLock();
    m_vault.reset(); // wipes and unmaps every arena region
    setState(State::Locked);
    emit locked();
}

} // namespace arcanum
