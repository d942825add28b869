// Tests for BrowserIntegration: the app's browser server on the GUI thread, wired to a real
// VaultSession — a session through a real socket (key exchange, associate, get-logins, set-login
// saved to the vault file), the lock and unlock notifications, keys that survive a lock,
// lock-database from the browser, one server per socket, and the socket removed on stop.
#include "AutofillTestSupport.h"
#include "autofill/AutofillServer.h"
#include "autofill/BrowserIntegration.h"
#include "support/TestVault.h"

#include <QtTest>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

class Client
{
public:
    explicit Client(const QString& path)
    {
        m_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.toLocal8Bit().constData(), sizeof address.sun_path - 1);
        if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            close(m_fd);
            m_fd = -1;
        }
    }
    ~Client()
    {
        if (m_fd >= 0)
            close(m_fd);
    }
    bool connected() const { return m_fd >= 0; }
    void send(const std::string& json)
    {
        const auto bytes = frame(json);
        QCOMPARE(write(m_fd, bytes.data(), bytes.size()), ssize_t(bytes.size()));
    }
    // The next message, running the event loop meanwhile ("" after 10 s).
    std::string next()
    {
        for (int i = 0; i < 500 && m_frames.empty(); ++i) {
            QTest::qWait(20);
            std::uint8_t buffer[65536];
            const ssize_t n = read(m_fd, buffer, sizeof buffer);
            if (n > 0)
                m_decoder.feed(
                    {buffer, std::size_t(n)},
                    [&](std::span<const std::uint8_t> f) {
                        m_frames.emplace_back(f.begin(), f.end());
                    },
                    [](std::uint64_t) {});
        }
        if (m_frames.empty())
            return {};
        std::string first = m_frames.front();
        m_frames.erase(m_frames.begin());
        return first;
    }
    std::string roundTrip(const std::string& json)
    {
        send(json);
        return next();
    }

private:
    int m_fd = -1;
    FrameDecoder m_decoder{maxFrameBytes, FrameDecoder::Order::LittleEndian};
    std::vector<std::string> m_frames;
};

} // namespace

class TestBrowserIntegration : public QObject
{
    Q_OBJECT

private slots:
    void sessionThroughTheSocket()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        vault->addEntry("Example", "alice", "hunter2", {"https://example.com"});
        QTemporaryDir runtime;
        const QString path = runtime.filePath("app/autofill.socket");
        BrowserIntegration integration(&vault->session());
        QVERIFY2(integration.start(path), qPrintable(integration.errorString()));
        QCOMPARE(integration.socketPath(), path);
        ScriptedPrompter prompter;
        answerEverything(prompter, *integration.protocol(), "ui test", SiteAnswer::AllowAlways);
        integration.setPrompter(&prompter);

        Client socket(path);
        QVERIFY(socket.connected());
        BrowserTestClient client;
        QVERIFY(client.acceptKeys(socket.roundTrip(client.changePublicKeys())));
        auto text = client.open(socket.roundTrip(client.request("get-databasehash")));
        QVERIFY(text);
        const std::string hash = field(parseJson(*text), "hash");
        QCOMPARE(hash.size(), std::size_t(64));
        QVERIFY(client.open(socket.roundTrip(client.associate())));
        text = client.open(socket.roundTrip(client.getLogins("https://example.com/", "ui test")));
        QVERIFY(text);
        QCOMPARE(field(parseJson(*text)["entries"][0], "password"), std::string("hunter2"));

        // A new login is saved to the vault file.
        QSignalSpy changed(&vault->session(), &VaultSession::contentsChanged);
        text = client.open(socket.roundTrip(client.request(
            "set-login",
            {{"url", "https://shop.example/"}, {"login", "bob"}, {"password", "pw"}})));
        QVERIFY(text);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(vault->reopen()->contents().entryCount(), std::size_t(2));

        // Locking reaches the browser; its keys outlive the lock.
        vault->session().lock();
        QCOMPARE(field(parseJson(socket.next()), "action"), std::string("database-locked"));
        QCOMPARE(
            field(parseJson(socket.roundTrip(client.request("get-databasehash"))), "errorCode"),
            std::string("1"));
        auto passwordArena = makeArena();
        QSignalSpy unlocked(&vault->session(), &VaultSession::unlocked);
        vault->session().unlock(vault->path(), secret(*passwordArena, TestVault::masterPassword));
        QVERIFY(unlocked.wait(20000));
        QCOMPARE(field(parseJson(socket.next()), "action"), std::string("database-unlocked"));
        text = client.open(socket.roundTrip(client.request("get-databasehash")));
        QVERIFY(text);
        QCOMPARE(field(parseJson(*text), "hash"), hash); // the same vault, the same name

        // lock-database from the browser locks the session (after the answer).
        QSignalSpy locked(&vault->session(), &VaultSession::locked);
        QVERIFY(client.open(socket.roundTrip(client.request("lock-database"))));
        QCOMPARE(field(parseJson(socket.next()), "action"), std::string("database-locked"));
        QVERIFY(locked.count() == 1 || locked.wait(5000));

        integration.stop();
        QVERIFY(!QFile::exists(path));
    }

    void oneServerPerSocket()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        QTemporaryDir runtime;
        const QString path = runtime.filePath("app/autofill.socket");
        BrowserIntegration first(&vault->session());
        QVERIFY(first.start(path));
        BrowserIntegration second(&vault->session());
        QVERIFY(!second.start(path));
        QVERIFY(second.errorString().contains("Another Arcanum"));
        QVERIFY(!second.isRunning());
        QVERIFY(first.isRunning());
    }

    void withoutAPrompterNothingIsAssociated()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        QTemporaryDir runtime;
        const QString path = runtime.filePath("app/autofill.socket");
        BrowserIntegration integration(&vault->session());
        QVERIFY(integration.start(path));
        Client socket(path);
        BrowserTestClient client;
        QVERIFY(client.acceptKeys(socket.roundTrip(client.changePublicKeys())));
        QCOMPARE(field(parseJson(socket.roundTrip(client.associate())), "errorCode"),
                 std::string("6"));
    }
};

QTEST_MAIN(TestBrowserIntegration)
#include "TestBrowserIntegration.moc"
