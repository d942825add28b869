// arcanum-fake-logind ADDRESS ANSWER: a stand-in for systemd-logind on a private bus, for the
// Flatpak sandbox tests (packaging/flatpak/test-sandbox.sh), where no real logind may be asked.
//
// Connects to the D-Bus at ADDRESS (a private dbus-daemon configured as a system bus), owns
// org.freedesktop.login1 and answers the Manager's CanHibernate with ANSWER ("yes", "no", ...),
// GetSession and Inhibit (tests/ui/support/PrivateDBus.h's FakeLogind). Prints "ready" once the
// name is owned, then one line "call MEMBER" per method call it answered, and runs until killed.
#include "support/PrivateDBus.h"

#include <QCoreApplication>
#include <QTimer>
#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: arcanum-fake-logind BUS_ADDRESS CAN_HIBERNATE_ANSWER\n");
        return 2;
    }
    QDBusConnection bus =
        QDBusConnection::connectToBus(QString::fromLocal8Bit(argv[1]), QStringLiteral("logind"));
    if (!bus.isConnected()) {
        std::fprintf(stderr, "arcanum-fake-logind: cannot connect to %s: %s\n", argv[1],
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    arcanum::test::FakeLogind logind;
    logind.setCanHibernate(QString::fromLocal8Bit(argv[2]));
    if (!bus.registerVirtualObject(arcanum::test::FakeLogind::path, &logind) ||
        !bus.registerService(arcanum::test::FakeLogind::service)) {
        std::fprintf(stderr, "arcanum-fake-logind: cannot own %s: %s\n",
                     qPrintable(arcanum::test::FakeLogind::service),
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    // FakeLogind records calls; report each new one as it arrives.
    qsizetype reported = 0;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        const QStringList calls = logind.calls();
        for (; reported < calls.size(); ++reported)
            std::printf("call %s\n", qPrintable(calls.at(reported)));
        std::fflush(stdout);
    });
    poll.start(50);
    return app.exec();
}
