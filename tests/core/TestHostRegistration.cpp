// Tests for HostRegistration and BrowserHostConfig: the native-messaging manifest of every
// browser written in its folder under a temporary HOME with the right name, path and extension
// ids; status (not registered, registered, outdated, KeePassXC's, unreadable); a KeePassXC
// manifest refused, then replaced with a backup and restored on unregister; unregister leaves
// other programs' manifests alone; the Flatpak wrapper, the sandbox's "cannot check" state and
// the host's config folder in Flatpak; the host's start-app setting.
#include "TestSupport.h"
#include "autofill/BrowserHostConfig.h"
#include "autofill/HostRegistration.h"
#include "format/AtomicFile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;

namespace {

const char* const keepassxcManifest = R"({
    "allowed_extensions": ["keepassxc-browser@keepassxc.org"],
    "description": "KeePassXC integration with native messaging support",
    "name": "org.keepassxc.keepassxc_browser",
    "path": "/usr/bin/keepassxc-proxy",
    "type": "stdio"
})";

QJsonObject readJson(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray readText(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestHostRegistration : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    HostRegistration::Environment m_env;

private slots:
    void init()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(QDir(m_home.path()).removeRecursively());
        QVERIFY(QDir().mkpath(m_home.path()));
        m_env = {};
        m_env.home = m_home.path().toStdString();
        m_env.configHome = m_env.home + "/.config";
        m_env.dataHome = m_env.home + "/.local/share";
        m_env.hostPath = "/opt/arcanum/bin/arcanum-browser-host";
    }

    void foldersAreTheBrowsers_data()
    {
        QTest::addColumn<int>("browser");
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("key");
        QTest::newRow("firefox") << int(Browser::Firefox) << ".mozilla/native-messaging-hosts"
                                 << "firefox";
        QTest::newRow("chromium") << int(Browser::Chromium)
                                  << ".config/chromium/NativeMessagingHosts"
                                  << "chromium";
        QTest::newRow("chrome") << int(Browser::GoogleChrome)
                                << ".config/google-chrome/NativeMessagingHosts"
                                << "chrome";
        QTest::newRow("edge") << int(Browser::MicrosoftEdge)
                              << ".config/microsoft-edge/NativeMessagingHosts"
                              << "edge";
        QTest::newRow("brave") << int(Browser::Brave)
                               << ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts"
                               << "brave";
        QTest::newRow("vivaldi") << int(Browser::Vivaldi) << ".config/vivaldi/NativeMessagingHosts"
                                 << "vivaldi";
    }

    void foldersAreTheBrowsers()
    {
        QFETCH(int, browser);
        QFETCH(QString, folder);
        QFETCH(QString, key);
        const Browser b = Browser(browser);
        const HostRegistration registration(m_env);
        const std::string expected =
            m_env.home + "/" + folder.toStdString() + "/org.keepassxc.keepassxc_browser.json";
        QCOMPARE(registration.manifestPath(b), expected);
        QCOMPARE(std::string(HostRegistration::key(b)), key.toStdString());
        QCOMPARE(HostRegistration::fromKey(key.toStdString()), std::optional<Browser>(b));

        QCOMPARE(registration.status(b).state, HostRegistration::State::NotRegistered);
        auto outcome = registration.registerHost(b, false);
        QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.error().message.c_str());
        QVERIFY(outcome->wrote);
        QVERIFY(!outcome->backedUp);
        QCOMPARE(registration.status(b).state, HostRegistration::State::Registered);

        const QJsonObject manifest = readJson(expected);
        QCOMPARE(manifest["name"].toString(), QStringLiteral("org.keepassxc.keepassxc_browser"));
        QCOMPARE(manifest["type"].toString(), QStringLiteral("stdio"));
        QCOMPARE(manifest["path"].toString(),
                 QStringLiteral("/opt/arcanum/bin/arcanum-browser-host"));
        if (b == Browser::Firefox) {
            QCOMPARE(manifest["allowed_extensions"].toArray(),
                     QJsonArray({QStringLiteral("keepassxc-browser@keepassxc.org")}));
            QVERIFY(!manifest.contains("allowed_origins"));
        } else {
            QCOMPARE(manifest["allowed_origins"].toArray(),
                     QJsonArray(
                         {QStringLiteral("chrome-extension://oboonakemofpalcgghocfoadofidjkkk/"),
                          QStringLiteral("chrome-extension://pdffhmdngciaglkoonimfcmckehcpafo/")}));
            QVERIFY(!manifest.contains("allowed_extensions"));
        }

        // Registering again changes nothing.
        outcome = registration.registerHost(b, false);
        QVERIFY(outcome.ok());
        QVERIFY(!outcome->wrote);

        outcome = registration.unregisterHost(b);
        QVERIFY(outcome.ok());
        QVERIFY(outcome->wrote);
        QVERIFY(!QFile::exists(QString::fromStdString(expected)));
        QCOMPARE(registration.status(b).state, HostRegistration::State::NotRegistered);
        // Unregistering what is not there is fine.
        outcome = registration.unregisterHost(b);
        QVERIFY(outcome.ok());
        QVERIFY(!outcome->wrote);
    }

    void xdgConfigHomeIsHonoured()
    {
        m_env.configHome = m_env.home + "/elsewhere";
        const HostRegistration registration(m_env);
        QCOMPARE(registration.manifestPath(Browser::Chromium),
                 m_env.home + "/elsewhere/chromium/NativeMessagingHosts/"
                              "org.keepassxc.keepassxc_browser.json");
        QCOMPARE(registration.manifestPath(Browser::Firefox),
                 m_env.home + "/.mozilla/native-messaging-hosts/"
                              "org.keepassxc.keepassxc_browser.json");
    }

    void keepassxcManifestIsBackedUpAndRestored()
    {
        const HostRegistration registration(m_env);
        const std::string path = registration.manifestPath(Browser::Firefox);
        test::writeTestFile(path, keepassxcManifest);
        auto status = registration.status(Browser::Firefox);
        QCOMPARE(status.state, HostRegistration::State::Foreign);
        QCOMPARE(status.pointsAt, std::string("/usr/bin/keepassxc-proxy"));

        // Not overwritten without asking.
        auto refused = registration.registerHost(Browser::Firefox, false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::AlreadyExists);
        QVERIFY(refused.error().message.find(path) != std::string::npos);
        QCOMPARE(readText(path), QByteArray(keepassxcManifest));

        // Unregister leaves it alone.
        auto notOurs = registration.unregisterHost(Browser::Firefox);
        QVERIFY(!notOurs.ok());
        QCOMPARE(readText(path), QByteArray(keepassxcManifest));

        // Replaced when asked: the old one is the backup.
        auto replaced = registration.registerHost(Browser::Firefox, true);
        QVERIFY2(replaced.ok(), replaced.ok() ? "" : replaced.error().message.c_str());
        QVERIFY(replaced->backedUp);
        QVERIFY(replaced->message.find(registration.backupPath(Browser::Firefox)) !=
                std::string::npos);
        QCOMPARE(readText(registration.backupPath(Browser::Firefox)),
                 QByteArray(keepassxcManifest));
        status = registration.status(Browser::Firefox);
        QCOMPARE(status.state, HostRegistration::State::Registered);
        QVERIFY(status.backupKept);

        // Unregister puts KeePassXC's back.
        auto restored = registration.unregisterHost(Browser::Firefox);
        QVERIFY(restored.ok());
        QVERIFY(restored->restored);
        QCOMPARE(readText(path), QByteArray(keepassxcManifest));
        QVERIFY(!QFile::exists(QString::fromStdString(registration.backupPath(Browser::Firefox))));
        QCOMPARE(registration.status(Browser::Firefox).state, HostRegistration::State::Foreign);
    }

    void anOldBackupIsNeverOverwritten()
    {
        const HostRegistration registration(m_env);
        const std::string path = registration.manifestPath(Browser::Brave);
        test::writeTestFile(path, keepassxcManifest);
        test::writeTestFile(registration.backupPath(Browser::Brave), "older backup");
        auto refused = registration.registerHost(Browser::Brave, true);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(readText(registration.backupPath(Browser::Brave)), QByteArray("older backup"));
        QCOMPARE(readText(path), QByteArray(keepassxcManifest));
    }

    void unreadableAndOutdatedManifests()
    {
        const HostRegistration registration(m_env);
        test::writeTestFile(registration.manifestPath(Browser::Vivaldi), "{not json");
        QCOMPARE(registration.status(Browser::Vivaldi).state, HostRegistration::State::Unreadable);
        QVERIFY(!registration.registerHost(Browser::Vivaldi, false).ok());

        QVERIFY(registration.registerHost(Browser::Chromium, false).ok());
        HostRegistration::Environment moved = m_env;
        moved.hostPath = "/usr/bin/arcanum-browser-host";
        const HostRegistration elsewhere(moved);
        auto status = elsewhere.status(Browser::Chromium);
        QCOMPARE(status.state, HostRegistration::State::Outdated);
        QCOMPARE(status.pointsAt, m_env.hostPath);
        auto updated = elsewhere.registerHost(Browser::Chromium, false);
        QVERIFY(updated.ok());
        QVERIFY(updated->wrote);
        QCOMPARE(elsewhere.status(Browser::Chromium).state, HostRegistration::State::Registered);
    }

    void flatpakWritesAWrapper()
    {
        m_env.flatpakId = "org.arcanum.Arcanum";
        m_env.hostPath = m_env.dataHome + "/arcanum/arcanum-browser-host-flatpak";
        const HostRegistration registration(m_env);
        QVERIFY(registration.sandboxed());
        // The sandbox cannot see the browsers' folders: a missing manifest proves nothing.
        QCOMPARE(registration.status(Browser::GoogleChrome).state,
                 HostRegistration::State::Unknown);
        QCOMPARE(std::string(stateName(HostRegistration::State::Unknown)),
                 std::string("cannot check from inside the sandbox"));
        QVERIFY(registration.unregisterHost(Browser::GoogleChrome).ok());
        QVERIFY(registration.registerHost(Browser::GoogleChrome, false).ok());
        QCOMPARE(registration.status(Browser::GoogleChrome).state,
                 HostRegistration::State::Registered);
        const QByteArray wrapper = readText(m_env.hostPath);
        QVERIFY(wrapper.startsWith("#!/bin/sh\n"));
        QVERIFY(wrapper.contains(
            "exec flatpak run --command=arcanum-browser-host org.arcanum.Arcanum \"$@\"\n"));
        QVERIFY(QFileInfo(QString::fromStdString(m_env.hostPath)).isExecutable());
        QCOMPARE(readJson(registration.manifestPath(Browser::GoogleChrome))["path"].toString(),
                 QString::fromStdString(m_env.hostPath));
    }

    void fromProcessReadsTheEnvironment()
    {
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + "/cfg").toUtf8());
        qunsetenv("FLATPAK_ID");
        auto env = HostRegistration::fromProcess();
        QVERIFY(env.ok());
        QCOMPARE(env->home, m_home.path().toStdString());
        QCOMPARE(env->configHome, m_home.path().toStdString() + "/cfg");
        QVERIFY(env->hostPath.ends_with("/arcanum-browser-host"));
        qputenv("FLATPAK_ID", "org.arcanum.Arcanum");
        env = HostRegistration::fromProcess();
        QVERIFY(env.ok());
        QCOMPARE(env->flatpakId, std::string("org.arcanum.Arcanum"));
        QVERIFY(env->hostPath.ends_with("/arcanum/arcanum-browser-host-flatpak"));
        // Inside Flatpak XDG_CONFIG_HOME is the sandbox's own folder: the browsers' is the host's.
        QCOMPARE(env->configHome, m_home.path().toStdString() + "/.config");
        qputenv("HOST_XDG_CONFIG_HOME", (m_home.path() + "/hostcfg").toUtf8());
        env = HostRegistration::fromProcess();
        QVERIFY(env.ok());
        QCOMPARE(env->configHome, m_home.path().toStdString() + "/hostcfg");
        qunsetenv("HOST_XDG_CONFIG_HOME");
        qputenv("FLATPAK_ID", "bad id; rm -rf");
        QVERIFY(!HostRegistration::fromProcess().ok());
        qunsetenv("FLATPAK_ID");
        qunsetenv("XDG_CONFIG_HOME");
    }

    void hostConfigStartApp()
    {
        const std::string path = m_env.home + "/.config/arcanum/browser-host.conf";
        QVERIFY(!BrowserHostConfig::startApp(path)); // missing: off
        QVERIFY(BrowserHostConfig::setStartApp(path, true).ok());
        QVERIFY(BrowserHostConfig::startApp(path));
        QCOMPARE(readText(path), QByteArray("start-app=true\n"));
        QVERIFY(BrowserHostConfig::setStartApp(path, false).ok());
        QVERIFY(!BrowserHostConfig::startApp(path));
        test::writeTestFile(path, "start-app=maybe\n");
        QVERIFY(!BrowserHostConfig::startApp(path));
        QVERIFY(!BrowserHostConfig::startApp(""));
        QVERIFY(!BrowserHostConfig::setStartApp("", true).ok());
    }
};

QTEST_GUILESS_MAIN(TestHostRegistration)
#include "TestHostRegistration.moc"
