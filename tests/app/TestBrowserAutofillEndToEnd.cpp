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
#include "vault/Vault.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

constexpr const char* masterPassword = "e2e master password";

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

        reply = client.open(
            host.roundTrip(client.getLogins("https://example.com/login", "end-to-end")));
        QVERIFY(reply);
        auto logins = parseJson(*reply);
        QCOMPARE(field(logins["entries"][0], "login"), std::string("alice"));
        QCOMPARE(field(logins["entries"][0], "password"), std::string("hunter2"));

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
};

QTEST_GUILESS_MAIN(TestBrowserAutofillEndToEnd)
#include "TestBrowserAutofillEndToEnd.moc"
