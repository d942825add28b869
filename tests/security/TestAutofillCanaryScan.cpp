// The invariant on the autofill path: a server process answers a browser session — key exchange,
// associate, get-logins that returns the entry's password, set-login with a new password, then
// get-logins for it — and is then scanned from outside (as root, /proc/PID/mem). No copy of the
// title, the user name or either password may be found outside secret memory, in UTF-8 or
// UTF-16, and the secret mappings must be unreadable. The test process plays the extension and
// holds the plaintext in ordinary memory itself; only the server is scanned.
#include "AutofillTestSupport.h"
#include "TestSupport.h"
#include "canary/CanaryScanner.h"
#include "canary/CanarySet.h"
#include "crypto/Random.h"

#include <QProcess>
#include <QTemporaryDir>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

QByteArray randomCanary(const char* prefix)
{
    static constexpr char letters[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QByteArray canary(prefix);
    for (int i = 0; i < 24; ++i)
        canary += letters[Random::uniform(sizeof letters - 1)];
    return canary;
}

class SocketClient
{
public:
    explicit SocketClient(const std::string& path)
    {
        m_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
        if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
            m_fd = -1;
    }
    ~SocketClient()
    {
        if (m_fd >= 0)
            close(m_fd);
    }
    bool connected() const { return m_fd >= 0; }
    std::string roundTrip(const std::string& json)
    {
        const auto bytes = frame(json);
        if (write(m_fd, bytes.data(), bytes.size()) != ssize_t(bytes.size()))
            return {};
        std::uint8_t header[4];
        if (!readAll(header, 4))
            return {};
        const std::uint32_t length =
            header[0] | header[1] << 8 | header[2] << 16 | std::uint32_t(header[3]) << 24;
        std::string message(length, '\0');
        if (!readAll(reinterpret_cast<std::uint8_t*>(message.data()), length))
            return {};
        return message;
    }

private:
    bool readAll(std::uint8_t* out, std::size_t n)
    {
        for (std::size_t got = 0; got < n;) {
            const ssize_t r = read(m_fd, out + got, n - got);
            if (r <= 0)
                return false;
            got += std::size_t(r);
        }
        return true;
    }
    int m_fd = -1;
};

} // namespace

class TestAutofillCanaryScan : public QObject
{
    Q_OBJECT

private slots:
    void serverAnswersFromSecretMemoryOnly()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/app/autofill.socket").toStdString();
        const QByteArray title = randomCanary("T"), user = randomCanary("U"),
                         password = randomCanary("P"), newPassword = randomCanary("N"),
                         newUser = randomCanary("V");
        auto set = CanarySet::create();
        ARCANUM_VERIFY_OK(set);
        auto staging = makeArena();
        const std::pair<const char*, QByteArray> canaries[] = {{"title", title},
                                                               {"user name", user},
                                                               {"password", password},
                                                               {"new password", newPassword},
                                                               {"new user name", newUser}};
        for (const auto& [label, value] : canaries) {
            SecretBuffer copy = secret(*staging, value);
            ARCANUM_VERIFY_OK(set->add(label, copy.span()));
        }

        QProcess server;
        server.start(ARCANUM_AUTOFILL_CANARY_SERVER_PATH, {QString::fromStdString(path)});
        QVERIFY(server.waitForStarted());
        server.write(title + "\n" + user + "\n" + password + "\n");
        QVERIFY(server.waitForReadyRead(30000));
        QVERIFY2(server.readAllStandardOutput().contains("listening"),
                 server.readAllStandardError().constData());

        SocketClient socket(path);
        QVERIFY(socket.connected());
        BrowserTestClient client;
        QVERIFY(client.acceptKeys(socket.roundTrip(client.changePublicKeys())));
        QVERIFY(client.open(socket.roundTrip(client.associate())));
        auto text =
            client.open(socket.roundTrip(client.getLogins("https://canary.example/", "scan")));
        QVERIFY(text);
        auto reply = parseJson(*text);
        QCOMPARE(field(reply["entries"][0], "password"), password.toStdString()); // really filled
        QCOMPARE(field(reply["entries"][0], "login"), user.toStdString());
        text = client.open(socket.roundTrip(
            client.request("set-login", {{"url", "https://canary.example/signup"},
                                         {"login", newUser.toStdString()},
                                         {"password", newPassword.toStdString()}})));
        QVERIFY(text);
        text = client.open(socket.roundTrip(client.getLogins("https://canary.example/", "scan")));
        QVERIFY(text);
        QVERIFY(text->find(newPassword.toStdString()) != std::string::npos);
        QVERIFY(client.open(socket.roundTrip(client.request("generate-password"))));

        const pid_t pid = static_cast<pid_t>(server.processId());
        auto report = CanaryScanner::scanProcess(pid, *set);
        ARCANUM_VERIFY_OK(report);
        QVERIFY2(report->hitCount() == 0, report->summary().c_str());
        QVERIFY2(report->secretMappings >= 1, report->summary().c_str());
        QCOMPARE(report->secretMappingsReadable, std::size_t(0));

        server.closeWriteChannel();
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAutofillCanaryScan)
#include "TestAutofillCanaryScan.moc"
