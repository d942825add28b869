// Tests for BrowserPrompter with AssociationDialog and SiteAccessDialog, driven from a browser
// client on the app's real socket (BrowserIntegration) and a real VaultSession: the association
// is made only by the dialog's Connect (under the name the user typed, with the browser key's
// fingerprint shown) and saved in the vault file; Deny and Escape refuse it; the per-site
// question's three answers — Allow once (given, not remembered: asked again), Always allow
// (remembered and still there after the vault is reopened) and Deny (remembered: never offered
// again); a dismissed question gives nothing and remembers nothing; locking withdraws an open
// question (the dialog closes, the browser gets "locked"); a request while locked with
// triggerUnlock asks for the unlock window.
#include "AutofillTestSupport.h"
#include "SecretTestSupport.h"
#include "autofill/AssociationDialog.h"
#include "autofill/AutofillServer.h"
#include "autofill/BrowserIntegration.h"
#include "autofill/BrowserPrompter.h"
#include "autofill/KeyFingerprint.h"
#include "autofill/SiteAccessDialog.h"
#include "autofill/VaultSiteAccessStore.h"
#include "secret/SecretLabel.h"
#include "secret/SecretLineEdit.h"
#include "support/BrowserSocketClient.h"
#include "support/TestVault.h"

#include <QLabel>
#include <QPushButton>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

// The app's side (vault, server on a socket, prompter) and one connected browser.
struct Setup
{
    std::unique_ptr<TestVault> vault = TestVault::created();
    QTemporaryDir runtime;
    std::unique_ptr<BrowserIntegration> integration;
    std::unique_ptr<BrowserPrompter> prompter;
    std::unique_ptr<BrowserSocketClient> socket;
    BrowserTestClient client;
    EntryId entry;

    bool start()
    {
        if (!vault)
            return false;
        entry = vault->addEntry("Example", "alice", "hunter2", {"https://example.com"});
        integration = std::make_unique<BrowserIntegration>(&vault->session());
        if (!integration->start(runtime.filePath("app/autofill.socket")))
            return false;
        prompter = std::make_unique<BrowserPrompter>(integration.get(), &vault->session());
        socket = std::make_unique<BrowserSocketClient>(integration->socketPath());
        return socket->connected() &&
               client.acceptKeys(socket->roundTrip(client.changePublicKeys()));
    }

    template <typename Dialog>
    Dialog* waitForDialog()
    {
        for (int i = 0; i < 250 && prompter->openDialogs() == 0; ++i)
            QTest::qWait(20);
        return qobject_cast<Dialog*>(prompter->latestDialog());
    }

    // Associates under `name` through the dialog.
    bool associate(const char* name)
    {
        socket->send(client.associate());
        auto* dialog = waitForDialog<AssociationDialog>();
        if (dialog == nullptr)
            return false;
        dialog->nameEdit()->selectAll();
        QTest::keyClicks(dialog->nameEdit(), QString::fromUtf8(name));
        dialog->connectButton()->click();
        return client.open(socket->next()).has_value();
    }
};

std::string fingerprintOf(const BrowserTestClient& client, SecretArena& arena)
{
    const auto key = Base64::decode(client.idKey());
    auto text = KeyFingerprint::of(SecretSpan(key->data(), key->size()), arena);
    return stringOf(text->span());
}

} // namespace

class TestBrowserPrompter : public QObject
{
    Q_OBJECT

private slots:
    void connectAssociatesUnderTheTypedNameAndSavesIt()
    {
        Setup s;
        QVERIFY(s.start());
        s.socket->send(s.client.associate());
        auto* dialog = s.waitForDialog<AssociationDialog>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        // The browser key's fingerprint, as KeyFingerprint writes it: eight groups of four.
        const std::string expected = fingerprintOf(s.client, s.vault->arena());
        QCOMPARE(dialog->fingerprintLabel()->text().toStdString(), expected);
        QCOMPARE(dialog->fingerprintLabel()->text().size(), 39);
        // A suggested name is there and selected: typing replaces it.
        QCOMPARE_TEXT(dialog->nameEdit()->text(),
                      AssociationDialog::suggestedName().toUtf8().constData());
        QVERIFY(dialog->connectButton()->isDefault());
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Work laptop"));
        QTest::keyClick(dialog->nameEdit(), Qt::Key_Return); // keyboard: Return connects
        const auto reply = s.client.open(s.socket->next());
        QVERIFY(reply);
        QCOMPARE(field(parseJson(*reply), "id"), std::string("Work laptop"));
        QCOMPARE(s.prompter->openDialogs(), std::size_t(0));

        const auto saved = s.vault->reopen();
        QCOMPARE(saved->contents().associationCount(), std::size_t(1));
        QCOMPARE(stringOf(saved->contents().association(0).name()), std::string("Work laptop"));
        // And the browser is known: test-associate passes.
        QVERIFY(s.client.open(s.socket->roundTrip(s.client.testAssociate("Work laptop"))));
    }

    void denyRefusesAndStoresNothing()
    {
        Setup s;
        QVERIFY(s.start());
        s.socket->send(s.client.associate());
        auto* dialog = s.waitForDialog<AssociationDialog>();
        QVERIFY(dialog);
        dialog->denyButton()->click();
        QCOMPARE(field(parseJson(s.socket->next()), "errorCode"), std::string("6"));
        QCOMPARE(s.vault->contents().associationCount(), std::size_t(0));
        QCOMPARE(s.vault->reopen()->contents().associationCount(), std::size_t(0));
    }

    void escapeRefusesToo()
    {
        Setup s;
        QVERIFY(s.start());
        s.socket->send(s.client.associate());
        auto* dialog = s.waitForDialog<AssociationDialog>();
        QVERIFY(dialog);
        QTest::keyClick(dialog, Qt::Key_Escape);
        QCOMPARE(field(parseJson(s.socket->next()), "errorCode"), std::string("6"));
        QCOMPARE(s.vault->contents().associationCount(), std::size_t(0));
    }

    void anEmptyNameCannotConnect()
    {
        Setup s;
        QVERIFY(s.start());
        s.socket->send(s.client.associate());
        auto* dialog = s.waitForDialog<AssociationDialog>();
        QVERIFY(dialog);
        dialog->nameEdit()->selectAll();
        QTest::keyClick(dialog->nameEdit(), Qt::Key_Backspace);
        QVERIFY(!dialog->connectButton()->isEnabled());
        QTest::keyClick(dialog->nameEdit(), Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QCOMPARE(s.prompter->openDialogs(), std::size_t(1));
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("x"));
        QVERIFY(dialog->connectButton()->isEnabled());
        dialog->connectButton()->click();
        QVERIFY(s.client.open(s.socket->next()));
    }

    void allowOnceGivesTheEntryWithoutRememberingIt()
    {
        Setup s;
        QVERIFY(s.start());
        QVERIFY(s.associate("browser"));
        s.socket->send(s.client.getLogins("https://example.com/login", "browser"));
        auto* dialog = s.waitForDialog<SiteAccessDialog>();
        QVERIFY(dialog);
        QCOMPARE_TEXT(dialog->originLabel()->text(), "https://example.com");
        QCOMPARE(dialog->entryLabels().size(), std::size_t(2)); // title, user name
        QCOMPARE_TEXT(dialog->entryLabels()[0]->text(), "Example");
        QCOMPARE_TEXT(dialog->entryLabels()[1]->text(), "alice");
        QVERIFY(dialog->allowOnceButton()->isDefault());
        dialog->allowOnceButton()->click();
        auto reply = s.client.open(s.socket->next());
        QVERIFY(reply);
        QCOMPARE(field(parseJson(*reply)["entries"][0], "password"), std::string("hunter2"));
        VaultSiteAccessStore store(s.vault->contents());
        QCOMPARE(store.access(s.entry, s.vault->secret("https://example.com").span()),
                 SiteAccess::Unknown);
        // Asked again next time.
        s.socket->send(s.client.getLogins("https://example.com/login", "browser"));
        dialog = s.waitForDialog<SiteAccessDialog>();
        QVERIFY(dialog);
        dialog->allowOnceButton()->click();
        reply = s.client.open(s.socket->next());
        QVERIFY(reply);
        QCOMPARE(field(parseJson(*reply)["entries"][0], "login"), std::string("alice"));
    }

    void alwaysAllowIsRememberedInTheVaultFile()
    {
        Setup s;
        QVERIFY(s.start());
        QVERIFY(s.associate("browser"));
        s.socket->send(s.client.getLogins("https://example.com/", "browser"));
        auto* dialog = s.waitForDialog<SiteAccessDialog>();
        QVERIFY(dialog);
        dialog->allowAlwaysButton()->click();
        auto reply = s.client.open(s.socket->next());
        QVERIFY(reply);
        QCOMPARE(field(parseJson(*reply)["entries"][0], "login"), std::string("alice"));
        // Not asked again.
        reply = s.client.open(
            s.socket->roundTrip(s.client.getLogins("https://example.com/", "browser")));
        QVERIFY(reply);
        QCOMPARE(s.prompter->openDialogs(), std::size_t(0));
        // Saved with the vault.
        const auto saved = s.vault->reopen();
        VaultSiteAccessStore store(saved->contents());
        QCOMPARE(store.access(s.entry, secret(saved->arena(), "https://example.com").span()),
                 SiteAccess::Allowed);
    }

    void denyIsRememberedInTheVaultFile()
    {
        Setup s;
        QVERIFY(s.start());
        QVERIFY(s.associate("browser"));
        s.socket->send(s.client.getLogins("https://example.com/", "browser"));
        auto* dialog = s.waitForDialog<SiteAccessDialog>();
        QVERIFY(dialog);
        dialog->denyButton()->click();
        auto answer = parseJson(s.socket->next());
        QCOMPARE(field(answer, "errorCode"), std::string("15")); // no logins for the page
        // Never offered again, and not asked.
        answer =
            parseJson(s.socket->roundTrip(s.client.getLogins("https://example.com/", "browser")));
        QCOMPARE(field(answer, "errorCode"), std::string("15"));
        QCOMPARE(s.prompter->openDialogs(), std::size_t(0));
        const auto saved = s.vault->reopen();
        VaultSiteAccessStore store(saved->contents());
        QCOMPARE(store.access(s.entry, secret(saved->arena(), "https://example.com").span()),
                 SiteAccess::Denied);
    }

    void aDismissedQuestionGivesAndRemembersNothing()
    {
        Setup s;
        QVERIFY(s.start());
        QVERIFY(s.associate("browser"));
        s.socket->send(s.client.getLogins("https://example.com/", "browser"));
        auto* dialog = s.waitForDialog<SiteAccessDialog>();
        QVERIFY(dialog);
        QTest::keyClick(dialog, Qt::Key_Escape);
        QVERIFY(dialog->dismissed());
        QCOMPARE(field(parseJson(s.socket->next()), "errorCode"), std::string("15"));
        VaultSiteAccessStore store(s.vault->contents());
        QCOMPARE(store.access(s.entry, s.vault->secret("https://example.com").span()),
                 SiteAccess::Unknown);
    }

    void lockingWithdrawsAnOpenQuestion()
    {
        Setup s;
        QVERIFY(s.start());
        s.socket->send(s.client.associate());
        QPointer<QDialog> dialog = s.waitForDialog<AssociationDialog>();
        QVERIFY(dialog);
        s.vault->session().lock();
        // The browser hears "locked" for its request (and the broadcast).
        QCOMPARE(field(parseJson(s.socket->next()), "errorCode"), std::string("1"));
        QCOMPARE(s.prompter->openDialogs(), std::size_t(0));
        QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());
    }

    void aLockedRequestAsksForTheUnlockWindow()
    {
        Setup s;
        QVERIFY(s.start());
        QSignalSpy unlock(s.integration.get(), &BrowserIntegration::unlockRequested);
        s.vault->session().lock();
        QCOMPARE(field(parseJson(s.socket->next()), "action"), std::string("database-locked"));
        const std::string inner = R"({"action":"get-databasehash"})";
        const auto reply = parseJson(s.socket->roundTrip(
            s.client.requestRaw("get-databasehash", inner, {}, {{"triggerUnlock", "true"}})));
        QCOMPARE(field(reply, "errorCode"), std::string("1"));
        QCOMPARE(unlock.count(), 1);
    }
};

QTEST_MAIN(TestBrowserPrompter)
#include "TestBrowserPrompter.moc"
