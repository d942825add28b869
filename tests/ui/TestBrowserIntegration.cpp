// Tests for BrowserIntegration: the app's browser server on the GUI thread, wired to a real
// VaultSession — a session through a real socket (key exchange, associate, get-logins, set-login
// saved to the vault file), the lock and unlock notifications, keys that survive a lock,
// lock-database from the browser, one server per socket, and the socket removed on stop.
#include "AutofillTestSupport.h"
#include "autofill/AutofillServer.h"
#include "autofill/BrowserIntegration.h"
#include "support/BrowserSocketClient.h"
#include "support/TestVault.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

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

        BrowserSocketClient socket(path);
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
        BrowserSocketClient socket(path);
        BrowserTestClient client;
        QVERIFY(client.acceptKeys(socket.roundTrip(client.changePublicKeys())));
        QCOMPARE(field(parseJson(socket.roundTrip(client.associate())), "errorCode"),
                 std::string("6"));
    }
};

QTEST_MAIN(TestBrowserIntegration)
#include "TestBrowserIntegration.moc"
