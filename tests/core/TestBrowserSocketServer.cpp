// Tests for BrowserSocketServer: the socket's place and modes, one server per user, stale
// sockets, removal on exit, messages through a real socket, and peers of another uid refused
// (SO_PEERCRED) even when the file modes would let them in.
#include "AutofillTestSupport.h"
#include "ChildProcess.h"
#include "TestSupport.h"
#include "autofill/BrowserSocketServer.h"
#include "autofill/ProtocolLimits.h"
#include "autofill/SocketPath.h"

#include <QtTest>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

int connectTo(const std::string& path)
{
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

// Writes `bytes`, then runs the server until `count` frames came back (or 5 s passed).
std::vector<std::string> exchange(BrowserSocketServer& server, int fd,
                                  const std::vector<std::uint8_t>& bytes, std::size_t count)
{
    if (!bytes.empty() && write(fd, bytes.data(), bytes.size()) != ssize_t(bytes.size()))
        return {};
    std::vector<std::string> frames;
    FrameDecoder decoder(maxFrameBytes, FrameDecoder::Order::LittleEndian);
    std::uint8_t buffer[65536];
    for (int i = 0; i < 500 && frames.size() < count; ++i) {
        server.pollOnce(10);
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n > 0)
            decoder.feed(
                {buffer, std::size_t(n)},
                [&](std::span<const std::uint8_t> f) { frames.emplace_back(f.begin(), f.end()); },
                [](std::uint64_t) {});
    }
    return frames;
}

struct RuntimeDir
{
    QTemporaryDir dir;
    QByteArray previous = qgetenv("XDG_RUNTIME_DIR");
    RuntimeDir() { qputenv("XDG_RUNTIME_DIR", dir.path().toUtf8()); }
    ~RuntimeDir() { qputenv("XDG_RUNTIME_DIR", previous); }
};

} // namespace

class TestBrowserSocketServer : public QObject
{
    Q_OBJECT

private slots:
    void listensPrivately()
    {
        RuntimeDir runtime;
        auto folder = SocketPath::ensureDirectory();
        ARCANUM_VERIFY_OK(folder);
        const std::string path = SocketPath::socket().value();
        QCOMPARE(path,
                 runtime.dir.path().toStdString() + "/app/org.arcanum.Arcanum/autofill.socket");
        auto server = BrowserSocketServer::listen(path);
        ARCANUM_VERIFY_OK(server);
        struct stat info
        {};
        QCOMPARE(lstat(path.c_str(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(info.st_mode & 07777, mode_t(0600));
        QCOMPARE(lstat(folder->c_str(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0700));
        server.value().reset();
        QCOMPARE(lstat(path.c_str(), &info), -1); // removed on exit
    }

    void refusesAnOpenFolder()
    {
        RuntimeDir runtime;
        const std::string folder = SocketPath::ensureDirectory().value();
        QCOMPARE(chmod(folder.c_str(), 0755), 0);
        auto server = BrowserSocketServer::listen(SocketPath::socket().value());
        QVERIFY(!server);
        QCOMPARE(server.error().code, ErrorCode::PermissionDenied);
    }

    // Flatpak's sandbox: $XDG_RUNTIME_DIR (0700) holds app -> ../../flatpak/app, a folder of
    // the user.
    void acceptsAppAsALinkInAPrivateRuntimeFolder()
    {
        RuntimeDir runtime;
        const std::string root = runtime.dir.path().toStdString();
        QCOMPARE(mkdir((root + "/run").c_str(), 0700), 0);
        QCOMPARE(mkdir((root + "/flatpak").c_str(), 0700), 0);
        QCOMPARE(mkdir((root + "/flatpak/app").c_str(), 0700), 0);
        QCOMPARE(symlink("../flatpak/app", (root + "/run/app").c_str()), 0);
        qputenv("XDG_RUNTIME_DIR", QByteArray::fromStdString(root + "/run"));
        auto folder = SocketPath::ensureDirectory();
        ARCANUM_VERIFY_OK(folder);
        struct stat info
        {};
        QCOMPARE(lstat((root + "/flatpak/app/org.arcanum.Arcanum").c_str(), &info), 0);
        QVERIFY(S_ISDIR(info.st_mode));
        ARCANUM_VERIFY_OK(BrowserSocketServer::listen(SocketPath::socket().value()));
    }

    void refusesAppAsALinkInAnOpenRuntimeFolder()
    {
        RuntimeDir runtime;
        const std::string root = runtime.dir.path().toStdString();
        QCOMPARE(mkdir((root + "/run").c_str(), 0755), 0);
        QCOMPARE(mkdir((root + "/flatpak").c_str(), 0700), 0);
        QCOMPARE(mkdir((root + "/flatpak/app").c_str(), 0700), 0);
        QCOMPARE(symlink("../flatpak/app", (root + "/run/app").c_str()), 0);
        QCOMPARE(chmod((root + "/run").c_str(), 0755), 0);
        qputenv("XDG_RUNTIME_DIR", QByteArray::fromStdString(root + "/run"));
        auto folder = SocketPath::ensureDirectory();
        QVERIFY(!folder);
        QCOMPARE(folder.error().code, ErrorCode::PermissionDenied);
        QVERIFY(folder.error().message.find("only this user can change") != std::string::npos);
    }

    void refusesALinkToAnOpenFolder()
    {
        RuntimeDir runtime;
        const std::string root = runtime.dir.path().toStdString();
        QCOMPARE(mkdir((root + "/run").c_str(), 0700), 0);
        QCOMPARE(mkdir((root + "/shared").c_str(), 0700), 0);
        QCOMPARE(chmod((root + "/shared").c_str(), 0777), 0);
        QCOMPARE(symlink("../shared", (root + "/run/app").c_str()), 0);
        qputenv("XDG_RUNTIME_DIR", QByteArray::fromStdString(root + "/run"));
        auto folder = SocketPath::ensureDirectory();
        QVERIFY(!folder);
        QCOMPARE(folder.error().code, ErrorCode::PermissionDenied);
    }

    void oneServerPerFolder()
    {
        RuntimeDir runtime;
        (void)SocketPath::ensureDirectory();
        const std::string path = SocketPath::socket().value();
        auto first = BrowserSocketServer::listen(path);
        ARCANUM_VERIFY_OK(first);
        auto second = BrowserSocketServer::listen(path);
        QVERIFY(!second);
        QCOMPARE(second.error().code, ErrorCode::AlreadyExists);
        // The first one still answers.
        BrowserTestClient client;
        const int fd = connectTo(path);
        QVERIFY(fd >= 0);
        const auto frames = exchange(*first.value(), fd, frame(client.changePublicKeys()), 1);
        QCOMPARE(frames.size(), std::size_t(1));
        QVERIFY(client.acceptKeys(frames[0]));
        close(fd);
    }

    void replacesAStaleSocket()
    {
        RuntimeDir runtime;
        (void)SocketPath::ensureDirectory();
        const std::string path = SocketPath::socket().value();
        { // a crashed app's socket: bound, then the process gone without unlinking
            const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
            QCOMPARE(bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
            close(fd);
        }
        QCOMPARE(connectTo(path), -1); // nobody listens there
        auto server = BrowserSocketServer::listen(path);
        ARCANUM_VERIFY_OK(server);
        const int fd = connectTo(path);
        QVERIFY(fd >= 0);
        close(fd);
    }

    void messagesThroughTheSocket()
    {
        RuntimeDir runtime;
        (void)SocketPath::ensureDirectory();
        const std::string path = SocketPath::socket().value();
        auto server = BrowserSocketServer::listen(path);
        ARCANUM_VERIFY_OK(server);
        MemoryAutofillVault vault;
        server.value()->protocol().setVault(&vault);
        BrowserTestClient client;
        const int fd = connectTo(path);
        QVERIFY(fd >= 0);
        auto frames = exchange(*server.value(), fd, frame(client.changePublicKeys()), 1);
        QCOMPARE(frames.size(), std::size_t(1));
        QVERIFY(client.acceptKeys(frames[0]));
        // Two requests in one write: two answers.
        auto bytes = frame(client.request("get-databasehash"));
        const auto second = frame(client.request("generate-password"));
        bytes.insert(bytes.end(), second.begin(), second.end());
        frames = exchange(*server.value(), fd, bytes, 2);
        QCOMPARE(frames.size(), std::size_t(2));
        QVERIFY(client.open(frames[1]));
        // Locking reaches the connection unasked.
        server.value()->protocol().setVault(nullptr);
        frames = exchange(*server.value(), fd, {}, 1);
        QCOMPARE(frames.size(), std::size_t(1));
        QCOMPARE(field(parseJson(frames[0]), "action"), std::string("database-locked"));
        // A peer that leaves inside a message is closed cleanly.
        auto half = frame(client.request("get-databasehash"));
        half.resize(half.size() / 2);
        QCOMPARE(write(fd, half.data(), half.size()), ssize_t(half.size()));
        close(fd);
        for (int i = 0; i < 100 && server.value()->protocol().connectionCount() > 0; ++i)
            server.value()->pollOnce(10);
        QCOMPARE(server.value()->protocol().connectionCount(), std::size_t(0));
    }

    void anotherUserIsRefused()
    {
        if (geteuid() != 0)
            QSKIP("needs root to run a child as nobody (CI runs as root)");
        RuntimeDir runtime;
        (void)SocketPath::ensureDirectory();
        const std::string path = SocketPath::socket().value();
        auto server = BrowserSocketServer::listen(path);
        ARCANUM_VERIFY_OK(server);
        const std::string folder = SocketPath::directory().value();
        const std::string runtimeDir = runtime.dir.path().toStdString();
        auto connectAsNobody = [&] {
            return runInChild([&] {
                if (setgid(65534) != 0 || setuid(65534) != 0)
                    return 10;
                const int fd = connectTo(path);
                if (fd < 0)
                    return errno == EACCES ? 20 : 21;
                close(fd);
                return 22;
            });
        };
        // First line: the folder (0700) and the socket (0600) keep other users out.
        QCOMPARE(connectAsNobody(), 20);
        // Second line: with the modes opened up, SO_PEERCRED still refuses the stranger.
        for (const std::string& p : {runtimeDir, runtimeDir + "/app", folder})
            QCOMPARE(chmod(p.c_str(), 0755), 0);
        QCOMPARE(chmod(path.c_str(), 0777), 0);
        const pid_t child = fork();
        if (child == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(10);
            const int fd = connectTo(path);
            if (fd < 0)
                _exit(21);
            fcntl(fd, F_SETFL, 0);
            const timeval wait{5, 0}; // an accepted connection would leave read() waiting
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
            char byte;
            _exit(read(fd, &byte, 1) == 0 ? 30 : 31); // 30: closed by the server at once
        }
        for (int i = 0; i < 500 && server.value()->refusedPeers() == 0; ++i)
            server.value()->pollOnce(10);
        int status = 0;
        waitpid(child, &status, 0);
        QCOMPARE(WEXITSTATUS(status), 30);
        QCOMPARE(server.value()->refusedPeers(), std::size_t(1));
        QCOMPARE(server.value()->protocol().connectionCount(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestBrowserSocketServer)
#include "TestBrowserSocketServer.moc"
