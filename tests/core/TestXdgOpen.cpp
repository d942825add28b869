// Tests for XdgOpen: the opener gets exactly one argument, the address (read by the kernel
// straight from the arena), with stdin, stdout and stderr on /dev/null (so nothing it prints
// reaches a log) in a session of its own; its exit status is reported; a missing opener and an
// address that is not NUL-terminated are refused.
#include "TestSupport.h"
#include "platform/WebAddress.h"
#include "platform/XdgOpen.h"

#include <QFile>
#include <fcntl.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::test;

class TestXdgOpen : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // A fake opener: writes what it was given and where its output goes, then exits `status`.
    QString fakeOpener(int status)
    {
        const QString path = m_dir.filePath(QString("opener-%1").arg(status));
        QFile script(path);
        if (!script.open(QIODevice::WriteOnly))
            return {};
        // $$ is the script's shell, also inside $(...): its descriptors, read before the log
        // is opened.
        script.write("#!/bin/sh\n"
                     "fds=\"fd0=$(readlink /proc/$$/fd/0) fd1=$(readlink /proc/$$/fd/1)\"\n"
                     "fds=\"$fds fd2=$(readlink /proc/$$/fd/2)\"\n"
                     "[ -e /proc/$$/fd/42 ] && fds=\"$fds fd42=open\"\n"
                     "{ echo \"count=$#\"; printf 'arg=%s\\n' \"$1\"; echo \"$fds\";\n"
                     "  echo \"session=$(cut -d' ' -f6 /proc/$$/stat) pid=$$\"; } > \"$0.log\"\n"
                     "echo 'opening the address on stdout and stderr' ; echo oops >&2\n"
                     "exit " +
                     QByteArray::number(status) + "\n");
        script.close();
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    static QMap<QString, QString> readLog(const QString& opener)
    {
        QFile file(opener + ".log");
        QMap<QString, QString> seen;
        if (!file.open(QIODevice::ReadOnly))
            return seen;
        for (const QByteArray& line : file.readAll().split('\n'))
            for (const QByteArray& pair : line.split(' '))
                if (const qsizetype at = pair.indexOf('='); at > 0)
                    seen.insert(QString::fromUtf8(pair.left(at)),
                                QString::fromUtf8(pair.mid(at + 1)));
        return seen;
    }

private slots:
    void handsOverTheAddressAloneWithOutputSilenced()
    {
        const QString opener = fakeOpener(0);
        auto arena = makeArena();
        SecretBuffer url = secret(*arena, "example.org/a?b=c&d");
        auto address = WebAddress::toOpen(url.span(), *arena);
        ARCANUM_VERIFY_OK(address);
        // A descriptor someone opened without close-on-exec must not reach the opener.
        const int opened = ::open("/dev/null", O_RDONLY);
        const int leaky = ::dup2(opened, 42);
        ::close(opened);
        QCOMPARE(leaky, 42);
        auto child = XdgOpen::start(opener.toLocal8Bit().constData(), address->span());
        ::close(leaky);
        ARCANUM_VERIFY_OK(child);
        ARCANUM_VERIFY_OK(XdgOpen::wait(*child));
        const QMap<QString, QString> seen = readLog(opener);
        QVERIFY(!seen.contains("fd42"));
        QCOMPARE(seen.value("count"), QStringLiteral("1"));
        QCOMPARE(seen.value("arg"), QStringLiteral("https://example.org/a?b=c&d"));
        for (const char* fd : {"fd0", "fd1", "fd2"})
            QCOMPARE(seen.value(fd), QStringLiteral("/dev/null"));
        QCOMPARE(seen.value("session"), seen.value("pid")); // its own session
    }

    void exitStatusIsReported_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("no opener found (3)") << 3 << ErrorCode::NotFound;
        QTest::newRow("the opener failed (4)") << 4 << ErrorCode::SystemError;
    }
    void exitStatusIsReported()
    {
        QFETCH(int, status);
        QFETCH(ErrorCode, code);
        auto arena = makeArena();
        auto address = WebAddress::toOpen(secret(*arena, "https://example.org").span(), *arena);
        ARCANUM_VERIFY_OK(address);
        auto child = XdgOpen::start(fakeOpener(status).toLocal8Bit().constData(), address->span());
        ARCANUM_VERIFY_OK(child);
        const Result<void> waited = XdgOpen::wait(*child);
        QVERIFY(!waited.ok());
        QCOMPARE(waited.error().code, code);
        QVERIFY(!waited.error().message.empty());
    }

    void missingOpenerAndUnterminatedAddressAreRefused()
    {
        auto arena = makeArena();
        auto address = WebAddress::toOpen(secret(*arena, "https://example.org").span(), *arena);
        ARCANUM_VERIFY_OK(address);
        const auto missing = XdgOpen::start("arcanum-no-such-opener", address->span());
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        const auto missingPath =
            XdgOpen::start(m_dir.filePath("absent").toLocal8Bit().constData(), address->span());
        QCOMPARE(missingPath.error().code, ErrorCode::NotFound);

        SecretBuffer raw = secret(*arena, "https://example.orgXYZ");
        const auto unterminated = XdgOpen::start("true", raw.span().sub(0, 19));
        QVERIFY(!unterminated.ok());
        QCOMPARE(unterminated.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestXdgOpen)
#include "TestXdgOpen.moc"
