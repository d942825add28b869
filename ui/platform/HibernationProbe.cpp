#include "platform/HibernationProbe.h"

#include "platform/SysPowerState.h"

#include <QDBusMessage>
#include <utility>

namespace arcanum {

namespace {

constexpr const char* logindService = "org.freedesktop.login1";
constexpr const char* logindPath = "/org/freedesktop/login1";
constexpr const char* logindManager = "org.freedesktop.login1.Manager";

} // namespace

HibernationProbe::HibernationProbe()
    : HibernationProbe(QString::fromLatin1(defaultPowerStatePath),
                       logindQuery(QDBusConnection::systemBus()))
{}

HibernationProbe::HibernationProbe(QString powerStatePath, LogindQuery logindQuery)
    : m_powerStatePath(std::move(powerStatePath)), m_logindQuery(std::move(logindQuery))
{}

HibernationVerdict HibernationProbe::probe() const
{
    if (auto kernel = probeKernel())
        return *kernel;
    return probeLogind();
}

std::optional<HibernationVerdict> HibernationProbe::probeKernel() const
{
    // Absent or hidden (Flatpak): nullopt, and the next source decides.
    const std::optional<bool> canHibernate =
        SysPowerState::canHibernate(m_powerStatePath.toStdString());
    if (!canHibernate)
        return std::nullopt;
    if (*canHibernate)
        return HibernationVerdict{HibernationState::CanHibernate,
                                  tr("%1 lists \"disk\"").arg(m_powerStatePath)};
    return HibernationVerdict{HibernationState::CannotHibernate,
                              tr("%1 does not list \"disk\"").arg(m_powerStatePath)};
}

HibernationVerdict HibernationProbe::probeLogind() const
{
    const LogindReply reply = m_logindQuery ? m_logindQuery() : LogindReply();
    const std::optional<QString>& answer = reply.answer;
    if (!answer) {
        const QString why = reply.error.isEmpty() ? tr("nobody to ask") : reply.error;
        return {HibernationState::Unknown,
                tr("%1 is unreadable and logind did not answer: %2").arg(m_powerStatePath, why)};
    }
    const QString why = tr("logind CanHibernate answered \"%1\"").arg(*answer);
    if (*answer == u"yes" || *answer == u"challenge")
        return {HibernationState::CanHibernate, why};
    if (*answer == u"no" || *answer == u"na")
        return {HibernationState::CannotHibernate, why};
    return {HibernationState::Unknown, why};
}

HibernationProbe::LogindQuery HibernationProbe::logindQuery(const QDBusConnection& bus,
                                                            int timeoutMs)
{
    return [bus, timeoutMs]() -> LogindReply {
        if (!bus.isConnected())
            return {std::nullopt, tr("no system bus (inside Flatpak it needs "
                                     "--system-talk-name=org.freedesktop.login1)")};
        const QDBusMessage call = QDBusMessage::createMethodCall(
            QString::fromLatin1(logindService), QString::fromLatin1(logindPath),
            QString::fromLatin1(logindManager), QStringLiteral("CanHibernate"));
        const QDBusMessage reply = bus.call(call, QDBus::Block, timeoutMs);
        if (reply.type() == QDBusMessage::ErrorMessage)
            return {std::nullopt, reply.errorName() == u"org.freedesktop.DBus.Error.NoReply"
                                      ? tr("no reply within %1 ms").arg(timeoutMs)
                                      : reply.errorName()};
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 1 ||
            reply.arguments().constFirst().metaType() != QMetaType::fromType<QString>())
            return {std::nullopt, tr("an unexpected reply")};
        return LogindReply(reply.arguments().constFirst().toString());
    };
}

QString HibernationProbe::stateName(HibernationState state)
{
    switch (state) {
    case HibernationState::CanHibernate:
        return QStringLiteral("can hibernate");
    case HibernationState::CannotHibernate:
        return QStringLiteral("cannot hibernate");
    case HibernationState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString HibernationProbe::unlockedMessage()
{
    return tr("Hibernation is disabled while this vault is unlocked: its contents live in secret "
              "memory, and Linux refuses to hibernate while secret memory exists, so that it is "
              "never written to disk. Lock the vault to hibernate.");
}

} // namespace arcanum
