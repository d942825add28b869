// Tests for BrowserSettingsPage (Settings → Browser integration), under a temporary HOME: the
// connected browsers listed from the vault (names in SecretLabels, fingerprints, last use) and
// removed at once, saved in the file; the list wiped on lock; Register / Unregister per browser;
// another program's manifest replaced only when the user agrees (then backed up and restored);
// in Flatpak, the command to paste in a terminal (with Copy) instead of the buttons;
// OK stops and starts the server and writes the host's start-app setting; the settings dialog
// shows the page as a tab.
#include "AutofillTestSupport.h"
#include "SecretTestSupport.h"
#include "autofill/AutofillServer.h"
#include "autofill/BrowserHostConfig.h"
#include "autofill/BrowserIntegration.h"
#include "autofill/BrowserSettingsPage.h"
#include "autofill/HostRegistration.h"
#include "dialogs/SettingsDialog.h"
#include "secret/SecretLabel.h"
#include "settings/Settings.h"
#include "support/BrowserSocketClient.h"
#include "support/TestVault.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

SecretBuffer key(SecretArena& arena, std::uint8_t fill)
{
    SecretBuffer buffer = std::move(arena.allocate(32).value());
    for (std::size_t i = 0; i < buffer.size(); ++i)
        buffer.data()[i] = std::uint8_t(fill + i);
    return buffer;
}

QString manifest(Browser browser)
{
    return QString::fromStdString(
        HostRegistration(HostRegistration::fromProcess().value()).manifestPath(browser));
}

} // namespace

class TestBrowserSettingsPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void init()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(QDir(m_home.path()).removeRecursively());
        QVERIFY(QDir().mkpath(m_home.path()));
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + "/.config").toUtf8());
        qunsetenv("FLATPAK_ID");
    }

    void listsAndRemovesConnectedBrowsers()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        ARCANUM_VERIFY_OK(vault->contents().addAssociation(vault->secret("Firefox").span(),
                                                           key(vault->arena(), 1).span()));
        ARCANUM_VERIFY_OK(vault->contents().addAssociation(vault->secret("Chromium").span(),
                                                           key(vault->arena(), 2).span()));
        vault->commit();
        Settings settings(m_home.filePath("settings.ini"));
        BrowserSettingsPage page(&settings, nullptr, &vault->session());
        QCOMPARE(page.associationNames().size(), std::size_t(2));
        QCOMPARE_TEXT(page.associationNames()[0]->text(), "Firefox");
        QCOMPARE_TEXT(page.associationNames()[1]->text(), "Chromium");
        QVERIFY(vault->arena().contains(page.associationNames()[0]->text().data()));
        QCOMPARE(page.removeButtons().size(), std::size_t(2));
        QVERIFY(page.removeButtons()[0]->accessibleName().contains("fingerprint"));

        page.removeButtons()[0]->click();
        QCOMPARE(page.associationNames().size(), std::size_t(1));
        QCOMPARE_TEXT(page.associationNames()[0]->text(), "Chromium");
        const auto saved = vault->reopen();
        QCOMPARE(saved->contents().associationCount(), std::size_t(1));
        QCOMPARE(stringOf(saved->contents().association(0).name()), std::string("Chromium"));

        // Locking wipes the list before the arena goes.
        SecretLabel* name = page.associationNames()[0];
        vault->session().lock();
        QVERIFY(name->isEmpty());
        QVERIFY(page.associationNames().empty());
        QVERIFY(page.associationsNote()->text().contains("Unlock"));
    }

    // A removed browser's open connection can do nothing more; another browser re-checks and
    // goes on.
    void removingABrowserEndsItsRights()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        vault->addEntry("Example", "alice", "hunter2", {"https://example.com"});
        QTemporaryDir runtime;
        BrowserIntegration integration(&vault->session());
        QVERIFY(integration.start(runtime.filePath("app/autofill.socket")));
        ScriptedPrompter prompter;
        BrowserSocketClient socketA(integration.socketPath()), socketB(integration.socketPath());
        BrowserTestClient a, b;
        integration.setPrompter(&prompter);
        QVERIFY(a.acceptKeys(socketA.roundTrip(a.changePublicKeys())));
        QVERIFY(b.acceptKeys(socketB.roundTrip(b.changePublicKeys())));
        answerEverything(prompter, *integration.protocol(), "first", SiteAnswer::AllowAlways);
        QVERIFY(a.open(socketA.roundTrip(a.associate())));
        answerEverything(prompter, *integration.protocol(), "second", SiteAnswer::AllowAlways);
        QVERIFY(b.open(socketB.roundTrip(b.associate())));
        QVERIFY(a.open(socketA.roundTrip(a.getLogins("https://example.com/", "first"))));

        Settings settings(m_home.filePath("settings.ini"));
        BrowserSettingsPage page(&settings, &integration, &vault->session());
        QCOMPARE(page.removeButtons().size(), std::size_t(2));
        page.removeButtons()[0]->click(); // "first"
        QCOMPARE(field(parseJson(socketA.next()), "action"), std::string("database-unlocked"));
        QCOMPARE(field(parseJson(socketB.next()), "action"), std::string("database-unlocked"));
        const auto refused = parseJson(socketA.roundTrip(a.request(
            "set-login", {{"url", "https://example.com/"}, {"login", "x"}, {"password", "y"}})));
        QCOMPARE(field(refused, "errorCode"), std::string("8"));
        QCOMPARE(field(parseJson(socketA.roundTrip(a.testAssociate("first"))), "errorCode"),
                 std::string("8"));
        QVERIFY(b.open(socketB.roundTrip(b.testAssociate("second"))));
        QVERIFY(b.open(socketB.roundTrip(b.getLogins("https://example.com/", "second"))));
    }

    void registersAndUnregistersPerBrowser()
    {
        Settings settings(m_home.filePath("settings.ini"));
        BrowserSettingsPage page(&settings, nullptr, nullptr);
        QPushButton* firefox = page.registerButton(Browser::Firefox);
        QVERIFY(firefox);
        QVERIFY(!firefox->isHidden());
        QVERIFY(!page.registerCommand()); // outside Flatpak: no command to paste
        QCOMPARE(firefox->text(), QStringLiteral("Register"));
        QCOMPARE(page.registrationState(Browser::Firefox)->text(),
                 QStringLiteral("Not registered"));
        firefox->click();
        QVERIFY(QFile::exists(manifest(Browser::Firefox)));
        QCOMPARE(page.registrationState(Browser::Firefox)->text(), QStringLiteral("Registered"));
        QCOMPARE(firefox->text(), QStringLiteral("Unregister"));
        QVERIFY(page.statusLabel()->text().contains("registered"));
        QVERIFY(!QFile::exists(manifest(Browser::Chromium))); // one browser at a time
        firefox->click();
        QVERIFY(!QFile::exists(manifest(Browser::Firefox)));
        QCOMPARE(firefox->text(), QStringLiteral("Register"));
    }

    // In Flatpak the sandbox cannot write the browsers' folders: no Register buttons, the
    // commands to paste in a terminal instead (read-only, Copy puts them on the clipboard), and
    // a state the sandbox cannot see says so.
    void flatpakShowsTheCommand()
    {
        qputenv("FLATPAK_ID", "org.arcanum.Arcanum");
        Settings settings(m_home.filePath("settings.ini"));
        BrowserSettingsPage page(&settings, nullptr, nullptr);
        qunsetenv("FLATPAK_ID");
        for (const Browser browser : HostRegistration::browsers) {
            QVERIFY(page.registerButton(browser)->isHidden());
            QCOMPARE(page.registrationState(browser)->text(),
                     QStringLiteral("Cannot check from inside the sandbox"));
        }
        QVERIFY(page.registerCommand());
        QVERIFY(page.registerCommand()->isReadOnly());
        QCOMPARE(page.registerCommand()->text(),
                 QStringLiteral("flatpak run --command=arcanum-cli org.arcanum.Arcanum browser "
                                "register --print-script | sh"));
        QCOMPARE(page.unregisterCommand()->text(),
                 QStringLiteral("flatpak run --command=arcanum-cli org.arcanum.Arcanum browser "
                                "unregister --print-script | sh"));
        QGuiApplication::clipboard()->clear();
        page.copyRegisterButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), page.registerCommand()->text());
        QVERIFY(page.statusLabel()->text().contains("terminal"));
        page.copyUnregisterButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), page.unregisterCommand()->text());
        QVERIFY(!QFile::exists(manifest(Browser::Firefox)));
    }

    void keepassxcIsReplacedOnlyWithConsent()
    {
        const QString path = manifest(Browser::Chromium);
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"name":"org.keepassxc.keepassxc_browser","description":"KeePassXC",)"
                   R"("path":"/usr/bin/keepassxc-proxy","type":"stdio"})");
        file.close();
        const QByteArray original = [&] {
            QFile f(path);
            (void)f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();

        Settings settings(m_home.filePath("settings.ini"));
        BrowserSettingsPage page(&settings, nullptr, nullptr);
        QVERIFY(page.registrationState(Browser::Chromium)->text().contains("KeePassXC"));
        QString asked;
        page.setConfirmReplace([&](const QString& question) {
            asked = question;
            return false;
        });
        page.registerButton(Browser::Chromium)->click();
        QVERIFY(asked.contains(path));
        QCOMPARE(page.statusLabel()->text(), QStringLiteral("Nothing changed."));
        QVERIFY(!QFile::exists(path + ".arcanum-backup"));

        page.setConfirmReplace([](const QString&) { return true; });
        page.registerButton(Browser::Chromium)->click();
        QCOMPARE(page.registrationState(Browser::Chromium)->text(), QStringLiteral("Registered"));
        QVERIFY(QFile::exists(path + ".arcanum-backup"));
        QVERIFY(page.statusLabel()->text().contains("backup") ||
                page.statusLabel()->text().contains(".arcanum-backup"));

        page.registerButton(Browser::Chromium)->click(); // Unregister: KeePassXC's comes back
        QVERIFY(!QFile::exists(path + ".arcanum-backup"));
        QFile restored(path);
        QVERIFY(restored.open(QIODevice::ReadOnly));
        QCOMPARE(restored.readAll(), original);
    }

    void applyControlsTheServerAndTheHostSetting()
    {
        auto vault = TestVault::created();
        QVERIFY(vault);
        QTemporaryDir runtime;
        BrowserIntegration integration(&vault->session());
        QVERIFY(integration.start(runtime.filePath("app/autofill.socket")));
        Settings settings(m_home.filePath("settings.ini"));
        BrowserSettingsPage page(&settings, &integration, &vault->session());
        QVERIFY(page.enableBox()->isChecked());
        QVERIFY(page.raiseUnlockBox()->isChecked());
        QVERIFY(!page.startAppBox()->isChecked());

        page.enableBox()->setChecked(false);
        page.raiseUnlockBox()->setChecked(false);
        page.startAppBox()->setChecked(true);
        QString error;
        QVERIFY2(page.apply(error), qPrintable(error));
        QVERIFY(!integration.isRunning());
        QVERIFY(!settings.browserIntegration());
        QVERIFY(!settings.raiseUnlockOnBrowserRequest());
        QVERIFY(BrowserHostConfig::startApp(BrowserHostConfig::defaultPath()));
        QVERIFY(BrowserHostConfig::defaultPath().starts_with(m_home.path().toStdString()));

        page.startAppBox()->setChecked(false);
        QVERIFY(page.apply(error));
        QVERIFY(!BrowserHostConfig::startApp(BrowserHostConfig::defaultPath()));
    }

    void theSettingsDialogHasTheTab()
    {
        Settings settings(m_home.filePath("settings.ini"));
        SettingsDialog dialog(&settings);
        QVERIFY(dialog.browserPage());
        QCOMPARE(dialog.tabs()->count(), 2);
        QCOMPARE(dialog.tabs()->widget(1), dialog.browserPage());
        dialog.browserPage()->raiseUnlockBox()->setChecked(false);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!settings.raiseUnlockOnBrowserRequest());
    }
};

QTEST_MAIN(TestBrowserSettingsPage)
#include "TestBrowserSettingsPage.moc"
