// Test support: a fake xdg-desktop-portal on a PrivateDBus that owns org.freedesktop.portal.Desktop
// and answers org.freedesktop.portal.OpenURI.OpenURI: accepts (a request handle), refuses (a
// D-Bus error) or stays silent, and records every call's arguments. Header-only.
#pragma once

#include "PrivateDBus.h"

#include <QDBusArgument>
#include <QDBusObjectPath>
#include <QVariantMap>

namespace arcanum::test {

class FakePortal final : public QDBusVirtualObject
{
public:
    static inline const QString service = QStringLiteral("org.freedesktop.portal.Desktop");
    static inline const QString path = QStringLiteral("/org/freedesktop/portal/desktop");
    static inline const QString openUri = QStringLiteral("org.freedesktop.portal.OpenURI");

    enum class Answer
    {
        Accept,
        Refuse,
        Silence
    };

    struct Call
    {
        QString interface;
        QString member;
        QString signature;
        QString parentWindow;
        QByteArray uri; // as UTF-8
        int options = -1;
    };

    QString introspect(const QString&) const override { return {}; }

    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override
    {
        QMutexLocker locker(&m_mutex);
        Call call;
        call.interface = message.interface();
        call.member = message.member();
        call.signature = message.signature();
        const QVariantList arguments = message.arguments();
        if (arguments.size() == 3) {
            call.parentWindow = arguments[0].toString();
            call.uri = arguments[1].toString().toUtf8();
            const auto options = qvariant_cast<QDBusArgument>(arguments[2]);
            QVariantMap map;
            options >> map;
            call.options = int(map.size());
        }
        m_calls << call;
        if (m_answer == Answer::Silence)
            return true;
        if (m_answer == Answer::Refuse) {
            connection.send(message.createErrorReply(
                QStringLiteral("org.freedesktop.portal.Error.NotAllowed"),
                QStringLiteral("Not allowed to open ") + QString::fromUtf8(call.uri)));
            return true;
        }
        connection.send(message.createReply(QVariant::fromValue(
            QDBusObjectPath(QStringLiteral("/org/freedesktop/portal/desktop/request/1_1/t")))));
        return true;
    }

    void setAnswer(Answer answer)
    {
        QMutexLocker locker(&m_mutex);
        m_answer = answer;
    }
    [[nodiscard]] QList<Call> calls() const
    {
        QMutexLocker locker(&m_mutex);
        return m_calls;
    }

private:
    mutable QMutex m_mutex;
    Answer m_answer = Answer::Accept;
    QList<Call> m_calls;
};

// The fake portal on its own connection, served from a worker thread, owning the portal's name.
class FakePortalHost
{
public:
    explicit FakePortalHost(PrivateDBus& bus)
        : m_connection(bus.connect(QStringLiteral("fake-portal-%1").arg(++s_hosts))),
          m_portal(new FakePortal)
    {
        m_thread.start();
        m_portal->moveToThread(&m_thread);
        const bool connected = m_connection.isConnected();
        const bool object =
            connected && m_connection.registerVirtualObject(FakePortal::path, m_portal.get());
        const bool name = object && m_connection.registerService(FakePortal::service);
        m_ok = name;
        if (!m_ok)
            qWarning("fake portal: connected %d object %d name %d: %s", connected, object, name,
                     qPrintable(m_connection.lastError().message()));
    }

    ~FakePortalHost()
    {
        m_connection.unregisterObject(FakePortal::path);
        m_connection.unregisterService(FakePortal::service);
        m_thread.quit();
        m_thread.wait();
    }

    [[nodiscard]] bool isOk() const { return m_ok; }
    [[nodiscard]] FakePortal& portal() { return *m_portal; }

private:
    static inline int s_hosts = 0; // each host gets a connection of its own
    QDBusConnection m_connection;
    QThread m_thread;
    std::unique_ptr<FakePortal> m_portal;
    bool m_ok = false;
};

} // namespace arcanum::test
