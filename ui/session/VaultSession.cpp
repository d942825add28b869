#include "session/VaultSession.h"

#include "crypto/Argon2.h"

namespace arcanum {

VaultSession::VaultSession(QObject* parent) : QObject(parent) {}

VaultSession::~VaultSession()
{
    stopRekeying();
    if (m_worker) {
        m_discardResult = true;
        m_worker->wait();
    }
    m_vault.reset();
}

void VaultSession::setState(State state)
{
    const bool wasBusy = m_state == State::Busy;
    m_state = state;
    if (wasBusy != (state == State::Busy))
        emit busyChanged(state == State::Busy);
}

void VaultSession::startWorker(const QString& path, std::function<VaultResult()> job)
{
    if (m_state == State::Busy)
        return; // one unlock at a time; the window disables its buttons meanwhile
    if (m_state == State::Unlocked)
        lock();
    m_path = path;
    m_discardResult = false;
    setState(State::Busy);
    QThread* worker = QThread::create([this, job = std::move(job)]() {
        VaultResult result = job();
        std::lock_guard guard(m_resultMutex);
        m_result.emplace(std::move(result));
    });
    m_worker = worker;
    connect(worker, &QThread::finished, this, &VaultSession::onWorkerFinished);
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void VaultSession::unlock(const QString& path, SecretBuffer password)
{
    const std::string file = path.toStdString();
    const SecretArenaOptions options = m_arenaOptions;
    // The buffer moves into the job and dies (wiped) with it, in the worker thread.
    auto shared = std::make_shared<SecretBuffer>(std::move(password));
    startWorker(path, [file, options, shared]() {
        auto vault = Vault::open(file, shared->span(), options);
        shared->reset();
        return vault;
    });
}

void VaultSession::create(const QString& path, SecretBuffer password,
                          std::optional<Argon2Params> kdf)
{
    const std::string file = path.toStdString();
    const SecretArenaOptions options = m_arenaOptions;
    auto shared = std::make_shared<SecretBuffer>(std::move(password));
    startWorker(path, [file, options, shared, kdf]() -> VaultResult {
        std::optional<Argon2Params> params = kdf;
        if (!params) {
            auto calibrated = Argon2::calibrate({});
            if (!calibrated) {
                shared->reset();
                return calibrated.error();
            }
            params = *calibrated;
        }
        auto vault = Vault::create(file, shared->span(), *params, options);
        shared->reset(); // before the job ends: the caller may release its arena at once
        return vault;
    });
}

void VaultSession::onWorkerFinished()
{
    std::optional<VaultResult> result;
    {
        std::lock_guard guard(m_resultMutex);
        result.swap(m_result);
    }
    m_worker.clear();
    if (m_discardResult || !result) {
        result.reset(); // locked while busy: the new vault (if any) is wiped here
        setState(State::Locked);
        emit locked();
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

void VaultSession::lock()
{
    if (m_state == State::Busy) {
        m_discardResult = true; // the worker's vault is dropped when it finishes
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
