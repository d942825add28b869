// HibernationProbe: can this machine hibernate right now? (DESIGN.md §7)
//
// Asked before unlocking: while a vault is unlocked its secret memory exists, and Linux refuses
// to hibernate while any secretmem file exists, so the main window tells the user (see
// HibernationBanner). Sources, in order; the first one that answers decides:
//   1. the kernel's /sys/power/state: "disk" listed -> can, readable without "disk" -> cannot;
//      unreadable or absent (Flatpak hides /sys/power) -> ask the next source;
//   2. logind's org.freedesktop.login1.Manager.CanHibernate on the system bus:
//      "yes"/"challenge" -> can, "no"/"na" -> cannot, no answer or anything else -> Unknown.
//      Never blocks longer than the call's timeout. Inside Flatpak without
//      --system-talk-name=org.freedesktop.login1 there is no system bus at all (or the bus proxy
//      refuses the call at once): Unknown, and the reason says why.
// Both sources are injectable (file path, a function returning logind's answer) so tests cover
// every case without touching the machine. Owns nothing secret.
#pragma once

#include <QCoreApplication>
#include <QDBusConnection>
#include <QString>
#include <functional>
#include <optional>
#include <utility>

namespace arcanum {

enum class HibernationState
{
    CanHibernate,
    CannotHibernate,
    Unknown,
};

struct HibernationVerdict
{
    HibernationState state = HibernationState::Unknown;
    // Which source answered and what it said, for logs and the about box (never secret).
    QString reason;
};

// What asking logind gave: its CanHibernate answer ("yes", "no", "challenge", "na"), or none and
// why not (no system bus, the bus's error, a timeout).
struct LogindReply
{
    LogindReply(std::optional<QString> answer = std::nullopt, QString error = {})
        : answer(std::move(answer)), error(std::move(error))
    {}
    LogindReply(std::nullopt_t) {}

    std::optional<QString> answer;
    QString error;
};

class HibernationProbe
{
    Q_DECLARE_TR_FUNCTIONS(HibernationProbe)

public:
    using LogindQuery = std::function<LogindReply()>;

    static constexpr const char* defaultPowerStatePath = "/sys/power/state";

    // The real machine: /sys/power/state, then logind on the system bus.
    HibernationProbe();
    HibernationProbe(QString powerStatePath, LogindQuery logindQuery);

    [[nodiscard]] HibernationVerdict probe() const;

    // Calls CanHibernate on `bus` (blocking, at most `timeoutMs`).
    [[nodiscard]] static LogindQuery logindQuery(const QDBusConnection& bus, int timeoutMs = 2000);

    // "can hibernate", "cannot hibernate" or "unknown", for logs (untranslated).
    [[nodiscard]] static QString stateName(HibernationState state);

    // What the banner says while a vault is unlocked on a machine that can hibernate.
    [[nodiscard]] static QString unlockedMessage();

private:
    [[nodiscard]] std::optional<HibernationVerdict> probeKernel() const;
    [[nodiscard]] HibernationVerdict probeLogind() const;

    QString m_powerStatePath;
    LogindQuery m_logindQuery;
};

} // namespace arcanum
