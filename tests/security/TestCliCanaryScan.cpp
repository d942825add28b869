// The invariant, proven on the real arcanum-cli: a live `shell` session that unlocks, adds,
// reveals, searches, edits, saves and is given an unknown command and option is scanned from
// outside (as root, /proc/PID/mem). No canary
// — master password or any field — may be found outside secret memory, in UTF-8 or UTF-16, and
// the secret mappings must be unreadable.
#include "TestSupport.h"
#include "canary/CanaryScanner.h"
#include "canary/CanarySet.h"
#include "crypto/Random.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace arcanum;

namespace {

// A random 24-letter canary. The test process itself holds it in ordinary memory (it has to type
// it into the CLI); only the CLI process is scanned.
QByteArray randomCanary(const char* prefix)
{
    static constexpr char letters[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QByteArray canary(prefix);
    for (int i = 0; i < 24; ++i)
        canary += letters[Random::uniform(sizeof letters - 1)];
    return canary;
}

bool waitForOutput(QProcess& process, QByteArray& collected, const QByteArray& marker)
{
    for (int i = 0; i < 600 && !collected.contains(marker); ++i) {
        process.waitForReadyRead(100);
        collected += process.readAllStandardOutput();
    }
    return collected.contains(marker);
}

} // namespace

class TestCliCanaryScan : public QObject
{
    Q_OBJECT

private slots:
    void liveShellSessionLeavesNoPlaintextOutsideSecretMemory()
    {
        QTemporaryDir dir;
        const QString vault = dir.filePath("scan.arcanum");
        const QByteArray master = randomCanary("M");
        struct Field
        {
            const char* label;
            QByteArray value;
        };
        const Field fields[] = {{"master password", master},
                                {"title", randomCanary("T")},
                                {"username", randomCanary("U")},
                                {"url", "https://" + randomCanary("H") + ".example"},
                                {"notes", randomCanary("N")},
                                {"tag", randomCanary("G")},
                                {"entry password", randomCanary("P")},
                                {"edited username", randomCanary("E")},
                                {"edited password", randomCanary("Q")},
                                // Words typed in the wrong place (a password pasted at the
                                // prompt): never echoed, never copied out of secret memory.
                                {"mistyped command", randomCanary("C")},
                                {"mistyped option", randomCanary("O")}};

        auto set = CanarySet::create();
        ARCANUM_VERIFY_OK(set);
        auto staging = test::makeArena();
        for (const Field& field : fields) {
            SecretBuffer copy = test::secret(*staging, field.value.constData());
            ARCANUM_VERIFY_OK(set->add(field.label, copy.span()));
        }

        QProcess init;
        init.start(ARCANUM_CLI_PATH, {"init", vault, "--password-fd", "0", "--kdf-memory", "8",
                                      "--kdf-iterations", "1", "--kdf-lanes", "2"});
        init.write(master + "\n");
        init.closeWriteChannel();
        QVERIFY(init.waitForFinished(30000));
        QCOMPARE(init.exitCode(), 0);

        QProcess shell;
        shell.start(ARCANUM_CLI_PATH, {"shell", vault, "--password-fd", "0"});
        QVERIFY(shell.waitForStarted());
        const auto& f = fields;
        shell.write(master + "\n");
        shell.write("add --title " + f[1].value + " --username " + f[2].value + " --url " +
                    f[3].value + " --notes " + f[4].value + " --tag " + f[5].value +
                    " --entry-password-fd 0\n" + f[6].value + "\n");
        shell.write("show " + f[1].value + " --reveal\n");
        shell.write("search " + f[2].value + "\n");
        shell.write("edit " + f[1].value + " --username " + f[7].value +
                    " --entry-password-fd 0\n" + f[8].value + "\n");
        shell.write("show " + f[1].value + " --field password --reveal\n");
        shell.write("search " + f[4].value.left(10) + "\n");
        shell.write("generate --length 30\n");
        shell.write(f[9].value + " " + f[1].value + "\n");
        shell.write("search x --" + f[10].value + "\n");
        shell.write("info\n");
        QByteArray output;
        QVERIFY2(waitForOutput(shell, output, "Entries: 1"), output.constData());
        QVERIFY(output.contains(f[6].value)); // the reveal really happened
        QVERIFY(output.contains(f[8].value));
        QByteArray errors = shell.readAllStandardError();
        QVERIFY2(errors.contains("unknown command (word 1)"), errors.constData());
        QVERIFY2(errors.contains("Unknown option (word 3)"), errors.constData());
        QVERIFY(!errors.contains(f[9].value) && !errors.contains(f[10].value));

        const pid_t pid = static_cast<pid_t>(shell.processId());
        auto report = CanaryScanner::scanProcess(pid, *set);
        ARCANUM_VERIFY_OK(report);
        QVERIFY2(report->hitCount() == 0, report->summary().c_str());
        QVERIFY2(report->secretMappings >= 1, report->summary().c_str());
        QCOMPARE(report->secretMappingsReadable, std::size_t(0));
        QVERIFY(report->bytesScanned > 100 * 1024);

        // The process was re-executed with every symbol bound at start (the environment block
        // the kernel set up shows LD_BIND_NOW=1; the process unset the variable at once, so that
        // children do not inherit it: TestProcessHardening), and its argv was wiped.
        QFile environ(QString("/proc/%1/environ").arg(pid));
        QVERIFY(environ.open(QIODevice::ReadOnly));
        QVERIFY(environ.readAll().split('\0').contains("LD_BIND_NOW=1"));
        QFile cmdline(QString("/proc/%1/cmdline").arg(pid));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        QVERIFY(!cmdline.readAll().contains("scan.arcanum"));

        shell.write("quit\n");
        shell.closeWriteChannel();
        QVERIFY(shell.waitForFinished(10000));
        QCOMPARE(shell.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliCanaryScan)
#include "TestCliCanaryScan.moc"
