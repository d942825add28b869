// Tests for ProcessHardening: the LD_BIND_NOW re-exec happens once, and afterwards neither the
// process itself nor any child it starts sees LD_BIND_NOW (it was inherited by xdg-open and the
// browser before). Also the dumpable flag and the core limit.
//
// The re-exec needs a program whose main() calls bindSymbolsNow(): this test binary is that
// program too. Started with ARCANUM_HARDENING_PROBE=1 it runs probeMain() instead of the tests,
// and prints what it saw, one `name=value` per line.
#include "hardening/ProcessHardening.h"

#include <QCoreApplication>
#include <QProcess>
#include <QtTest>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char** environ;

using namespace arcanum;

namespace {

// Whether this process was started with LD_BIND_NOW=1 in its environment: the environment block
// the kernel set up at exec, which unsetenv() does not change.
bool startedWithBindNow()
{
    std::ifstream file("/proc/self/environ", std::ios::binary);
    std::string entry;
    while (std::getline(file, entry, '\0'))
        if (entry == "LD_BIND_NOW=1")
            return true;
    return false;
}

int probeMain(char** argv)
{
    ProcessHardening::bindSymbolsNow(argv);
    // Before apply(): a non-dumpable process cannot read its own /proc/self/environ unless root.
    const bool reexecuted = startedWithBindNow();
    const ProcessHardening::Report report = ProcessHardening::apply();
    std::printf("reexecuted=%d\n", reexecuted ? 1 : 0);
    const char* own = std::getenv("LD_BIND_NOW");
    std::printf("self=%s\n", own != nullptr ? own : "unset");
    std::printf("dumpable=%d\n", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    std::printf("coreLimitZero=%d\n", report.coreLimitZero ? 1 : 0);
    std::fflush(stdout);
    // A child started the way UrlOpener starts xdg-open (posix_spawn with our environment).
    const char* shell[] = {"/bin/sh", "-c", "printf 'child=%s\\n' \"${LD_BIND_NOW-unset}\"",
                           nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, shell[0], nullptr, nullptr, const_cast<char**>(shell), environ) != 0)
        return 3;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 4;
}

} // namespace

class TestProcessHardening : public QObject
{
    Q_OBJECT

    // Runs this binary as the probe with LD_BIND_NOW set to `bindNow` (nullopt: absent).
    static QMap<QString, QString> runProbe(std::optional<QString> bindNow)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("LD_BIND_NOW"));
        if (bindNow)
            environment.insert(QStringLiteral("LD_BIND_NOW"), *bindNow);
        environment.insert(QStringLiteral("ARCANUM_HARDENING_PROBE"), QStringLiteral("1"));
        QProcess probe;
        probe.setProcessEnvironment(environment);
        probe.start(QCoreApplication::applicationFilePath(), {});
        if (!probe.waitForFinished(20000) || probe.exitCode() != 0) {
            qWarning("probe failed: exit %d, %s", probe.exitCode(),
                     probe.readAllStandardError().constData());
            return {};
        }
        QMap<QString, QString> seen;
        for (const QByteArray& line : probe.readAllStandardOutput().split('\n'))
            if (const qsizetype equals = line.indexOf('='); equals > 0)
                seen.insert(QString::fromUtf8(line.left(equals)),
                            QString::fromUtf8(line.mid(equals + 1)));
        return seen;
    }

private slots:
    void reexecutesOnceThenHidesLdBindNowFromChildren_data()
    {
        QTest::addColumn<std::optional<QString>>("bindNow");
        QTest::addColumn<QString>("reexecuted");
        QTest::newRow("not set: re-exec") << std::optional<QString>() << "1";
        // The dynamic linker ignores an empty LD_BIND_NOW, so that is no reason to skip it.
        QTest::newRow("empty: re-exec") << std::optional<QString>(QString()) << "1";
        QTest::newRow("set by the user: no re-exec")
            << std::optional<QString>(QStringLiteral("yes")) << "0";
    }
    void reexecutesOnceThenHidesLdBindNowFromChildren()
    {
        QFETCH(std::optional<QString>, bindNow);
        QFETCH(QString, reexecuted);
        const QMap<QString, QString> seen = runProbe(bindNow);
        QVERIFY(!seen.isEmpty());
        QCOMPARE(seen.value("reexecuted"), reexecuted);
        QCOMPARE(seen.value("self"), QStringLiteral("unset"));
        QCOMPARE(seen.value("child"), QStringLiteral("unset"));
    }

    void processIsNotDumpableAndHasNoCoreLimit()
    {
        const QMap<QString, QString> seen = runProbe(std::nullopt);
        QCOMPARE(seen.value("dumpable"), QStringLiteral("0"));
        QCOMPARE(seen.value("coreLimitZero"), QStringLiteral("1"));
    }
};

int main(int argc, char** argv)
{
    if (std::getenv("ARCANUM_HARDENING_PROBE") != nullptr)
        return probeMain(argv);
    QCoreApplication app(argc, argv);
    TestProcessHardening test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestProcessHardening.moc"
