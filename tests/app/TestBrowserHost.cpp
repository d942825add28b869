// The real arcanum-browser-host binary, driven as a browser drives it (native-endian frames on
// its stdin and stdout), against a BrowserSocketServer running in a thread of this test:
// Arcanum not running (the extension's "cannot connect" error, then the host finds the app once
// it runs), a whole session (key exchange, associate, test-associate, get-logins, set-login,
// generate-password, lock → the unasked database-locked message → the locked error), two
// requests in one write, an oversized frame, a truncated frame, and the app going away.
#include "AutofillTestSupport.h"
#include "NativeHostProcess.h"
#include "TestSupport.h"
#include "autofill/BrowserSocketServer.h"
#include "autofill/SocketPath.h"

#include <QProcess>
#include <QtTest>
#include <atomic>
#include <thread>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

// The app's side: a socket server with a vault and a user who accepts everything, in a thread.
class ServerThread
{
public:
    explicit ServerThread(const std::string& path)
    {
        auto server = BrowserSocketServer::listen(path);
        if (!server)
            qFatal("cannot listen: %s", server.error().message.c_str());
        m_server = std::move(server.value());
        vault.addLogin("Example", "alice", "hunter2", "https://example.com");
        answerEverything(m_prompter, m_server->protocol(), "host test", SiteAnswer::AllowAlways);
        m_server->protocol().setPrompter(&m_prompter);
        m_server->protocol().setVault(&vault);
        m_thread = std::thread([this] {
            int locksDone = 0;
            while (!m_stop) {
                m_server->pollOnce(20);
                if (vault.lockRequests > locksDone) { // lock-database: lock, as the app would
                    ++locksDone;
                    m_server->protocol().setVault(nullptr);
                }
            }
        });
    }
    ~ServerThread() { stop(); }
    void stop()
    {
        if (!m_thread.joinable())
            return;
        m_stop = true;
        m_thread.join();
        m_server.reset(); // closes every connection, removes the socket
    }

    MemoryAutofillVault vault;

private:
    std::unique_ptr<BrowserSocketServer> m_server;
    ScriptedPrompter m_prompter;
    std::atomic<bool> m_stop = false;
    std::thread m_thread;
};

} // namespace

class TestBrowserHost : public QObject
{
    Q_OBJECT

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_RUNTIME_DIR", m_runtime->path());
        return env;
    }

private slots:
    void init()
    {
        m_runtime = std::make_unique<QTemporaryDir>();
        qputenv("XDG_RUNTIME_DIR", m_runtime->path().toUtf8());
        QVERIFY(SocketPath::ensureDirectory());
        m_socket = SocketPath::socket().value();
    }

    void appNotRunning()
    {
        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, environment());
        BrowserTestClient client;
        auto reply = parseJson(host.roundTrip(client.changePublicKeys()));
        QCOMPARE(field(reply, "action"), std::string("change-public-keys"));
        QVERIFY(reply["errorCode"].IsInt()); // a number: the extension compares with ===
        QCOMPARE(reply["errorCode"].GetInt(), 5);
        QVERIFY(field(reply, "error").find("not running") != std::string::npos);
        reply = parseJson(host.roundTrip(client.requestRaw("generate-password", "{}", std::nullopt,
                                                           {{"requestID", "9f8e7d6c"}})));
        QCOMPARE(field(reply, "action"), std::string("generate-password"));
        QCOMPARE(field(reply, "requestID"), std::string("9f8e7d6c"));
        reply = parseJson(host.roundTrip("not json at all"));
        QCOMPARE(reply["errorCode"].GetInt(), 5);

        // Arcanum starts: the next request reaches it through the same host.
        ServerThread server(m_socket);
        QVERIFY(client.acceptKeys(host.roundTrip(client.changePublicKeys())));
        QCOMPARE(host.process().state(), QProcess::Running);
    }

    void wholeSession()
    {
        ServerThread server(m_socket);
        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, environment());
        BrowserTestClient client;
        QVERIFY(client.acceptKeys(host.roundTrip(client.changePublicKeys())));
        auto text = client.open(host.roundTrip(client.request("get-databasehash")));
        QVERIFY(text);
        QCOMPARE(field(parseJson(*text), "hash"), DatabaseHash::of(server.vault.identity()));
        text = client.open(host.roundTrip(client.associate()));
        QVERIFY(text);
        QCOMPARE(field(parseJson(*text), "id"), std::string("host test"));
        QVERIFY(client.open(host.roundTrip(client.testAssociate("host test"))));
        text =
            client.open(host.roundTrip(client.getLogins("https://example.com/login", "host test")));
        QVERIFY(text);
        auto logins = parseJson(*text);
        QCOMPARE(field(logins["entries"][0], "password"), std::string("hunter2"));
        text = client.open(host.roundTrip(client.request(
            "set-login",
            {{"url", "https://new.example.org/"}, {"login", "bob"}, {"password", "s3cr3t"}})));
        QVERIFY(text);
        QCOMPARE(field(parseJson(*text), "error"), std::string("success"));
        text = client.open(host.roundTrip(client.request("generate-password")));
        QVERIFY(text);
        QCOMPARE(field(parseJson(*text), "password").size(), std::size_t(20));

        text = client.open(host.roundTrip(client.request("lock-database")));
        QVERIFY(text);
        QCOMPARE(field(parseJson(host.next()), "action"), std::string("database-locked"));
        const auto locked = parseJson(
            host.roundTrip(client.request("get-logins", {{"url", "https://example.com/"}})));
        QCOMPARE(field(locked, "errorCode"), std::string("1"));
        QCOMPARE(field(locked, "action"), std::string("get-logins"));
    }

    void twoRequestsInOneWrite()
    {
        ServerThread server(m_socket);
        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, environment());
        BrowserTestClient client;
        QVERIFY(client.acceptKeys(host.roundTrip(client.changePublicKeys())));
        const std::string first = client.request("get-databasehash");
        const BoxNonce firstNonce = client.lastNonce();
        const std::string second = client.request("get-databasehash");
        host.write(NativeHostProcess::framed(first) + NativeHostProcess::framed(second));
        QCOMPARE(field(parseJson(host.next()), "nonce"), firstNonce.incremented().toBase64());
        QVERIFY(client.open(host.next()));
    }

    void oversizedFrame()
    {
        ServerThread server(m_socket);
        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, environment());
        BrowserTestClient client;
        QByteArray huge(4, '\0');
        const std::uint32_t length = 2 * 1024 * 1024;
        std::memcpy(huge.data(), &length, 4);
        huge += QByteArray(int(length), 'x');
        host.write(huge);
        const auto reply = parseJson(host.next());
        QCOMPARE(field(reply, "errorCode"), std::string("13"));
        QVERIFY(client.acceptKeys(host.roundTrip(client.changePublicKeys()))); // still in step
    }

    void truncatedFrame()
    {
        ServerThread server(m_socket);
        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, environment());
        BrowserTestClient client;
        const QByteArray frame = NativeHostProcess::framed(client.changePublicKeys());
        host.write(frame.left(frame.size() / 2));
        host.process().closeWriteChannel();
        QVERIFY(host.process().waitForFinished(10000));
        QCOMPARE(host.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(host.process().exitCode(), 1);
        QVERIFY(host.process().readAllStandardError().contains("cut off"));
    }

    void hostEndsWithTheApp()
    {
        auto server = std::make_unique<ServerThread>(m_socket);
        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, environment());
        BrowserTestClient client;
        QVERIFY(client.acceptKeys(host.roundTrip(client.changePublicKeys())));
        server.reset();
        QVERIFY(host.process().waitForFinished(10000));
        QCOMPARE(host.process().exitCode(), 0);
    }

    void browserClosesCleanly()
    {
        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, environment());
        host.process().closeWriteChannel();
        QVERIFY(host.process().waitForFinished(10000));
        QCOMPARE(host.process().exitCode(), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_runtime;
    std::string m_socket;
};

QTEST_GUILESS_MAIN(TestBrowserHost)
#include "TestBrowserHost.moc"
