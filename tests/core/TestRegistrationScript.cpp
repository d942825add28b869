// Tests for RegistrationScript (browser registration from inside Flatpak): the generated sh
// script, run with `sh` under a temporary HOME whose path has a space, a quote and a `$`, writes
// byte for byte (and mode for mode) what HostRegistration::registerHost writes — the manifests
// of all six browsers and the Flatpak wrapper; another program's manifest is refused without
// replaceForeign, kept as a backup with it (and an older backup is never overwritten); the
// unregister script removes Arcanum's manifests, restores the backup and leaves another
// program's manifest alone; the script refuses another HOME, and a script cut short runs nothing.
#include "TestSupport.h"
#include "autofill/HostRegistration.h"
#include "autofill/RegistrationScript.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;

namespace {

const QByteArray keepassxcManifest =
    R"({"name": "org.keepassxc.keepassxc_browser", "description": "KeePassXC integration with )"
    R"(native messaging support", "path": "/usr/bin/keepassxc-proxy", "type": "stdio"})";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Every file under `root`: relative path -> mode (octal text) + "\n" + bytes.
QMap<QString, QByteArray> snapshot(const QString& root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const auto mode = QFileInfo(path).permissions();
        files.insert(QDir(root).relativeFilePath(path),
                     QByteArray::number(int(mode), 16) + "\n" + file.readAll());
    }
    return files;
}

QByteArray readFile(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

bool exists(const std::string& path)
{
    return QFileInfo::exists(QString::fromStdString(path));
}

} // namespace

class TestRegistrationScript : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_home;
    HostRegistration::Environment m_env;

    Run runSh(const std::string& script, const QString& home)
    {
        QProcess sh;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HOME", home);
        sh.setProcessEnvironment(environment);
        sh.start("sh", {});
        if (!sh.waitForStarted())
            return {};
        sh.write(script.data(), qint64(script.size()));
        sh.closeWriteChannel();
        if (!sh.waitForFinished(30000))
            return {};
        return {sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1,
                sh.readAllStandardOutput(), sh.readAllStandardError()};
    }
    Run registerByScript(bool replace)
    {
        const HostRegistration registration(m_env);
        return runSh(
            RegistrationScript::registerScript(registration, HostRegistration::browsers, replace),
            m_home);
    }
    Run unregisterByScript()
    {
        const HostRegistration registration(m_env);
        return runSh(RegistrationScript::unregisterScript(registration, HostRegistration::browsers),
                     m_home);
    }
    void clearHome()
    {
        QVERIFY(QDir(m_home).removeRecursively());
        QVERIFY(QDir().mkpath(m_home));
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_home = m_dir.path() + "/h o'me \"$x\" `y`";
        clearHome();
        m_env = {};
        m_env.home = m_home.toStdString();
        m_env.configHome = m_env.home + "/.config";
        m_env.dataHome = m_env.home + "/.var/app/org.arcanum.Arcanum/data";
        m_env.flatpakId = "org.arcanum.Arcanum";
        m_env.hostPath = m_env.dataHome + "/arcanum/arcanum-browser-host-flatpak";
    }

    void quoting()
    {
        QCOMPARE(RegistrationScript::quote("a b"), std::string("'a b'"));
        QCOMPARE(RegistrationScript::quote("it's"), std::string("'it'\\''s'"));
        QCOMPARE(RegistrationScript::quote(""), std::string("''"));
        QCOMPARE(RegistrationScript::command("org.arcanum.Arcanum", false),
                 std::string("flatpak run --command=arcanum-cli org.arcanum.Arcanum browser "
                             "register --print-script | sh"));
        QCOMPARE(RegistrationScript::command("org.arcanum.Arcanum", true),
                 std::string("flatpak run --command=arcanum-cli org.arcanum.Arcanum browser "
                             "unregister --print-script | sh"));
    }

    void scriptWritesWhatRegisterWrites()
    {
        const HostRegistration registration(m_env);
        for (const Browser browser : HostRegistration::browsers)
            QVERIFY(registration.registerHost(browser, false).ok());
        const auto direct = snapshot(m_home);
        QCOMPARE(direct.size(), qsizetype(7)); // six manifests and the wrapper

        clearHome();
        const Run run = registerByScript(false);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.err.isEmpty());
        QCOMPARE(run.out.count("registered ("), qsizetype(6));
        QCOMPARE(snapshot(m_home), direct);
        for (const Browser browser : HostRegistration::browsers)
            QCOMPARE(registration.status(browser).state, HostRegistration::State::Registered);

        // Again: still exactly the same (Arcanum's own manifests are rewritten, no backups).
        QCOMPARE(registerByScript(false).exitCode, 0);
        QCOMPARE(snapshot(m_home), direct);
    }

    void foreignManifestNeedsReplace()
    {
        const HostRegistration registration(m_env);
        const std::string chrome = registration.manifestPath(Browser::GoogleChrome);
        const std::string backup = registration.backupPath(Browser::GoogleChrome);
        test::writeTestFile(chrome, keepassxcManifest);

        Run run = registerByScript(false);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("Google Chrome already has a browser host"));
        QVERIFY(
            run.err.contains("browser register --print-script --browser chrome --replace | sh"));
        QCOMPARE(readFile(chrome), keepassxcManifest); // left alone
        QVERIFY(!exists(backup));
        QCOMPARE(run.out.count("registered ("), qsizetype(5)); // the others are done
        QCOMPARE(registration.status(Browser::Firefox).state, HostRegistration::State::Registered);

        run = registerByScript(true);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("the other host's manifest is kept as"));
        QCOMPARE(readFile(backup), keepassxcManifest);
        QCOMPARE(readFile(chrome),
                 QByteArray::fromStdString(registration.manifest(Browser::GoogleChrome)));
        QVERIFY(registration.status(Browser::GoogleChrome).backupKept);

        // A foreign manifest again, with a backup in the way: refused, nothing overwritten.
        test::writeTestFile(chrome, "{\"description\": \"someone else\"}");
        run = registerByScript(true);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("a backup of another host's manifest is in the way"));
        QCOMPARE(readFile(backup), keepassxcManifest);
        QCOMPARE(readFile(chrome), QByteArray("{\"description\": \"someone else\"}"));
    }

    void unregisterRestoresTheBackup()
    {
        const HostRegistration registration(m_env);
        const std::string chrome = registration.manifestPath(Browser::GoogleChrome);
        test::writeTestFile(chrome, keepassxcManifest);
        QCOMPARE(registerByScript(true).exitCode, 0);

        Run run = unregisterByScript();
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(
            run.out.contains("Google Chrome: unregistered; the previous host's manifest is back"));
        QVERIFY(run.out.contains("Firefox: unregistered."));
        QCOMPARE(readFile(chrome), keepassxcManifest);
        QVERIFY(!exists(registration.backupPath(Browser::GoogleChrome)));
        for (const Browser browser : HostRegistration::browsers)
            if (browser != Browser::GoogleChrome)
                QVERIFY(!exists(registration.manifestPath(browser)));

        // Nothing of Arcanum's left; KeePassXC's manifest is not Arcanum's to remove.
        run = unregisterByScript();
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("is not Arcanum's; it is left alone"));
        QVERIFY(run.out.contains("Firefox: Arcanum was not registered."));
        QCOMPARE(readFile(chrome), keepassxcManifest);
    }

    void unregisterMatchesDirectUnregister()
    {
        const HostRegistration registration(m_env);
        test::writeTestFile(registration.manifestPath(Browser::Brave), keepassxcManifest);
        QCOMPARE(registerByScript(true).exitCode, 0);
        QCOMPARE(unregisterByScript().exitCode, 0);
        const auto byScript = snapshot(m_home);

        clearHome();
        test::writeTestFile(registration.manifestPath(Browser::Brave), keepassxcManifest);
        for (const Browser browser : HostRegistration::browsers)
            QVERIFY(registration.registerHost(browser, true).ok());
        for (const Browser browser : HostRegistration::browsers)
            QVERIFY(registration.unregisterHost(browser).ok());
        QCOMPARE(snapshot(m_home), byScript); // the wrapper and KeePassXC's manifest stay
    }

    void refusesAnotherHome()
    {
        const HostRegistration registration(m_env);
        const Run run = runSh(
            RegistrationScript::registerScript(registration, HostRegistration::browsers, false),
            m_dir.path());
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("this script was made for HOME="));
        QVERIFY(snapshot(m_dir.path()).isEmpty());
    }

    void truncatedScriptRunsNothing()
    {
        const HostRegistration registration(m_env);
        std::string script =
            RegistrationScript::registerScript(registration, HostRegistration::browsers, false);
        script.resize(script.rfind("arcanum_main\n"));
        QCOMPARE(runSh(script, m_home).exitCode, 0);
        QVERIFY(snapshot(m_home).isEmpty());
    }

    void oneBrowserOutsideFlatpak()
    {
        m_env.flatpakId.clear();
        m_env.hostPath = "/opt/arcanum/bin/arcanum-browser-host";
        const HostRegistration registration(m_env);
        const std::array<Browser, 1> firefox = {Browser::Firefox};
        const Run run =
            runSh(RegistrationScript::registerScript(registration, firefox, false), m_home);
        QCOMPARE(run.exitCode, 0);
        const auto files = snapshot(m_home);
        QCOMPARE(files.size(), qsizetype(1)); // no wrapper outside Flatpak
        QCOMPARE(readFile(registration.manifestPath(Browser::Firefox)),
                 QByteArray::fromStdString(registration.manifest(Browser::Firefox)));
    }
};

QTEST_GUILESS_MAIN(TestRegistrationScript)
#include "TestRegistrationScript.moc"
