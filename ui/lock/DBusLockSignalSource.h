// DBusLockSignalSource: the desktop's lock-worthy events, read from D-Bus (DESIGN.md §7).
//
// Session bus: ActiveChanged(bool) of org.freedesktop.ScreenSaver (KDE and others) and
// org.gnome.ScreenSaver, from any sender and path. System bus: logind's
// Manager.PrepareForSleep(bool) and Session.Lock for our own session, both only from the owner
// of org.freedesktop.login1. It also takes and closes logind's sleep "delay" inhibitor (a file
// descriptor: logind waits, up to its InhibitDelayMaxSec, until every such descriptor is
// closed). Both bus connections are parameters so tests can pass a private dbus-daemon.
//
// Every call is asynchronous: nothing here blocks the GUI thread on a bus round trip.
#pragma once

#include "lock/LockSignalSource.h"

#include <QDBusConnection>
#include <QString>
#include <QStringList>

class QDBusMessage;
class QDBusPendingCallWatcher;

namespace arcanum {

class DBusLockSignalSource final : public LockSignalSource
{
    Q_OBJECT

public:
    // The user's session bus and the system bus.
    explicit DBusLockSignalSource(QObject* parent = nullptr);
    DBusLockSignalSource(const QDBusConnection& sessionBus, const QDBusConnection& systemBus,
                         QObject* parent = nullptr);
    ~DBusLockSignalSource() override;

    void acquireSleepInhibitor() override;
    void releaseSleepInhibitor() override;
    [[nodiscard]] bool holdsSleepInhibitor() const override { return m_inhibitorFd >= 0; }

    // Our logind session's object path, once logind told us; empty before or without logind.
    [[nodiscard]] QString sessionPath() const { return m_sessionPath; }
    // Human sentences about what could not be watched or taken (no bus, logind refused...).
    [[nodiscard]] QStringList problems() const { return m_problems; }

    static constexpr const char* inhibitorWho = "Arcanum";

private slots:
    // Targets of QDBusConnection::connect, which in Qt 6.4 only takes SLOT() strings.
    void onScreenSaverActiveChanged(bool active);
    void onPrepareForSleep(bool start);
    void onSessionLock(const QDBusMessage& message);

private:
    void watchScreenSavers();
    void watchLogind();
    void resolveSession(QStringList candidates);
    void onInhibitReply(QDBusPendingCallWatcher* watcher);
    void addProblem(const QString& problem);

    QDBusConnection m_sessionBus;
    QDBusConnection m_systemBus;
    QString m_sessionPath;
    QStringList m_problems;
    int m_inhibitorFd = -1;
    bool m_wantInhibitor = false;
    QDBusPendingCallWatcher* m_pendingInhibit = nullptr;
};

} // namespace arcanum
