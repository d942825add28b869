// End to end, with the real programs: the desktop app (`arcanum`, offscreen) serving a vault,
// and the real arcanum-browser-host, driven as a browser drives it by a libsodium client in this
// test — key exchange, associate (confirmed through the test build's
// ARCANUM_TEST_ACCEPT_ASSOCIATIONS; the dialog itself is tested in TestBrowserPrompter),
// get-logins (the site allowed through ARCANUM_TEST_ANSWER_SITES), set-login (saved to the vault
// file), generate-password, lock-database → database-locked → the locked error. The app unlocks
// with the password on its stdin (ARCANUM_TEST_PASSWORD_FD=0). Everything runs in a temporary
// HOME and XDG_RUNTIME_DIR.
#include "AutofillTestSupport.h"
#include "NativeHostProcess.h"
#include "TestSupport.h"
#include "totp/Totp.h"
#include "totp/TotpUri.h"
#include "vault/Vault.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <ctime>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

constexpr const char* masterPassword = "e2e master password";
// Base32 of RFC 6238's SHA-1 seed: a bare secret means SHA-1, 6 digits, 30 s.
constexpr const char* totpSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

// The code the app should send at `unixTime`.
std::string expectedCode(std::uint64_t unixTime)
{
    auto arena = makeArena();
    auto parameters = TotpUri::parse(*arena, secret(*arena, totpSecret).span());
    auto code = Totp::code(*arena, parameters.value(), unixTime);
    return std::string(code->span().chars(), code->size());
}

// The reply's code is the one for a second between `before` and now.
bool isCurrentCode(const std::string& code, std::uint64_t before)
{
    const auto after = static_cast<std::uint64_t>(std::time(nullptr));
    return code == expectedCode(before) || code == expectedCode(after);
}

} // namespace

class TestBrowserAutofillEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_vaultPath;

    void makeVault()
    {
        auto arena = makeArena();
        const SecretBuffer password = secret(*arena, masterPassword);
        m_vaultPath = m_dir.filePath("e2e.arcanum");
        auto vault = Vault::create(m_vaultPath.toStdString(), password.span(),
                                   Argon2Params::withRandomSalt(256, 1, 1));
        ARCANUM_VERIFY_OK(vault);
        SecretArena& va = (*vault)->arena();
        EntryDraft draft(va);
        ARCANUM_VERIFY_OK(draft.set(EntryField::Title, secret(va, "Example").span()));
        ARCANUM_VERIFY_OK(draft.set(EntryField::Username, secret(va, "alice").span()));
        ARCANUM_VERIFY_OK(draft.set(EntryField::Password, secret(va, "hunter2").span()));
        ARCANUM_VERIFY_OK(draft.addUrl(secret(va, "https://example.com").span()));
        ARCANUM_VERIFY_OK(draft.set(EntryField::Totp, secret(va, totpSecret).span()));
        ARCANUM_VERIFY_OK((*vault)->contents().addEntry(draft));
        ARCANUM_VERIFY_OK((*vault)->save());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char* folder : {"home", "config", "runtime", "data"})
            QVERIFY(QDir(m_dir.path()).mkpath(folder));
        QFile::setPermissions(m_dir.filePath("runtime"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert("HOME", m_dir.filePath("home"));
        m_env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
        m_env.insert("XDG_DATA_HOME", m_dir.filePath("data"));
        m_env.insert("XDG_RUNTIME_DIR", m_dir.filePath("runtime"));
        m_env.insert("QT_QPA_PLATFORM", "offscreen");
        m_env.remove("DBUS_SESSION_BUS_ADDRESS"); // no desktop services: nothing to lock on
        makeVault();
    }

    void associateFillSaveGenerateLock()
    {
        if (!QString(ARCANUM_TEST_HOOKS_BUILT).toInt())
            QFAIL("this test needs a build with ARCANUM_TEST_HOOKS (the default with tests)");
        QProcess app;
        QProcessEnvironment appEnv = m_env;
        appEnv.insert("ARCANUM_TEST_PASSWORD_FD", "0");
        appEnv.insert("ARCANUM_TEST_ACCEPT_ASSOCIATIONS", "end-to-end");
        appEnv.insert("ARCANUM_TEST_ANSWER_SITES", "always");
        app.setProcessEnvironment(appEnv);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(ARCANUM_GUI_PATH, {m_vaultPath});
        QVERIFY(app.waitForStarted(10000));
        app.write(QByteArray(masterPassword) + "\n");
        app.closeWriteChannel();

        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, m_env);
        BrowserTestClient client;
        // Until the app listens, the host answers "not running" (code 5); then the key exchange.
        bool exchanged = false;
        for (int i = 0; i < 200 && !exchanged; ++i) {
            const std::string reply = host.roundTrip(client.changePublicKeys());
            exchanged = client.acceptKeys(reply);
            if (!exchanged)
                QTest::qWait(50);
        }
        QVERIFY2(exchanged, "the app never answered through the host");

        // Until the vault is unlocked: error 1 ("locked").
        std::optional<std::string> hash;
        for (int i = 0; i < 400 && !hash; ++i) {
            hash = client.open(host.roundTrip(client.request("get-databasehash")));
            if (!hash)
                QTest::qWait(50);
        }
        QVERIFY2(hash, "the vault never unlocked");
        QCOMPARE(field(parseJson(*hash), "hash").size(), std::size_t(64));

        auto reply = client.open(host.roundTrip(client.associate()));
        QVERIFY(reply);
        QCOMPARE(field(parseJson(*reply), "id"), std::string("end-to-end"));
        QVERIFY(client.open(host.roundTrip(client.testAssociate("end-to-end"))));

        const auto beforeLogins = static_cast<std::uint64_t>(std::time(nullptr));
        reply = client.open(
            host.roundTrip(client.getLogins("https://example.com/login", "end-to-end")));
        QVERIFY(reply);
        auto logins = parseJson(*reply);
        QCOMPARE(field(logins["entries"][0], "login"), std::string("alice"));
        QCOMPARE(field(logins["entries"][0], "password"), std::string("hunter2"));
        // The entry's TOTP code, computed by the app (ClockTotpSource), and again by get-totp.
        QVERIFY(isCurrentCode(field(logins["entries"][0], "totp"), beforeLogins));
        const std::string uuid = field(logins["entries"][0], "uuid");
        const auto beforeTotp = static_cast<std::uint64_t>(std::time(nullptr));
        reply = client.open(host.roundTrip(client.request("get-totp", {{"uuid", uuid}})));
        QVERIFY(reply);
        QVERIFY(isCurrentCode(field(parseJson(*reply), "totp"), beforeTotp));

        reply = client.open(
            host.roundTrip(client.request("set-login", {{"url", "https://shop.example/"},
                                                        {"submitUrl", "https://shop.example/login"},
                                                        {"login", "bob"},
                                                        {"password", "s3cret shop"},
                                                        {"id", "end-to-end"}})));
        QVERIFY(reply);
        QCOMPARE(field(parseJson(*reply), "error"), std::string("success"));

        reply =
            client.open(host.roundTrip(client.request("generate-password", {{"requestID", "7"}})));
        QVERIFY(reply);
        QVERIFY(field(parseJson(*reply), "password").size() >= 12);

        QVERIFY(client.open(host.roundTrip(client.request("lock-database"))));
        QCOMPARE(field(parseJson(host.next()), "action"), std::string("database-locked"));
        const auto locked =
            parseJson(host.roundTrip(client.getLogins("https://example.com/", "end-to-end")));
        QCOMPARE(field(locked, "errorCode"), std::string("1"));

        app.terminate();
        QVERIFY(app.waitForFinished(10000));

        // What the browser changed is in the vault file: the new login, the association, the
        // remembered site decision.
        auto arena = makeArena();
        auto vault = Vault::open(m_vaultPath.toStdString(), secret(*arena, masterPassword).span());
        ARCANUM_VERIFY_OK(vault);
        QCOMPARE((*vault)->contents().entryCount(), std::size_t(2));
        QCOMPARE((*vault)->contents().associationCount(), std::size_t(1));
        QCOMPARE(stringOf((*vault)->contents().association(0).name()), std::string("end-to-end"));
        bool remembered = false;
        (*vault)->contents().entry(0).forEachSiteAccess([&](const EntryView::SiteAccess& access) {
            remembered = access.decision == SiteDecision::Allow;
        });
        QVERIFY(remembered);
    }

    // "Start Arcanum when a browser asks" (BrowserHostConfig's file): the first request finds
    // no app, is answered "not running" and starts `arcanum`; a later one reaches it.
    void theHostStartsTheAppWhenAsked()
    {
        QProcessEnvironment env = m_env;
        const QString runtime = m_dir.filePath("runtime-start");
        const QString config = m_dir.filePath("config-start");
        QVERIFY(QDir().mkpath(runtime));
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        env.insert("XDG_RUNTIME_DIR", runtime);
        env.insert("XDG_CONFIG_HOME", config);
        QVERIFY(QDir().mkpath(config + "/arcanum"));
        QFile setting(config + "/arcanum/browser-host.conf");
        QVERIFY(setting.open(QIODevice::WriteOnly));
        setting.write("start-app=true\n");
        setting.close();

        NativeHostProcess host(ARCANUM_BROWSER_HOST_PATH, env);
        BrowserTestClient client;
        const auto first = parseJson(host.roundTrip(client.changePublicKeys()));
        QVERIFY(first.IsObject() && first.HasMember("errorCode") && first["errorCode"].IsInt());
        QCOMPARE(first["errorCode"].GetInt(), 5); // "not running"
        bool exchanged = false;
        for (int i = 0; i < 200 && !exchanged; ++i) {
            QTest::qWait(50);
            exchanged = client.acceptKeys(host.roundTrip(client.changePublicKeys()));
        }
        QVERIFY2(exchanged, "the app the host started never answered");

        // End the app the host started (its pid from the socket's peer credentials).
        const QByteArray path =
            (runtime + "/app/org.arcanum.Arcanum/autofill.socket").toLocal8Bit();
        const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.constData(), sizeof address.sun_path - 1);
        QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
        ucred peer{};
        socklen_t length = sizeof peer;
        QCOMPARE(getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length), 0);
        close(fd);
        QVERIFY(peer.pid > 0);
        QCOMPARE(::kill(peer.pid, SIGTERM), 0);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(peer.pid, 0) != 0, 10000); // gone (the host reaps it)
    }
};

QTEST_GUILESS_MAIN(TestBrowserAutofillEndToEnd)
#include "TestBrowserAutofillEndToEnd.moc"
