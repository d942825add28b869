// Tests for AutofillServer: the KeePassXC-Browser protocol end to end, in process, with a
// libsodium client playing the extension (BrowserTestClient) and a scripted user
// (ScriptedPrompter). Covers every action, the questions to the user, locking, and the
// negative cases: unassociated client, wrong key, replayed and reflected nonces, malformed
// JSON, several frames in one read, oversized and truncated frames.
#include "AutofillTestSupport.h"
#include "TestSupport.h"
#include "autofill/DatabaseHash.h"
#include "autofill/LoginActions.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

const char* const knownHash = "d65df89f702eec58ca3c7bf2001c9ffc7cd80553ae01d42a799ba26756142d96";

struct Harness
{
    RecordingTransport transport;
    std::vector<std::string> logLines;
    int unlockRequests = 0;
    AutofillServer server{transport, options()};
    MemoryAutofillVault vault;
    ScriptedPrompter prompter;
    ConnectionId connection = 0;
    BrowserTestClient client;

    AutofillServer::Options options()
    {
        AutofillServer::Options o;
        o.log = [this](const std::string& line) {
            logLines.push_back(line);
        };
        o.unlockRequested = [this] {
            ++unlockRequests;
        };
        return o;
    }

    Harness()
    {
        server.setPrompter(&prompter);
        server.setVault(&vault);
        connection = server.openConnection();
    }

    void send(const std::string& json) { server.receive(connection, frame(json)); }
    std::string roundTrip(const std::string& json)
    {
        send(json);
        return transport.next(connection);
    }
    bool exchangeKeys() { return client.acceptKeys(roundTrip(client.changePublicKeys())); }
    // Keys exchanged and the browser associated as `name` (the user accepts).
    bool associated(const std::string& name = "laptop firefox")
    {
        answerEverything(prompter, server, name, SiteAnswer::AllowOnce);
        prompter.onSiteAccess = nullptr;
        return exchangeKeys() && client.open(roundTrip(client.associate())).has_value();
    }
    // The decrypted reply to `request`, parsed; a null document when it was an error.
    rapidjson::Document encrypted(const std::string& request)
    {
        const auto text = client.open(roundTrip(request));
        return text ? parseJson(*text) : rapidjson::Document();
    }
};

std::string errorCode(const std::string& reply)
{
    return field(parseJson(reply), "errorCode");
}

} // namespace

class TestAutofillServer : public QObject
{
    Q_OBJECT

private slots:
    void keyExchange()
    {
        Harness h;
        const std::string reply = h.roundTrip(h.client.changePublicKeys());
        const auto json = parseJson(reply);
        QCOMPARE(field(json, "action"), std::string("change-public-keys"));
        QCOMPARE(field(json, "success"), std::string("true"));
        QCOMPARE(field(json, "version"), std::string("2.7.4"));
        QVERIFY(h.client.acceptKeys(reply)); // nonce + 1, a 32-byte key
        QCOMPARE(h.server.sessionCount(), std::size_t(1));
    }

    void keyExchangeNeedsAKeyAndANonce_data()
    {
        QTest::addColumn<QString>("json");
        QTest::newRow("no key")
            << R"({"action":"change-public-keys","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","clientID":"c"})";
        QTest::newRow("short key")
            << R"({"action":"change-public-keys","publicKey":"AAAA","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","clientID":"c"})";
        QTest::newRow("no nonce")
            << R"({"action":"change-public-keys","publicKey":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","clientID":"c"})";
        QTest::newRow("no client")
            << R"({"action":"change-public-keys","publicKey":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})";
    }
    void keyExchangeNeedsAKeyAndANonce()
    {
        QFETCH(QString, json);
        Harness h;
        const std::string reply = h.roundTrip(json.toStdString());
        QCOMPARE(errorCode(reply), std::string("3"));
        QCOMPARE(field(parseJson(reply), "action"), std::string("change-public-keys"));
        QCOMPARE(h.server.sessionCount(), std::size_t(0));
    }

    void databaseHashIsKeePassXCs()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        const auto reply = h.encrypted(h.client.request("get-databasehash"));
        QCOMPARE(field(reply, "hash"), std::string(knownHash));
        QCOMPARE(field(reply, "success"), std::string("true"));
        QCOMPARE(field(reply, "nonce"), h.client.lastNonce().incremented().toBase64());
        QCOMPARE(DatabaseHash::of(h.vault.identity()), std::string(knownHash));
    }

    void associateAsksTheUserAndStoresTheKey()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        answerEverything(h.prompter, h.server, "work laptop", SiteAnswer::AllowOnce);
        const auto reply = h.encrypted(h.client.associate());
        QCOMPARE(field(reply, "id"), std::string("work laptop"));
        QCOMPARE(field(reply, "hash"), std::string(knownHash));
        QCOMPARE(h.prompter.associationQuestions.size(), std::size_t(1));
        QCOMPARE(h.prompter.lastFingerprint.size(), std::size_t(39)); // "xxxx xxxx ... xxxx"
        QCOMPARE(h.prompter.lastFingerprint[4], ' ');
        QCOMPARE(h.vault.associations().count(), std::size_t(1));
        const auto stored = h.vault.associations().at(0);
        QCOMPARE(stringOf(stored.name), std::string("work laptop"));
        QCOMPARE(autofill::Base64::encode(stored.idKey.bytes()), h.client.idKey());
        QCOMPARE(h.vault.commits, 1);
        QCOMPARE(h.server.pendingCount(), std::size_t(0));
    }

    void associationWaitsForTheAnswer()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        h.send(h.client.associate());
        QCOMPARE(h.transport.next(h.connection), std::string()); // nothing yet
        QCOMPARE(h.server.pendingCount(), std::size_t(1));
        h.server.answerAssociation(h.prompter.associationQuestions.at(0), spanOf("later"));
        const auto text = h.client.open(h.transport.next(h.connection));
        QVERIFY(text);
        QCOMPARE(field(parseJson(*text), "id"), std::string("later"));
        // A second answer to the same question is ignored.
        h.server.answerAssociation(h.prompter.associationQuestions.at(0), spanOf("again"));
        QCOMPARE(h.transport.next(h.connection), std::string());
    }

    void refusedAssociation()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        h.prompter.onAssociation = [&](DecisionId id, const AssociationQuestion&) {
            h.server.answerAssociation(id, {});
        };
        QCOMPARE(errorCode(h.roundTrip(h.client.associate())), std::string("6"));
        QCOMPARE(h.vault.associations().count(), std::size_t(0));
    }

    void withoutAPrompterNothingIsAssociated()
    {
        Harness h;
        h.server.setPrompter(nullptr);
        QVERIFY(h.exchangeKeys());
        QCOMPARE(errorCode(h.roundTrip(h.client.associate())), std::string("6"));
        QCOMPARE(h.vault.associations().count(), std::size_t(0));
    }

    void associateWithAnotherSessionKeyFails()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        BrowserTestClient other;
        const std::string request = h.client.request(
            "associate", {{"key", other.publicKey()}, {"idKey", h.client.idKey()}});
        QCOMPARE(errorCode(h.roundTrip(request)), std::string("8"));
        QVERIFY(h.prompter.associationQuestions.empty());
    }

    void testAssociate()
    {
        Harness h;
        QVERIFY(h.associated("laptop"));
        // A later session of the same browser (new session key, same identification key).
        const auto ok = h.encrypted(h.client.testAssociate("laptop"));
        QCOMPARE(field(ok, "id"), std::string("laptop"));
        QCOMPARE(field(ok, "hash"), std::string(knownHash));
        QCOMPARE(errorCode(h.roundTrip(h.client.testAssociate("desktop"))), std::string("8"));
        BrowserTestClient stranger;
        const std::string wrongKey =
            h.client.request("test-associate", {{"id", "laptop"}, {"key", stranger.idKey()}});
        QCOMPARE(errorCode(h.roundTrip(wrongKey)), std::string("8"));
    }

    void unassociatedClientGetsNothing()
    {
        Harness h;
        h.vault.addLogin("Example", "alice", "hunter2", "https://example.com");
        QVERIFY(h.exchangeKeys());
        QCOMPARE(errorCode(h.roundTrip(h.client.getLogins("https://example.com/", "x"))),
                 std::string("8"));
        QCOMPARE(
            errorCode(h.roundTrip(h.client.request(
                "set-login", {{"url", "https://example.com"}, {"login", "a"}, {"password", "b"}}))),
            std::string("8"));
        QCOMPARE(errorCode(h.roundTrip(h.client.request("get-database-groups"))), std::string("8"));
        QVERIFY(h.prompter.siteQuestions.empty());
    }

    void getLoginsAsksOnceThenRemembers()
    {
        Harness h;
        const EntryId id = h.vault.addLogin("Example", "alice", "hunter2", "https://example.com",
                                            "JBSWY3DPEHPK3PXP");
        QVERIFY(h.associated("laptop"));
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::AllowAlways);

        const auto reply = h.encrypted(h.client.getLogins("https://example.com/login", "laptop"));
        QVERIFY(reply.IsObject());
        QCOMPARE(h.prompter.siteQuestions.size(), std::size_t(1));
        QCOMPARE(h.prompter.lastOrigin, std::string("https://example.com"));
        QCOMPARE(h.prompter.lastEntries, std::vector<EntryId>{id});
        QVERIFY(reply["count"].IsNumber()); // a number, as KeePassXC sends it
        QCOMPARE(reply["count"].GetInt(), 1);
        const auto& entry = reply["entries"][0];
        QCOMPARE(field(entry, "login"), std::string("alice"));
        QCOMPARE(field(entry, "password"), std::string("hunter2"));
        QCOMPARE(field(entry, "name"), std::string("Example"));
        QCOMPARE(field(entry, "uuid"), LoginActions::uuidText(id));
        QCOMPARE(field(entry, "uuid").size(), std::size_t(32));
        QCOMPARE(field(entry, "group"), std::string("Root"));
        QCOMPARE(field(entry, "totp"), std::string("123456"));
        QVERIFY(entry["stringFields"].IsArray());
        QCOMPARE(field(reply, "hash"), std::string(knownHash));
        QCOMPARE(field(reply, "id"), std::string("laptop"));

        // Remembered: no second question.
        QVERIFY(h.encrypted(h.client.getLogins("https://example.com/", "laptop")).IsObject());
        QCOMPARE(h.prompter.siteQuestions.size(), std::size_t(1));
        QCOMPARE(h.vault.siteAccess().access(id, spanOf("https://example.com")),
                 SiteAccess::Allowed);
    }

    void allowOnceAsksAgain()
    {
        Harness h;
        h.vault.addLogin("Example", "alice", "hunter2", "https://example.com");
        QVERIFY(h.associated("laptop"));
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::AllowOnce);
        QVERIFY(h.encrypted(h.client.getLogins("https://example.com/", "laptop")).IsObject());
        QVERIFY(h.encrypted(h.client.getLogins("https://example.com/", "laptop")).IsObject());
        QCOMPARE(h.prompter.siteQuestions.size(), std::size_t(2));
        QCOMPARE(h.vault.memoryAccess().decisionCount(), std::size_t(0));
    }

    void denyIsRemembered()
    {
        Harness h;
        const EntryId denied = h.vault.addLogin("A", "alice", "pa", "https://example.com");
        const EntryId allowed = h.vault.addLogin("B", "bob", "pb", "https://example.com");
        QVERIFY(h.associated("laptop"));
        h.prompter.onSiteAccess = [&](DecisionId id, const SiteAccessQuestion&) {
            const EntryDecision answers[] = {{denied, SiteAnswer::Deny},
                                             {allowed, SiteAnswer::AllowAlways}};
            h.server.answerSiteAccess(id, answers);
        };
        auto reply = h.encrypted(h.client.getLogins("https://example.com/", "laptop"));
        QCOMPARE(reply["count"].GetInt(), 1);
        QCOMPARE(field(reply["entries"][0], "login"), std::string("bob"));
        reply = h.encrypted(h.client.getLogins("https://example.com/", "laptop"));
        QCOMPARE(reply["count"].GetInt(), 1);
        QCOMPARE(h.prompter.siteQuestions.size(), std::size_t(1)); // both decided now
    }

    void deniedEverythingIsNoLogins()
    {
        Harness h;
        h.vault.addLogin("A", "alice", "pa", "https://example.com");
        QVERIFY(h.associated("laptop"));
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::Deny);
        QCOMPARE(errorCode(h.roundTrip(h.client.getLogins("https://example.com/", "laptop"))),
                 std::string("15"));
        QCOMPARE(errorCode(h.roundTrip(h.client.getLogins("https://example.com/", "laptop"))),
                 std::string("15"));
        QCOMPARE(h.prompter.siteQuestions.size(), std::size_t(1));
    }

    void getLoginsNeedsTheAssociationKey()
    {
        Harness h;
        h.vault.addLogin("A", "alice", "pa", "https://example.com");
        QVERIFY(h.associated("laptop"));
        // Associated session, but the keys list names an association that does not exist.
        QCOMPARE(errorCode(h.roundTrip(h.client.getLogins("https://example.com/", "other"))),
                 std::string("8"));
    }

    void bestMatchesFirst()
    {
        Harness h;
        h.vault.addLogin("Sub", "s", "p1", "https://example.com");
        h.vault.addLogin("Path", "p", "p2", "https://login.example.com/auth");
        h.vault.addLogin("Host", "h", "p3", "https://login.example.com");
        h.vault.addLogin("Other", "o", "p4", "https://example.org");
        QVERIFY(h.associated("laptop"));
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::AllowOnce);
        const auto reply =
            h.encrypted(h.client.getLogins("https://login.example.com/auth/form", "laptop"));
        QCOMPARE(reply["count"].GetInt(), 3);
        QCOMPARE(field(reply["entries"][0], "name"), std::string("Path"));
        QCOMPARE(field(reply["entries"][1], "name"), std::string("Host"));
        QCOMPARE(field(reply["entries"][2], "name"), std::string("Sub"));
    }

    void formSendingElsewhereIsAskedFor()
    {
        Harness h;
        const EntryId id = h.vault.addLogin("A", "alice", "pa", "https://example.com");
        QVERIFY(
            h.vault.siteAccess().setAccess(id, spanOf("https://example.com"), SiteAccess::Allowed));
        QVERIFY(h.associated("laptop"));
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::AllowOnce);
        QVERIFY(h.encrypted(h.client.getLogins("https://example.com/", "laptop",
                                               "https://collector.example.net/post"))
                    .IsObject());
        QCOMPARE(h.prompter.siteQuestions.size(), std::size_t(1));
        QCOMPARE(h.prompter.lastSubmitOrigin, std::string("https://collector.example.net"));
        // Same origin form: allowed without a question.
        QVERIFY(h.encrypted(h.client.getLogins("https://example.com/", "laptop",
                                               "https://example.com/post"))
                    .IsObject());
        QCOMPARE(h.prompter.siteQuestions.size(), std::size_t(1));
    }

    void hiddenAndHttpRules()
    {
        Harness h;
        const EntryId hidden = h.vault.addLogin("Hidden", "h", "p", "https://example.com");
        const EntryId plain = h.vault.addLogin("Plain", "p", "p", "example.com");
        const EntryId http = h.vault.addLogin("Http", "x", "p", "example.com");
        h.vault.memoryAccess().setFlags(hidden, {false, true});
        h.vault.memoryAccess().setFlags(http, {true, false});
        QVERIFY(h.associated("laptop"));
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::AllowOnce);
        auto reply = h.encrypted(h.client.getLogins("https://example.com/", "laptop"));
        QCOMPARE(reply["count"].GetInt(), 2); // not the hidden one
        reply = h.encrypted(h.client.getLogins("http://example.com/", "laptop"));
        QCOMPARE(reply["count"].GetInt(), 1); // only the one allowed on http
        QCOMPARE(field(reply["entries"][0], "name"), std::string("Http"));
        Q_UNUSED(plain);
    }

    void setLoginCreatesAnEntry()
    {
        Harness h;
        QVERIFY(h.associated("laptop"));
        const auto reply = h.encrypted(
            h.client.request("set-login", {{"url", "https://shop.example.com/signup"},
                                           {"submitUrl", "https://shop.example.com/signup"},
                                           {"id", "laptop"},
                                           {"login", "carol"},
                                           {"password", "n3w-pässword"}}));
        QCOMPARE(field(reply, "error"), std::string("success"));
        QVERIFY(reply["count"].IsNull());
        const VaultContents& contents = h.vault.contents();
        QCOMPARE(contents.entryCount(), std::size_t(1));
        const EntryView entry = contents.entry(0);
        QCOMPARE(stringOf(entry.title()), std::string("shop.example.com"));
        QCOMPARE(stringOf(entry.password()), std::string("n3w-pässword")); // non-ASCII kept
        QCOMPARE(stringOf(entry.url()), std::string("https://shop.example.com/signup"));
        const auto group = contents.findGroup(entry.group());
        QVERIFY(group);
        QCOMPARE(stringOf(contents.group(*group).name()),
                 std::string(LoginActions::defaultGroupName));
        // Allowed for its site at once: no question on the next visit.
        QVERIFY(h.encrypted(h.client.getLogins("https://shop.example.com/", "laptop")).IsObject());
        QVERIFY(h.prompter.siteQuestions.empty());
        // A second new login reuses the group.
        QVERIFY(h.encrypted(h.client.request("set-login", {{"url", "https://b.example.com/"},
                                                           {"login", "d"},
                                                           {"password", "e"}}))
                    .IsObject());
        QCOMPARE(contents.groupCount(), std::size_t(1));
    }

    void setLoginUpdatesOnlyWhatThePageWasGiven()
    {
        Harness h;
        const EntryId id = h.vault.addLogin("A", "alice", "old", "https://example.com");
        const EntryId other = h.vault.addLogin("B", "bob", "keep", "https://other.example");
        QVERIFY(h.associated("laptop"));
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::AllowOnce);
        const std::string update =
            h.client.request("set-login", {{"url", "https://example.com/"},
                                           {"uuid", LoginActions::uuidText(id)},
                                           {"login", "alice"},
                                           {"password", "new"}});
        QCOMPARE(errorCode(h.roundTrip(update)), std::string("6")); // not given yet
        QVERIFY(h.encrypted(h.client.getLogins("https://example.com/", "laptop")).IsObject());
        const auto reply =
            h.encrypted(h.client.request("set-login", {{"url", "https://example.com/"},
                                                       {"uuid", LoginActions::uuidText(id)},
                                                       {"login", "alice"},
                                                       {"password", "new"}}));
        QCOMPARE(field(reply, "error"), std::string("success"));
        const EntryView entry = h.vault.contents().entry(*h.vault.contents().findEntry(id));
        QCOMPARE(stringOf(entry.password()), std::string("new"));
        QCOMPARE(entry.historyCount(), std::size_t(1));
        // Another entry, never given to this page, cannot be overwritten through it.
        const std::string foreign =
            h.client.request("set-login", {{"url", "https://example.com/"},
                                           {"uuid", LoginActions::uuidText(other)},
                                           {"login", "x"},
                                           {"password", "y"}});
        QCOMPARE(errorCode(h.roundTrip(foreign)), std::string("6"));
        QCOMPARE(errorCode(h.roundTrip(h.client.request(
                     "set-login", {{"url", "https://example.com/"}, {"uuid", "nonsense"}}))),
                 std::string("18"));
    }

    void generatePassword()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        h.vault.generator.length = 33;
        const auto reply = h.encrypted(h.client.requestRaw(
            "generate-password",
            jsonObject({{"action", "generate-password"}, {"requestID", "abcd1234"}}), std::nullopt,
            {{"requestID", "abcd1234"}}));
        QCOMPARE(field(reply, "password").size(), std::size_t(33));
        QCOMPARE(h.vault.contents().entryCount(), std::size_t(0));
    }

    void getTotp()
    {
        Harness h;
        const EntryId id = h.vault.addLogin("A", "alice", "p", "https://example.com", "SECRET");
        QVERIFY(h.associated("laptop"));
        const std::string request =
            h.client.request("get-totp", {{"uuid", LoginActions::uuidText(id)}});
        QCOMPARE(errorCode(h.roundTrip(request)), std::string("6")); // not given to this browser
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::AllowOnce);
        QVERIFY(h.encrypted(h.client.getLogins("https://example.com/", "laptop")).IsObject());
        const auto reply =
            h.encrypted(h.client.request("get-totp", {{"uuid", LoginActions::uuidText(id)}}));
        QCOMPARE(field(reply, "totp"), std::string("123456"));
        QCOMPARE(errorCode(h.roundTrip(h.client.request("get-totp", {{"uuid", "zz"}}))),
                 std::string("18"));
    }

    void groups()
    {
        Harness h;
        QVERIFY(h.associated("laptop"));
        auto reply =
            h.encrypted(h.client.request("create-new-group", {{"groupName", "Web/Shops"}}));
        QCOMPARE(field(reply, "name"), std::string("Shops"));
        const std::string uuid = field(reply, "uuid");
        QCOMPARE(h.vault.contents().groupCount(), std::size_t(2));
        reply = h.encrypted(h.client.request("create-new-group", {{"groupName", "Web/Shops"}}));
        QCOMPARE(field(reply, "uuid"), uuid); // found, not created again
        QCOMPARE(h.vault.contents().groupCount(), std::size_t(2));
        QCOMPARE(
            errorCode(h.roundTrip(h.client.request("create-new-group", {{"groupName", "//"}}))),
            std::string("17"));

        reply = h.encrypted(h.client.request("get-database-groups"));
        const auto& root = reply["groups"][0];
        QCOMPARE(field(root, "name"), std::string("Root"));
        QCOMPARE(field(root, "uuid"), DatabaseHash::hex(h.vault.identity()));
        QCOMPARE(field(root["children"][0], "name"), std::string("Web"));
        QCOMPARE(field(root["children"][0]["children"][0], "name"), std::string("Shops"));
        QCOMPARE(field(root["children"][0]["children"][0], "uuid"), uuid);

        // A login saved into the chosen group.
        QVERIFY(h.encrypted(h.client.request("set-login", {{"url", "https://example.com/"},
                                                           {"login", "a"},
                                                           {"password", "b"},
                                                           {"group", "Shops"},
                                                           {"groupUuid", uuid}}))
                    .IsObject());
        QCOMPARE(LoginActions::uuidText(h.vault.contents().entry(0).group()), uuid);
    }

    void lockDatabaseAndTheLockedError()
    {
        Harness h;
        h.vault.addLogin("A", "alice", "p", "https://example.com");
        QVERIFY(h.associated("laptop"));
        QCOMPARE(field(h.encrypted(h.client.request("lock-database")), "success"),
                 std::string("true"));
        QCOMPARE(h.vault.lockRequests, 1);

        h.server.setVault(nullptr); // what the app does when it locks
        QCOMPARE(field(parseJson(h.transport.next(h.connection)), "action"),
                 std::string("database-locked"));
        QVERIFY(h.server.lockedKeyArena() != nullptr);
        QCOMPARE(h.server.lockedKeyArena()->protectionLevel(), ProtectionLevel::LockedMemory);
        for (const char* action : {"get-logins", "get-databasehash", "generate-password"}) {
            const std::string reply = h.roundTrip(h.client.request(action));
            QCOMPARE(errorCode(reply), std::string("1"));
            QCOMPARE(field(parseJson(reply), "action"), std::string(action));
        }
        QCOMPARE(h.unlockRequests, 0);
        QCOMPARE(errorCode(h.roundTrip(h.client.requestRaw(
                     "get-databasehash", jsonObject({{"action", "get-databasehash"}}), std::nullopt,
                     {{"triggerUnlock", "true"}}))),
                 std::string("1"));
        QCOMPARE(h.unlockRequests, 1);

        // Unlocked again: the same keys work, but the association must be proven again.
        h.server.setVault(&h.vault);
        QCOMPARE(field(parseJson(h.transport.next(h.connection)), "action"),
                 std::string("database-unlocked"));
        QVERIFY(h.server.lockedKeyArena() == nullptr);
        QCOMPARE(field(h.encrypted(h.client.request("get-databasehash")), "hash"),
                 std::string(knownHash));
        QCOMPARE(errorCode(h.roundTrip(h.client.getLogins("https://example.com/", "laptop"))),
                 std::string("8"));
        QVERIFY(h.encrypted(h.client.testAssociate("laptop")).IsObject());
        answerEverything(h.prompter, h.server, "laptop", SiteAnswer::AllowOnce);
        QVERIFY(h.encrypted(h.client.getLogins("https://example.com/", "laptop")).IsObject());
    }

    void keyExchangeWhileLocked()
    {
        Harness h;
        h.server.setVault(nullptr);
        QCOMPARE(field(parseJson(h.transport.next(h.connection)), "action"),
                 std::string("database-locked"));
        QVERIFY(h.exchangeKeys());
        QCOMPARE(h.server.lockedKeyArena()->protectionLevel(), ProtectionLevel::LockedMemory);
        h.server.setVault(&h.vault);
        QCOMPARE(field(parseJson(h.transport.next(h.connection)), "action"),
                 std::string("database-unlocked"));
        QVERIFY(h.server.lockedKeyArena() == nullptr);
        QVERIFY(h.encrypted(h.client.request("get-databasehash")).IsObject());
    }

    void lockingAnswersWaitingRequests()
    {
        Harness h;
        h.vault.addLogin("A", "alice", "p", "https://example.com");
        QVERIFY(h.associated("laptop"));
        h.prompter.onSiteAccess = nullptr; // the user has not answered yet
        h.send(h.client.getLogins("https://example.com/", "laptop"));
        QCOMPARE(h.server.pendingCount(), std::size_t(1));
        h.server.setVault(nullptr);
        QCOMPARE(errorCode(h.transport.next(h.connection)), std::string("1"));
        QCOMPARE(h.prompter.withdrawn, h.prompter.siteQuestions);
        QCOMPARE(h.server.pendingCount(), std::size_t(0));
        // A late answer is ignored.
        h.server.answerSiteAccess(h.prompter.siteQuestions.at(0), {});
        QCOMPARE(field(parseJson(h.transport.next(h.connection)), "action"),
                 std::string("database-locked"));
        QCOMPARE(h.transport.next(h.connection), std::string());
    }

    void closingAConnectionWithdrawsItsQuestions()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        h.send(h.client.associate());
        QCOMPARE(h.server.pendingCount(), std::size_t(1));
        h.server.closeConnection(h.connection);
        QCOMPARE(h.server.pendingCount(), std::size_t(0));
        QCOMPARE(h.prompter.withdrawn.size(), std::size_t(1));
        QCOMPARE(h.server.sessionCount(), std::size_t(0));
    }

    void replayedNonceIsRefused()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        const std::string request = h.client.request("get-databasehash");
        QVERIFY(h.client.open(h.roundTrip(request)));
        const std::string replay = h.roundTrip(request);
        QCOMPARE(errorCode(replay), std::string("4"));
        QVERIFY(field(parseJson(replay), "error").find("replayed") != std::string::npos);
        QVERIFY(h.encrypted(h.client.request("get-databasehash")).IsObject());
    }

    void reflectedReplyIsRefused()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        const std::string reply = h.roundTrip(h.client.request("get-databasehash"));
        auto json = parseJson(reply);
        // The reply, sent back as a request: it decrypts with the shared key, but its nonce
        // was the server's own.
        const std::string reflected = jsonObject({{"action", "get-databasehash"},
                                                  {"message", field(json, "message")},
                                                  {"nonce", field(json, "nonce")},
                                                  {"clientID", h.client.clientId}});
        QCOMPARE(errorCode(h.roundTrip(reflected)), std::string("4"));
    }

    void wrongKeyCannotDecrypt()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        BrowserTestClient impostor;
        impostor.clientId = h.client.clientId;
        QVERIFY(impostor.acceptKeys(h.roundTrip(impostor.changePublicKeys())) || true);
        // The impostor's key exchange replaced the session: the real client's messages fail.
        QCOMPARE(errorCode(h.roundTrip(h.client.request("get-databasehash"))), std::string("4"));
    }

    void unknownClientAndActions()
    {
        Harness h;
        QCOMPARE(errorCode(h.roundTrip(h.client.request("get-databasehash"))), std::string("3"));
        QVERIFY(h.exchangeKeys());
        const std::string autotype =
            h.roundTrip(h.client.request("request-autotype", {{"search", "example.com"}}));
        QCOMPARE(errorCode(autotype), std::string("12"));
        QCOMPARE(field(parseJson(autotype), "action"), std::string("request-autotype"));
        QCOMPARE(errorCode(h.roundTrip(h.client.request("delete-entry"))), std::string("12"));
        QCOMPARE(errorCode(h.roundTrip(R"({"clientID":"x"})")), std::string("12"));
    }

    void innerActionMustMatch()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        const std::string request =
            h.client.requestRaw("get-databasehash", jsonObject({{"action", "lock-database"}}));
        QCOMPARE(errorCode(h.roundTrip(request)), std::string("12"));
        QCOMPARE(h.vault.lockRequests, 0);
    }

    void malformedJsonThenTheChannelStillWorks_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("not json") << QByteArray("{not json");
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("nul inside") << QByteArray("{\"action\":\"x\"}\0{}", 16);
        QTest::newRow("deep") << QByteArray(5000, '[');
        QTest::newRow("bad utf-8") << QByteArray("{\"action\":\"\xff\"}");
        QTest::newRow("duplicate") << QByteArray(R"({"action":"a","action":"b"})");
        QTest::newRow("wrong type") << QByteArray(R"({"action":1})");
    }
    void malformedJsonThenTheChannelStillWorks()
    {
        QFETCH(QByteArray, bytes);
        Harness h;
        QVERIFY(h.exchangeKeys());
        const std::string reply = h.roundTrip(bytes.toStdString());
        QCOMPARE(errorCode(reply), std::string("13"));
        QVERIFY(h.encrypted(h.client.request("get-databasehash")).IsObject());
    }

    void malformedInnerMessage()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        QCOMPARE(errorCode(h.roundTrip(h.client.requestRaw("get-databasehash", "{\"action\":"))),
                 std::string("13"));
        QCOMPARE(errorCode(h.roundTrip(h.client.requestRaw("get-databasehash", "[]"))),
                 std::string("13"));
        QVERIFY(h.encrypted(h.client.request("get-databasehash")).IsObject());
    }

    void twoRequestsInOneWrite()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        const std::string first = h.client.request("get-databasehash");
        const BoxNonce firstNonce = h.client.lastNonce();
        const std::string second = h.client.request("generate-password");
        auto bytes = frame(first);
        const auto more = frame(second);
        bytes.insert(bytes.end(), more.begin(), more.end());
        h.server.receive(h.connection, bytes);
        const std::string a = h.transport.next(h.connection);
        const std::string b = h.transport.next(h.connection);
        QCOMPARE(field(parseJson(a), "nonce"), firstNonce.incremented().toBase64());
        QVERIFY(h.client.open(b)); // the last request's reply
    }

    void oneByteAtATime()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        const auto bytes = frame(h.client.request("get-databasehash"));
        for (std::uint8_t byte : bytes)
            h.server.receive(h.connection, {&byte, 1});
        QVERIFY(h.client.open(h.transport.next(h.connection)));
    }

    void oversizedFrameIsSkipped()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        const std::uint32_t length = 2 * 1024 * 1024;
        std::vector<std::uint8_t> bytes = {std::uint8_t(length), std::uint8_t(length >> 8),
                                           std::uint8_t(length >> 16), std::uint8_t(length >> 24)};
        bytes.resize(4 + length, '{');
        const auto valid = frame(h.client.request("get-databasehash"));
        bytes.insert(bytes.end(), valid.begin(), valid.end());
        h.server.receive(h.connection, bytes);
        QCOMPARE(errorCode(h.transport.next(h.connection)), std::string("13"));
        QVERIFY(h.client.open(h.transport.next(h.connection)));
        QVERIFY(!h.logLines.empty());
    }

    void truncatedFrameAtTheEnd()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        auto bytes = frame(h.client.request("get-databasehash"));
        bytes.resize(bytes.size() / 2);
        h.server.receive(h.connection, bytes);
        QCOMPARE(h.transport.next(h.connection), std::string());
        h.server.closeConnection(h.connection);
        QVERIFY(h.logLines.back().find("inside a message") != std::string::npos);
        QCOMPARE(h.server.connectionCount(), std::size_t(0));
    }

    void errorsEchoTheRequestId()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        h.server.setVault(nullptr);
        h.transport.messages.clear();
        const std::string reply = h.roundTrip(
            h.client.requestRaw("generate-password", jsonObject({{"action", "generate-password"}}),
                                std::nullopt, {{"requestID", "r3q1d"}}));
        QCOMPARE(field(parseJson(reply), "requestID"), std::string("r3q1d"));
        QVERIFY(!parseJson(reply).HasMember("nonce"));
    }

    void tooManyQuestionsAtOnce()
    {
        Harness h;
        QVERIFY(h.exchangeKeys());
        for (int i = 0; i < 16; ++i)
            h.send(h.client.associate());
        QCOMPARE(h.server.pendingCount(), std::size_t(16));
        QCOMPARE(errorCode(h.roundTrip(h.client.associate())), std::string("6"));
    }
};

QTEST_GUILESS_MAIN(TestAutofillServer)
#include "TestAutofillServer.moc"
