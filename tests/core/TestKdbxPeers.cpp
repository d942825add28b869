// KdbxReader and KdbxWriter against the real peers, run at test time (CI installs Debian's
// keepassxc and python3-pykeepass; this test fails, it does not skip, when they are missing):
// - tests/data/kdbx/make-fixtures.py makes every fixture afresh with keepassxc-cli and pykeepass,
//   and each is read and checked field by field, exactly like the checked-in ones;
// - files Arcanum writes (ChaCha20 and AES-256; password, password + key file, key file only)
//   are opened by keepassxc-cli: `ls -R` lists the groups and entries, `show` every field,
//   `show -t` the TOTP code, `attachment-export` the attachment, and `export` (KeePassXC's XML)
//   the history, the custom data and the recycle bin; pykeepass opens them too;
// - the fresh fixtures also import into a vault with every field intact (KdbxVaultImporter), and
//   export → import gives the same vault again;
// - a vault exported to KDBX 4 (KdbxVaultExporter; password, or password + key file) opens in
//   keepassxc-cli with the same entries, fields, TOTP codes, attachments and history count.
#include "KdbxFixtures.h"
#include "KdbxVaultChecks.h"
#include "TestSupport.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxTime.h"
#include "kdbx/KdbxVaultExporter.h"
#include "kdbx/KdbxVaultImporter.h"
#include "kdbx/KdbxWriter.h"
#include "totp/Totp.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

constexpr char python[] = "/usr/bin/python3";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestKdbxPeers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    Run run(const QString& program, const QStringList& arguments, const QByteArray& input = {},
            int timeoutMs = 300000)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HOME", m_home.path());
        environment.insert("XDG_CONFIG_HOME", m_home.path());
        environment.insert("XDG_CACHE_HOME", m_home.path());
        environment.insert("XDG_DATA_HOME", m_home.path());
        environment.insert("QT_QPA_PLATFORM", "offscreen");
        process.setProcessEnvironment(environment);
        process.start(program, arguments);
        Run result;
        if (!process.waitForStarted()) {
            result.err = "cannot start " + program.toUtf8();
            return result;
        }
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(timeoutMs);
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    // keepassxc-cli COMMAND [credential options] DATABASE ARGS..., the password on stdin.
    Run cli(const QString& command, const QStringList& options, const QString& database,
            const QStringList& arguments, const QByteArray& password, const QString& keyFile)
    {
        QStringList all{command, "-q"};
        all += options;
        if (!keyFile.isEmpty())
            all += {"-k", keyFile};
        if (password.isEmpty())
            all += "--no-password";
        all += database;
        all += arguments;
        return run("keepassxc-cli", all, password.isEmpty() ? QByteArray() : password + "\n");
    }

    // A database with everything the exporter will write, saved by KdbxWriter.
    struct Export
    {
        QString path;
        QString keyFile;
        QByteArray password;
    };
    Export writeExport(SecretArena& arena, KdbxSampleBuilder& builder, const QString& name,
                       KdbxHeader::Cipher cipher, bool withPassword, bool withKeyFile)
    {
        Export result;
        result.path = m_home.filePath(name + ".kdbx");
        KdbxDatabase database = builder.build();
        KdbxKey::Parts parts;
        SecretBuffer password = secret(arena, "export password");
        if (withPassword) {
            parts.password = password.span();
            result.password = "export password";
        }
        std::optional<KdbxKeyFile> keyFile;
        if (withKeyFile) {
            SecretBuffer raw = secret(arena, QByteArray(32, '\x5a'));
            auto xml = KdbxKeyFile::makeXmlV2(arena, raw.span());
            if (!xml)
                qFatal("%s", xml.error().message.c_str());
            result.keyFile = m_home.filePath(name + ".keyx");
            QFile file(result.keyFile);
            if (!file.open(QIODevice::WriteOnly))
                qFatal("cannot write the key file");
            file.write(xml->span().chars(), qint64(xml->size()));
            file.close();
            auto read = KdbxKeyFile::read(arena, result.keyFile.toStdString());
            if (!read)
                qFatal("%s", read.error().message.c_str());
            keyFile.emplace(std::move(read.value()));
            parts.keyFile = &*keyFile;
        }
        auto key = KdbxKey::create(arena, parts);
        if (!key)
            qFatal("%s", key.error().message.c_str());
        auto written = KdbxWriter::writeFile(arena, result.path.toStdString(), database, *key,
                                             cheapKdbxWriteOptions(cipher));
        if (!written)
            qFatal("%s", written.error().message.c_str());
        return result;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable("keepassxc-cli").isEmpty(),
                 "keepassxc-cli is missing: install Debian's keepassxc (packaging/quickstart.sh)");
        const Run pykeepass = run(python, {"-c", "import pykeepass"});
        QVERIFY2(pykeepass.exitCode == 0,
                 "pykeepass is missing: install python3-pykeepass (packaging/quickstart.sh)");
    }

    void freshFixturesFromThePeersRead()
    {
        QTemporaryDir out;
        const Run made = run(python, {ARCANUM_TEST_DATA_DIR "/kdbx/make-fixtures.py", out.path()});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const std::vector<KdbxFixture> fixtures = readKdbxManifest(out.path());
        QCOMPARE(fixtures.size(), readKdbxManifest(kdbxFixtureDir()).size());
        for (const KdbxFixture& fixture : fixtures) {
            const auto arena = makeArena();
            auto database = readKdbxFixture(*arena, out.path(), fixture);
            QVERIFY2(
                database.ok(),
                (fixture.file + ": " + (database.ok() ? "" : errorText(database.error()))).c_str());
            checkKdbxFormat(*database, fixture);
            if (QTest::currentTestFailed())
                qWarning("in %s", fixture.file.c_str());
            checkKdbxContent(*arena, *database, fixture);
            if (QTest::currentTestFailed()) {
                qWarning("in %s", fixture.file.c_str());
                return;
            }
            // Into a vault, every field intact; out again and back: the same vault.
            VaultContents contents = VaultContents::createEmpty(*arena).value();
            auto report = KdbxVaultImporter::apply(contents, *arena, *database);
            QVERIFY2(report.ok(), report.ok() ? "" : errorText(report.error()).c_str());
            QVERIFY(report->skipped.empty());
            checkImportedVault(*arena, contents, fixture.content, fixture.maker);
            if (QTest::currentTestFailed()) {
                qWarning("importing %s", fixture.file.c_str());
                return;
            }
            const std::string path =
                out.filePath(QString::fromStdString(fixture.file) + ".again").toStdString();
            SecretBuffer password = secret(*arena, "again");
            auto key = KdbxKey::fromPassword(*arena, password.span());
            ARCANUM_VERIFY_OK(KdbxVaultExporter::exportFile(contents, *arena, path, *key,
                                                            cheapKdbxWriteOptions()));
            auto file = KdbxReader::readFile(path);
            ARCANUM_VERIFY_OK(file);
            auto again = KdbxVaultImporter::read(*arena, *file, *key);
            ARCANUM_VERIFY_OK(again);
            VaultContents second = VaultContents::createEmpty(*arena).value();
            ARCANUM_VERIFY_OK(KdbxVaultImporter::apply(second, *arena, *again));
            QCOMPARE(describeVault(second), describeVault(contents));
        }
    }

    // A vault (imported from KeePassXC's own fixture) exported by Arcanum opens in KeePassXC with
    // the same entries, fields, TOTP codes, attachment and history.
    void keepassxcOpensAVaultExport_data()
    {
        QTest::addColumn<int>("cipher");
        QTest::addColumn<bool>("withKeyFile");
        QTest::newRow("ChaCha20, password") << int(KdbxHeader::Cipher::ChaCha20) << false;
        QTest::newRow("AES-256, password and key file")
            << int(KdbxHeader::Cipher::Aes256Cbc) << true;
    }
    void keepassxcOpensAVaultExport()
    {
        QFETCH(int, cipher);
        QFETCH(bool, withKeyFile);
        const auto arena = makeArena();
        KdbxFixture source;
        for (const KdbxFixture& f : readKdbxManifest(kdbxFixtureDir()))
            if (f.file == "kdbx41-keepassxc.kdbx")
                source = f;
        auto database = readKdbxFixture(*arena, kdbxFixtureDir(), source);
        ARCANUM_VERIFY_OK(database);
        VaultContents contents = VaultContents::createEmpty(*arena).value();
        ARCANUM_VERIFY_OK(KdbxVaultImporter::apply(contents, *arena, *database));

        const QString path = m_home.filePath(QString("vault-export-%1.kdbx").arg(cipher));
        const QString keyFilePath =
            withKeyFile ? QString(kdbxFixtureDir()) + "/keyfile-xml2.keyx" : QString();
        SecretBuffer password = secret(*arena, "vault export");
        std::optional<KdbxKeyFile> keyFile;
        KdbxKey::Parts parts;
        parts.password = password.span();
        if (withKeyFile) {
            auto read = KdbxKeyFile::read(*arena, keyFilePath.toStdString());
            ARCANUM_VERIFY_OK(read);
            keyFile.emplace(std::move(read.value()));
            parts.keyFile = &*keyFile;
        }
        auto key = KdbxKey::create(*arena, parts);
        ARCANUM_VERIFY_OK(key);
        KdbxWriteOptions options;
        options.cipher = static_cast<KdbxHeader::Cipher>(cipher);
        ARCANUM_VERIFY_OK(
            KdbxVaultExporter::exportFile(contents, *arena, path.toStdString(), *key, options));
        const QByteArray pw = "vault export";

        const Run listed = cli("ls", {"-R", "-f"}, path, {}, pw, keyFilePath);
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        for (const char* line :
             {"Internet/GitHub", "Internet/Mail/Webmail", "Steam", "Banking/Bank <&> \"quoted\""})
            QVERIFY2(listed.out.contains(QByteArray(line) + "\n"), listed.out.constData());
        QVERIFY(!listed.out.contains("Old account"));

        const Run shown = cli("show", {"-s", "--all"}, path, {"Internet/GitHub"}, pw, keyFilePath);
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        for (const char* line :
             {"Title: GitHub", "UserName: octo@example.com", "Password: gh-Pa55w0rd!",
              "URL: https://github.com/login", "Recovery email: backup@example.com", "PIN: 4321",
              "Tags: dev,work", "Uuid: {a9aadacc-6401-5077-bbd6-36d75e978143}",
              "otp: otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&period=30&digits=6"
              "&issuer=GitHub"})
            QVERIFY2(shown.out.contains(QByteArray(line) + "\n"),
                     (QByteArray(line) + " not in:\n" + shown.out).constData());

        // TOTP codes as KeePassXC computes them from the exported otp fields: the Steam code,
        // and the one that came from Webmail's older TOTP Seed/Settings fields.
        for (const char* title : {"Steam", "Internet/Mail/Webmail"}) {
            const Run totp = cli("show", {"-t"}, path, {title}, pw, keyFilePath);
            QVERIFY2(totp.exitCode == 0, totp.err.constData());
            const EntryView entry =
                *vaultEntry(contents, *arena, QByteArray(title).split('/').last().constData());
            const auto now = std::uint64_t(QDateTime::currentSecsSinceEpoch());
            const std::string theirs = totp.out.trimmed().toStdString();
            QVERIFY2(theirs == vaultTotpCode(*arena, entry, now - 1) ||
                         theirs == vaultTotpCode(*arena, entry, now + 1),
                     theirs.c_str());
        }

        const QString attachment = m_home.filePath("vault-attachment.bin");
        const Run exported =
            cli("attachment-export", {}, path,
                {"Banking/Bank <&> \"quoted\"", "statement.bin", attachment}, pw, keyFilePath);
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QFile bytes(attachment);
        QVERIFY(bytes.open(QIODevice::ReadOnly));
        QCOMPARE(bytes.readAll().size(), 256);

        // History: KeePassXC's XML of the database holds GitHub's two earlier passwords, and
        // the association under its KeePassXC name.
        const Run xml = cli("export", {}, path, {}, pw, keyFilePath);
        QVERIFY2(xml.exitCode == 0, xml.err.constData());
        QVERIFY(xml.out.contains("old-pass-1"));
        QVERIFY(xml.out.contains("old-pass-2"));
        QCOMPARE(xml.out.count("<Entry>"), 4 + 2); // four entries, GitHub's two versions
        QVERIFY(xml.out.contains("<Key>KPXC_BROWSER_laptop</Key>"));
        QVERIFY(xml.out.contains("x3Iq8nuOH2ujexIhr3Zb0TS3Gqp7fl9z8hwmRdbSzFY="));
    }

    void keepassxcOpensOurExport_data()
    {
        QTest::addColumn<int>("cipher");
        QTest::addColumn<bool>("withPassword");
        QTest::addColumn<bool>("withKeyFile");
        QTest::newRow("ChaCha20, password") << int(KdbxHeader::Cipher::ChaCha20) << true << false;
        QTest::newRow("AES-256, password and key file")
            << int(KdbxHeader::Cipher::Aes256Cbc) << true << true;
        QTest::newRow("ChaCha20, key file only")
            << int(KdbxHeader::Cipher::ChaCha20) << false << true;
    }
    void keepassxcOpensOurExport()
    {
        QFETCH(int, cipher);
        QFETCH(bool, withPassword);
        QFETCH(bool, withKeyFile);
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        const Export file =
            writeExport(*arena, builder, QTest::currentDataTag(),
                        static_cast<KdbxHeader::Cipher>(cipher), withPassword, withKeyFile);

        const Run listed = cli("ls", {"-R", "-f"}, file.path, {}, file.password, file.keyFile);
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        // (keepassxc-cli lists the recycle bin like any group.)
        for (const char* line :
             {"Internet/Forum", "Internet/Mail/Webmail \xe2\x9c\x89", "Trash/Binned"})
            QVERIFY2(listed.out.contains(QByteArray(line) + "\n"), listed.out.constData());

        const Run shown = cli("show", {"-s", "--all"}, file.path, {"Internet/Forum"}, file.password,
                              file.keyFile);
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        for (const char* line :
             {"Title: Forum", "UserName: forum-user", "Password: forum <pass> & \"more\"",
              "URL: https://forum.example", "Security answer: Blue", "Member id: 12345",
              "Control: bell\x07"
              "char",
              "Tags: forum,social", "otp: otpauth://totp/Forum:me?secret=JBSWY3DPEHPK3PXP"})
            QVERIFY2(shown.out.contains(QByteArray(line) + "\n"),
                     (QByteArray(line) + " not in:\n" + shown.out).constData());
        QVERIFY2(shown.out.contains("Notes: Line 1\r\nLine 2\n\ttabbed\n"), shown.out.constData());

        // KeePassXC computes the same TOTP code as Arcanum from the exported otp field.
        const Run totp =
            cli("show", {"-t"}, file.path, {"Internet/Forum"}, file.password, file.keyFile);
        QVERIFY2(totp.exitCode == 0, totp.err.constData());
        SecretBuffer uri = secret(*arena, "otpauth://totp/Forum:me?secret=JBSWY3DPEHPK3PXP");
        auto parameters = TotpUri::parse(*arena, uri.span());
        const auto now = std::uint64_t(QDateTime::currentSecsSinceEpoch());
        const std::string before = totpCode(*arena, parameters, now - 1);
        const std::string after = totpCode(*arena, parameters, now + 1);
        const std::string theirs = totp.out.trimmed().toStdString();
        QVERIFY2(theirs == before || theirs == after, theirs.c_str());

        const QString attachment = m_home.filePath("attachment.bin");
        const Run exported =
            cli("attachment-export", {}, file.path, {"Internet/Forum", "notes.bin", attachment},
                file.password, file.keyFile);
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QFile bytes(attachment);
        QVERIFY(bytes.open(QIODevice::ReadOnly));
        QCOMPARE(bytes.readAll(), QByteArray("attachment\x00\x01\x02 bytes", 19));

        // KeePassXC's own XML of the whole database: history, custom data, recycle bin, times.
        const Run xml = cli("export", {}, file.path, {}, file.password, file.keyFile);
        QVERIFY2(xml.exitCode == 0, xml.err.constData());
        QXmlStreamReader reader(xml.out);
        QStringList passwords, customKeys, path;
        QString recycleBin, currentKey, creationTimes;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement()) {
                path += reader.name().toString();
                const QString where = path.join('/');
                if (where.endsWith("Meta/RecycleBinUUID"))
                    recycleBin = reader.readElementText();
                else if (where.endsWith("Meta/CustomData/Item/Key"))
                    customKeys += reader.readElementText();
                else if (where.endsWith("String/Key"))
                    currentKey = reader.readElementText();
                else if (where.endsWith("String/Value") && currentKey == "Password")
                    passwords += reader.readElementText();
                else if (where.endsWith("Entry/Times/CreationTime") && creationTimes.isEmpty())
                    creationTimes = reader.readElementText();
                if (reader.isEndElement())
                    path.removeLast();
            } else if (reader.isEndElement()) {
                path.removeLast();
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QVERIFY2(passwords.contains("older forum pass"), qPrintable(passwords.join(", ")));
        QVERIFY(passwords.contains("binned pass"));
        QVERIFY2(customKeys.contains("KPXC_BROWSER_desktop"), qPrintable(customKeys.join(", ")));
        QVERIFY(!recycleBin.isEmpty() && recycleBin != "AAAAAAAAAAAAAAAAAAAAAA==");
        QCOMPARE(creationTimes.toStdString(), KdbxTime::toKdbx4(1500000000));

        // And the other peer.
        QStringList pykeepass{
            "-c",
            "import sys\nfrom pykeepass import PyKeePass\n"
            "kp = PyKeePass(sys.argv[1], password=sys.argv[2] or None, keyfile=sys.argv[3] or "
            "None)\n"
            "e = kp.find_entries(title='Forum', first=True)\n"
            "print(e.username, e.password, e.get_custom_property('Security answer'),"
            " len(e.history), len(kp.entries), sep='|')\n",
            file.path, QString::fromUtf8(file.password), file.keyFile};
        const Run opened = run(python, pykeepass);
        QVERIFY2(opened.exitCode == 0, opened.err.constData());
        QCOMPARE(opened.out.trimmed(), QByteArray("forum-user|forum <pass> & \"more\"|Blue|1|3"));
    }

    void keepassxcRefusesAWrongPassword()
    {
        // The same check, failing: our files are really protected by the password.
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        const Export file = writeExport(*arena, builder, "wrong-password",
                                        KdbxHeader::Cipher::ChaCha20, true, false);
        const Run listed = cli("ls", {}, file.path, {}, "not the password", {});
        QVERIFY(listed.exitCode != 0);
    }
};

QTEST_GUILESS_MAIN(TestKdbxPeers)
#include "TestKdbxPeers.moc"
