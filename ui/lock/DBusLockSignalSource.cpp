#include "lock/DBusLockSignalSource.h"

#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace arcanum {

namespace {

const QString logindService = QStringLiteral("org.freedesktop.login1");
const QString logindPath = QStringLiteral("/org/freedesktop/login1");
const QString logindManager = QStringLiteral("org.freedesktop.login1.Manager");
const QString logindSession = QStringLiteral("org.freedesktop.login1.Session");

} // namespace

DBusLockSignalSource::DBusLockSignalSource(QObject* parent)
    : DBusLockSignalSource(QDBusConnection::sessionBus(), QDBusConnection::systemBus(), parent)
{}

DBusLockSignalSource::DBusLockSignalSource(const QDBusConnection& sessionBus,
                                           const QDBusConnection& systemBus, QObject* parent)
    : LockSignalSource(parent), m_sessionBus(sessionBus), m_systemBus(systemBus)
{
    watchScreenSavers();
    watchLogind();
}

DBusLockSignalSource::~DBusLockSignalSource()
{
    m_wantInhibitor = false;
    if (m_inhibitorFd >= 0)
        ::close(m_inhibitorFd);
}

void DBusLockSignalSource::watchScreenSavers()
{
    if (!m_sessionBus.isConnected()) {
        addProblem(tr("The session bus is not available, so a screen lock cannot be noticed."));
        return;
    }
    // Any sender and any path: KDE emits on /ScreenSaver and /org/freedesktop/ScreenSaver,
    // GNOME on /org/gnome/ScreenSaver. A forged signal can only make us lock.
    for (const QString& interface :
         {QStringLiteral("org.freedesktop.ScreenSaver"), QStringLiteral("org.gnome.ScreenSaver")}) {
        if (!m_sessionBus.connect(QString(), QString(), interface, QStringLiteral("ActiveChanged"),
                                  this, SLOT(onScreenSaverActiveChanged(bool))))
            addProblem(tr("Could not watch %1 on the session bus.").arg(interface));
    }
}

void DBusLockSignalSource::watchLogind()
{
    if (!m_systemBus.isConnected()) {
        addProblem(tr("The system bus is not available, so sleep and session locks cannot be "
                      "noticed."));
        return;
    }
    if (!m_systemBus.connect(logindService, logindPath, logindManager,
                             QStringLiteral("PrepareForSleep"), this,
                             SLOT(onPrepareForSleep(bool))))
        addProblem(tr("Could not watch logind's PrepareForSleep signal."));
    // Lock is sent on the session's own path; we learn ours asynchronously and filter on it.
    if (!m_systemBus.connect(logindService, QString(), logindSession, QStringLiteral("Lock"), this,
                             SLOT(onSessionLock(QDBusMessage))))
        addProblem(tr("Could not watch logind's session Lock signal."));

    // XDG_SESSION_ID names our session; "auto" (systemd >= 246) and "" (older) mean "the
    // caller's session" to logind.
    QStringList candidates;
    const QString sessionId = qEnvironmentVariable("XDG_SESSION_ID");
    if (!sessionId.isEmpty())
        candidates << sessionId;
    candidates << QStringLiteral("auto") << QString();
    resolveSession(candidates);
}

void DBusLockSignalSource::resolveSession(QStringList candidates)
{
    if (candidates.isEmpty()) {
        addProblem(tr("logind did not tell which session this is, so its Lock signal is "
                      "ignored."));
        return;
    }
    const QString name = candidates.takeFirst();
    QDBusMessage call = QDBusMessage::createMethodCall(logindService, logindPath, logindManager,
                                                       QStringLiteral("GetSession"));
    call << name;
    auto* watcher = new QDBusPendingCallWatcher(m_systemBus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, candidates = std::move(candidates)](QDBusPendingCallWatcher* finished) {
                finished->deleteLater();
                const QDBusPendingReply<QDBusObjectPath> reply = *finished;
                if (reply.isError())
                    resolveSession(candidates);
                else
                    m_sessionPath = reply.value().path();
            });
}

void DBusLockSignalSource::acquireSleepInhibitor()
{
    m_wantInhibitor = true;
    if (m_inhibitorFd >= 0 || m_pendingInhibit)
        return;
    if (!m_systemBus.isConnected()) {
        addProblem(tr("Cannot delay sleep to lock first: the system bus is not available."));
        return;
    }
    if (!m_systemBus.connectionCapabilities().testFlag(
            QDBusConnection::UnixFileDescriptorPassing)) {
        addProblem(tr("Cannot delay sleep to lock first: the system bus connection cannot pass "
                      "file descriptors."));
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(logindService, logindPath, logindManager,
                                                       QStringLiteral("Inhibit"));
    call << QStringLiteral("sleep") << QString::fromLatin1(inhibitorWho)
         << tr("Lock the vault before sleep") << QStringLiteral("delay");
    m_pendingInhibit = new QDBusPendingCallWatcher(m_systemBus.asyncCall(call), this);
    connect(m_pendingInhibit, &QDBusPendingCallWatcher::finished, this,
            &DBusLockSignalSource::onInhibitReply);
}

void DBusLockSignalSource::onInhibitReply(QDBusPendingCallWatcher* watcher)
{
    // The reply message holds its own copy of the descriptor; deleting the watcher closes it.
    watcher->deleteLater();
    m_pendingInhibit = nullptr;
    const QDBusPendingReply<QDBusUnixFileDescriptor> reply = *watcher;
    if (reply.isError()) {
        addProblem(tr("logind refused to delay sleep: %1").arg(reply.error().message()));
        return;
    }
    if (!m_wantInhibitor)
        return; // released while the call was in flight
    const int fd = ::fcntl(reply.value().fileDescriptor(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        addProblem(tr("Could not keep logind's sleep inhibitor: %1").arg(qt_error_string(errno)));
        return;
    }
    m_inhibitorFd = fd;
    emit sleepInhibitorChanged(true);
}

void DBusLockSignalSource::releaseSleepInhibitor()
{
    m_wantInhibitor = false;
    if (m_inhibitorFd < 0)
        return;
    ::close(m_inhibitorFd);
    m_inhibitorFd = -1;
    emit sleepInhibitorChanged(false);
}

void DBusLockSignalSource::onScreenSaverActiveChanged(bool active)
{
    if (active)
        emit screenLocked();
}

void DBusLockSignalSource::onPrepareForSleep(bool start)
{
    emit prepareForSleep(start);
}

void DBusLockSignalSource::onSessionLock(const QDBusMessage& message)
{
    if (!m_sessionPath.isEmpty() && message.path() == m_sessionPath)
        emit screenLocked();
}

void DBusLockSignalSource::addProblem(const QString& problem)
{
    if (!m_problems.contains(problem))
        m_problems << problem;
}

} // namespace arcanum
