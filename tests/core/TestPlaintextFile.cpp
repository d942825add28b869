// Tests for PlaintextFile: whole files and pipes read into the arena byte for byte, the size
// bound, and the errors for missing, unreadable and non-file paths.
#include "ChildProcess.h"
#include "TestSupport.h"
#include "import/PlaintextFile.h"

#include <QtTest>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace arcanum;
using arcanum::test::makeArena;

Q_DECLARE_METATYPE(arcanum::ErrorCode)

namespace {

QByteArray pattern(int size)
{
    QByteArray bytes(size, '\0');
    for (int i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + i / 251) & 0xFF);
    return bytes;
}

std::string writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path.toStdString();
}

QByteArray contentOf(const SecretBuffer& buffer)
{
    return QByteArray(reinterpret_cast<const char*>(buffer.data()), qsizetype(buffer.size()));
}

// Reads the read end of a pipe through /proc/self/fd while a thread writes `content` into it.
Result<SecretBuffer> readThroughPipe(SecretArena& arena, const QByteArray& content,
                                     std::size_t maxBytes)
{
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0)
        qFatal("pipe: %s", std::strerror(errno));
    std::thread writer([&] {
        qsizetype done = 0;
        while (done < content.size()) {
            const ssize_t count =
                ::write(ends[1], content.constData() + done, std::size_t(content.size() - done));
            if (count <= 0)
                break; // the reader gave up (EPIPE): that is what a too-big test wants
            done += count;
        }
        ::close(ends[1]);
    });
    auto result = PlaintextFile::read(arena, "/proc/self/fd/" + std::to_string(ends[0]), maxBytes);
    ::close(ends[0]); // unblocks the writer if the reader stopped early
    writer.join();
    return result;
}

} // namespace

class TestPlaintextFile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { signal(SIGPIPE, SIG_IGN); }

    void readsRegularFilesByteForByte_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("one byte") << 1;
        QTest::newRow("every byte value") << 256;
        QTest::newRow("several pages") << 3 * 4096 + 17;
        QTest::newRow("at the limit") << 100000;
    }
    void readsRegularFilesByteForByte()
    {
        QFETCH(int, size);
        QTemporaryDir dir;
        const QByteArray content = pattern(size);
        const std::string path = writeFile(dir, "export.csv", content);
        auto arena = makeArena();
        auto buffer = PlaintextFile::read(*arena, path, 100000);
        QVERIFY2(buffer, buffer ? "" : buffer.error().message.c_str());
        QCOMPARE(contentOf(buffer.value()), content);
        QVERIFY(arena->contains(buffer->data()));
    }

    void readsPipesLongerThanOneChunk()
    {
        auto arena = makeArena();
        const QByteArray content = pattern(200 * 1024 + 3);
        auto buffer = readThroughPipe(*arena, content, PlaintextFile::defaultMaxBytes);
        QVERIFY2(buffer, buffer ? "" : buffer.error().message.c_str());
        QCOMPARE(contentOf(buffer.value()), content);
        QVERIFY(arena->contains(buffer->data()));
    }

    void refusesPipesOverTheLimit()
    {
        auto arena = makeArena();
        auto buffer = readThroughPipe(*arena, pattern(100 * 1024), 70 * 1024);
        QVERIFY(!buffer);
        QCOMPARE(buffer.error().code, ErrorCode::InvalidArgument);
        QVERIFY(buffer.error().message.ends_with(
            " is larger than 71680 bytes, the most Arcanum reads for an import."));
    }

    void refusesFilesOverTheLimit()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "big.csv", pattern(2 * 1024 * 1024 + 1));
        auto arena = makeArena();
        auto buffer = PlaintextFile::read(*arena, path, 2 * 1024 * 1024);
        QVERIFY(!buffer);
        QCOMPARE(buffer.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(buffer.error().message,
                 path + " is larger than 2 MiB, the most Arcanum reads for an import.");
        QCOMPARE(arena->usedBytes(), std::size_t(0)); // refused before allocating
    }

    void reportsPathErrors_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << "missing" << ErrorCode::NotFound
                                 << "Cannot open %1: No such file or directory";
        QTest::newRow("directory")
            << "directory" << ErrorCode::SystemError << "Cannot read %1: Is a directory";
        QTest::newRow("not a directory")
            << "under a file" << ErrorCode::SystemError << "Cannot open %1: Not a directory";
    }
    void reportsPathErrors()
    {
        QFETCH(QString, kind);
        QFETCH(ErrorCode, code);
        QFETCH(QString, message);
        QTemporaryDir dir;
        std::string path = dir.filePath("absent.csv").toStdString();
        if (kind == "directory")
            path = dir.path().toStdString();
        else if (kind == "under a file")
            path = writeFile(dir, "file", "x") + "/export.csv";
        auto arena = makeArena();
        auto buffer = PlaintextFile::read(*arena, path);
        QVERIFY(!buffer);
        QCOMPARE(buffer.error().code, code);
        QCOMPARE(QString::fromStdString(buffer.error().message),
                 message.arg(QString::fromStdString(path)));
    }

    void reportsPermissionDenied()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "private.csv", "name,url\n");
        QVERIFY(::chmod(path.c_str(), 0) == 0);
        QVERIFY(::chmod(qPrintable(dir.path()), 0755) == 0);
        // Root reads anything: check from a child that has dropped to an ordinary user.
        const int status = test::runInChild([&] {
            if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
                return 2;
            auto arena = SecretArena::create();
            if (!arena)
                return 3;
            auto buffer = PlaintextFile::read(*arena.value(), path);
            const bool denied =
                !buffer && buffer.error().code == ErrorCode::PermissionDenied &&
                buffer.error().message == "Cannot open " + path + ": Permission denied";
            return denied ? 0 : 1;
        });
        QCOMPARE(status, 0);
    }
};

QTEST_GUILESS_MAIN(TestPlaintextFile)
#include "TestPlaintextFile.moc"
