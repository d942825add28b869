// Test support: a private dbus-daemon (needs the Debian package dbus-daemon) and a fake logind
// that answers on it, so the real QtDBus code is exercised without touching the machine's
// buses. Header-only; shared by the ui tests that talk D-Bus.
#pragma once

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusUnixFileDescriptor>
#include <QDBusVirtualObject>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <fcntl.h>
#include <memory>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace arcanum::test {

// A dbus-daemon of our own, listening on a socket in a temporary folder, killed with us.
class PrivateDBus
{
public:
    PrivateDBus()
    {
        const QString socket = m_dir.filePath(QStringLiteral("bus"));
        // A session bus without service directories: nothing installed on the machine (an
        // xdg-desktop-portal, say) is started on it by D-Bus activation; only our fakes answer.
        const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly))
            return;
        file.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration "
                   "1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                   "<busconfig><type>session</type><listen>unix:path=" +
                   socket.toUtf8() +
                   "</listen><auth>EXTERNAL</auth>"
                   "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                   "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
        file.close();
        m_daemon.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_daemon.setProcessChannelMode(QProcess::SeparateChannels);
        m_daemon.start(QStringLiteral("dbus-daemon"),
                       {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                        QStringLiteral("--nopidfile"), QStringLiteral("--print-address")});
        if (!m_daemon.waitForStarted(5000))
            return;
        while (!m_daemon.canReadLine() && m_daemon.waitForReadyRead(5000)) {
        }
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    }

    ~PrivateDBus()
    {
        for (const QString& name : std::as_const(m_connections))
            QDBusConnection::disconnectFromBus(name);
        m_daemon.kill();
        m_daemon.waitForFinished(5000);
    }

    PrivateDBus(const PrivateDBus&) = delete;
    PrivateDBus& operator=(const PrivateDBus&) = delete;

    [[nodiscard]] bool isRunning() const { return !m_address.isEmpty(); }
    [[nodiscard]] QString address() const { return m_address; }
    [[nodiscard]] QString error() const
    {
        return QStringLiteral("dbus-daemon did not start: ") + m_daemon.errorString();
    }

    // Waits for one call to the bus daemon on `connection` to come back. The daemon handles each
    // connection's messages in order, so the match rules a signal subscription sent earlier
    // (without waiting; QDBusConnection::connect does not) are in place afterwards.
    static void roundTrip(const QDBusConnection& connection)
    {
        (void)connection.call(QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
            QStringLiteral("org.freedesktop.DBus"), QStringLiteral("GetId")));
    }

    // A new, separate client connection to the private bus.
    [[nodiscard]] QDBusConnection connect(const QString& name)
    {
        m_connections << name;
        return QDBusConnection::connectToBus(m_address, name);
    }

private:
    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
    QStringList m_connections;
};

// Answers org.freedesktop.login1.Manager's GetSession, Inhibit and CanHibernate. Each
// inhibitor is the write end of a pipe; the read end tells whether every copy was closed.
class FakeLogind final : public QDBusVirtualObject
{
public:
    static inline const QString service = QStringLiteral("org.freedesktop.login1");
    static inline const QString path = QStringLiteral("/org/freedesktop/login1");
    static inline const QString manager = QStringLiteral("org.freedesktop.login1.Manager");
    static inline const QString sessionPath = QStringLiteral("/org/freedesktop/login1/session/_32");

    ~FakeLogind() override
    {
        for (int fd : std::as_const(m_readEnds))
            ::close(fd);
    }

    QString introspect(const QString&) const override { return {}; }

    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override
    {
        QMutexLocker locker(&m_mutex);
        m_calls << message.member();
        if (message.member() == u"GetSession") {
            connection.send(message.createReply(QVariant::fromValue(QDBusObjectPath(sessionPath))));
            return true;
        }
        if (message.member() == u"CanHibernate") {
            if (!m_silent) // silent: a logind that hangs, the caller's timeout must end the wait
                connection.send(message.createReply(m_canHibernate));
            return true;
        }
        if (message.member() == u"Inhibit") {
            m_inhibitArguments.clear();
            for (const QVariant& argument : message.arguments())
                m_inhibitArguments << argument.toString();
            int ends[2];
            if (::pipe2(ends, O_CLOEXEC) != 0)
                return false;
            m_readEnds << ends[0];
            // QDBusUnixFileDescriptor dups; ours is closed right away, the message's after send.
            connection.send(
                message.createReply(QVariant::fromValue(QDBusUnixFileDescriptor(ends[1]))));
            ::close(ends[1]);
            return true;
        }
        return false;
    }

    void setCanHibernate(const QString& answer)
    {
        QMutexLocker locker(&m_mutex);
        m_canHibernate = answer;
    }
    void setSilent(bool silent)
    {
        QMutexLocker locker(&m_mutex);
        m_silent = silent;
    }
    [[nodiscard]] QStringList calls() const
    {
        QMutexLocker locker(&m_mutex);
        return m_calls;
    }
    [[nodiscard]] QStringList inhibitArguments() const
    {
        QMutexLocker locker(&m_mutex);
        return m_inhibitArguments;
    }
    [[nodiscard]] int inhibitorsHanded() const
    {
        QMutexLocker locker(&m_mutex);
        return int(m_readEnds.size());
    }
    // Inhibitors of which some copy is still open somewhere (the client, the bus).
    [[nodiscard]] int inhibitorsOpen() const
    {
        QMutexLocker locker(&m_mutex);
        int open = 0;
        for (int fd : m_readEnds) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 0) == 0)
                ++open; // no EOF/HUP yet: a writer still exists
        }
        return open;
    }

private:
    mutable QMutex m_mutex;
    QString m_canHibernate = QStringLiteral("yes");
    bool m_silent = false;
    QStringList m_calls;
    QStringList m_inhibitArguments;
    QList<int> m_readEnds;
};

// The fake logind on its own connection, served from a worker thread (so blocking calls from
// the test's thread get answers), owning org.freedesktop.login1 on the private bus.
class FakeLogindHost
{
public:
    explicit FakeLogindHost(PrivateDBus& bus)
        : m_connection(bus.connect(QStringLiteral("fake-logind"))), m_logind(new FakeLogind)
    {
        m_thread.start();
        m_logind->moveToThread(&m_thread);
        m_ok = m_connection.isConnected() &&
               m_connection.registerVirtualObject(FakeLogind::path, m_logind.get()) &&
               m_connection.registerService(FakeLogind::service);
    }

    ~FakeLogindHost()
    {
        m_connection.unregisterObject(FakeLogind::path);
        m_connection.unregisterService(FakeLogind::service);
        m_thread.quit();
        m_thread.wait();
    }

    [[nodiscard]] bool isOk() const { return m_ok; }
    [[nodiscard]] FakeLogind& logind() { return *m_logind; }

    // Emits a signal from logind's connection (so its sender is org.freedesktop.login1).
    void emitSignal(const QString& path, const QString& interface, const QString& name,
                    const QVariantList& arguments = {})
    {
        QDBusMessage signal = QDBusMessage::createSignal(path, interface, name);
        signal.setArguments(arguments);
        m_connection.send(signal);
    }

private:
    QDBusConnection m_connection;
    QThread m_thread;
    std::unique_ptr<FakeLogind> m_logind;
    bool m_ok = false;
};

} // namespace arcanum::test
