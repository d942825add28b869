// End-to-end tests of arcanum-cli's KeePass commands through the real binary (docs/CLI.md):
// import-kdbx of every kind of file (KDBX 3.1 and 4, AES-KDF and Argon2, AES / Twofish /
// ChaCha20, Salsa20 inner stream, key files, key file only), export-kdbx that keepassxc-cli opens
// (password, password + key file), a round trip, totp, and bad input — wrong password or key
// file (one message), damaged, truncated, unsupported, KDF costs beyond the limits, missing —
// each with its exit status and the vault file left byte for byte as it was.
#include "CliVaultTest.h"
#include "KdbxFixtures.h"
#include "kdbx/KdbxHeader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <sodium.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

const QByteArray kdbxPassword = "fixture password";

QString fixturePath(const char* name)
{
    return QString(kdbxFixtureDir()) + "/" + name;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

} // namespace

class TestKdbxCli : public CliVaultTest
{
    Q_OBJECT

    CliResult import(const QString& vault, const QString& file, const QStringList& options = {},
                     const QByteArray& password = kdbxPassword)
    {
        return onVault(
            QStringList{"import-kdbx", vault, file} + options +
                (password.isNull() ? QStringList() : QStringList{"--kdbx-password-fd", "0"}),
            password.isNull() ? QByteArray() : password + "\n");
    }

    QByteArray show(const QString& vault, const QString& entry)
    {
        const CliResult r = onVault({"show", vault, entry, "--reveal"});
        if (r.exitCode != 0)
            qWarning("show failed: %s", r.err.constData());
        return r.out;
    }

    // keepassxc-cli COMMAND [options] [-k KEY] DATABASE ARGS, the password on stdin.
    CliResult keepassxc(const QString& command, const QStringList& options, const QString& db,
                        const QStringList& args, const QByteArray& password,
                        const QString& keyFile = {})
    {
        QStringList all{command, "-q"};
        all += options;
        if (!keyFile.isEmpty())
            all += {"-k", keyFile};
        all += db;
        all += args;
        CliRunner runner("keepassxc-cli");
        runner.setEnvironment("HOME", m_dir.path());
        runner.setEnvironment("XDG_CONFIG_HOME", m_dir.path());
        runner.setEnvironment("QT_QPA_PLATFORM", "offscreen");
        return runner.run(all, password + "\n");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!QStandardPaths::findExecutable("keepassxc-cli").isEmpty(),
                 "keepassxc-cli is missing: install Debian's keepassxc (packaging/quickstart.sh)");
        QFile state(m_dir.filePath("power-state"));
        QVERIFY(state.open(QIODevice::WriteOnly));
        state.write("freeze mem\n");
        state.close();
        m_cli.setEnvironment("ARCANUM_SYS_POWER_STATE", state.fileName());
    }

    void help_data()
    {
        QTest::addColumn<QString>("command");
        for (const char* c : {"import-kdbx", "export-kdbx", "totp"})
            QTest::newRow(c) << QString(c);
    }
    void help()
    {
        QFETCH(QString, command);
        const CliResult r = m_cli.run({command, "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("usage: arcanum-cli " + command.toUtf8()));
        QVERIFY(m_cli.run({"--help"}).out.contains("  " + command.toUtf8() + " VAULT"));
    }

    void importsEveryKindOfFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QByteArray>("password"); // null: --no-password
        QTest::newRow("KDBX 3.1, AES, AES-KDF (keepassxc)")
            << "kdbx31-keepassxc.kdbx" << QStringList() << kdbxPassword;
        QTest::newRow("KDBX 3.1, Twofish, Salsa20 (pykeepass)")
            << "kdbx31-pykeepass-twofish.kdbx" << QStringList() << kdbxPassword;
        QTest::newRow("KDBX 4, Twofish, AES-KDF, Salsa20")
            << "kdbx4-pykeepass-twofish-aeskdf.kdbx" << QStringList() << kdbxPassword;
        QTest::newRow("KDBX 4, ChaCha20, Argon2id")
            << "kdbx4-pykeepass-chacha20-argon2id.kdbx" << QStringList() << kdbxPassword;
        QTest::newRow("KDBX 4.1 (keepassxc)")
            << "kdbx41-keepassxc.kdbx" << QStringList() << kdbxPassword;
        QTest::newRow("XML v2 key file and password")
            << "keyfile-xml2.kdbx" << QStringList{"--key-file", fixturePath("keyfile-xml2.keyx")}
            << kdbxPassword;
        QTest::newRow("key file only")
            << "keyfile-random-only.kdbx"
            << QStringList{"--key-file", fixturePath("keyfile-random.key"), "--no-password"}
            << QByteArray();
    }
    void importsEveryKindOfFile()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, options);
        QFETCH(QByteArray, password);
        const QString vault = newVault();
        const CliResult r =
            import(vault, fixturePath(file.toUtf8().constData()), options, password);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const bool keyed = file.startsWith("keyfile");
        if (keyed) {
            QVERIFY2(r.err.contains("Imported 1 entry (0 history versions) in 0 groups"),
                     r.err.constData());
            QVERIFY(show(vault, "Keyed entry").contains("Password: keyed-pass\n"));
            return;
        }
        QVERIFY2(r.err.contains("Imported 4 entries (2 history versions) in 3 groups"),
                 r.err.constData());
        QVERIFY2(r.err.contains("3 TOTP (1 from TOTP Seed/Settings), 1 browser association"),
                 r.err.constData());
        QVERIFY(r.err.contains("KeePassXC-Browser keeps its connection"));
        QVERIFY(r.err.contains("Left out the recycle bin: 1 entry in 1 group"));
        const QByteArray github = show(vault, "GitHub");
        for (const char* line :
             {"Title: GitHub\n", "Username: octo@example.com\n", "Password: gh-Pa55w0rd!\n",
              "URL: https://github.com/login\n", "Recovery email: backup@example.com\n",
              "PIN: 4321\n", "TOTP: otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP"})
            QVERIFY2(github.contains(line), (QByteArray(line) + " not in:\n" + github).constData());
        const CliResult steam = onVault({"totp", vault, "Steam"});
        QCOMPARE(steam.exitCode, 0);
        QVERIFY2(QRegularExpression("^[2-9B-DF-HJ-KM-NP-RTV-Y]{5}\n$")
                     .match(QString::fromUtf8(steam.out))
                     .hasMatch(),
                 steam.out.constData());
        const CliResult webmail = onVault({"totp", vault, "Webmail"});
        QCOMPARE(webmail.exitCode, 0);
        QVERIFY2(
            QRegularExpression("^[0-9]{8}\n$").match(QString::fromUtf8(webmail.out)).hasMatch(),
            webmail.out.constData());
        QVERIFY(webmail.err.contains("more seconds"));
    }

    void keepRecycleBinAndGroup()
    {
        const QString vault = newVault();
        const CliResult r = import(vault, fixturePath("kdbx41-keepassxc.kdbx"),
                                   {"--keep-recycle-bin", "--group", "From KeePassXC"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.err.contains("Left out the recycle bin"));
        const QByteArray old = show(vault, "Old account");
        QVERIFY2(old.contains("Group: From KeePassXC / Recycle Bin\n"), old.constData());
    }

    void totpWithoutSecretIsNotFound()
    {
        const QString vault = newVault();
        QCOMPARE(import(vault, fixturePath("kdbx41-keepassxc.kdbx")).exitCode, 0);
        const CliResult r = onVault({"totp", vault, "Bank <&> \"quoted\""});
        QCOMPARE(r.exitCode, 4);
        QVERIFY(r.err.contains("no TOTP secret"));
        QVERIFY(r.out.isEmpty());
    }

    // export-kdbx -> keepassxc-cli opens it (password; password + key file) with the entries,
    // fields and TOTP codes; then import -> the same entries as the first vault.
    void exportOpensInKeePassXCAndRoundTrips_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("keyFile");
        QTest::newRow("ChaCha20, password") << QStringList() << QString();
        QTest::newRow("AES-256, password and key file")
            << QStringList{"--aes", "--key-file", fixturePath("keyfile-hex64.key")}
            << fixturePath("keyfile-hex64.key");
    }
    void exportOpensInKeePassXCAndRoundTrips()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, keyFile);
        const QString vault = newVault();
        QCOMPARE(import(vault, fixturePath("kdbx4-pykeepass-aes-argon2d.kdbx")).exitCode, 0);
        const QString out = m_dir.filePath(QString("export-%1.kdbx").arg(m_vaults));
        const QByteArray newPassword = "new kdbx password";
        const CliResult exported =
            onVault(QStringList{"export-kdbx", vault, out, "--kdbx-password-fd", "0"} + options,
                    newPassword + "\n");
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY2(exported.err.contains("Exported 4 entries (2 history versions) in 3 groups"),
                 exported.err.constData());

        const CliResult listed = keepassxc("ls", {"-R", "-f"}, out, {}, newPassword, keyFile);
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        for (const char* line : {"Internet/GitHub\n", "Internet/Mail/Webmail\n", "Steam\n"})
            QVERIFY2(listed.out.contains(line), listed.out.constData());
        const CliResult shown =
            keepassxc("show", {"-s", "--all"}, out, {"Internet/GitHub"}, newPassword, keyFile);
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        for (const char* line :
             {"Password: gh-Pa55w0rd!\n", "PIN: 4321\n", "Recovery email: backup@example.com\n"})
            QVERIFY2(shown.out.contains(line), shown.out.constData());
        // Both sides compute the same code (retried once across a period boundary).
        for (int attempt = 0; attempt < 2; ++attempt) {
            const CliResult theirs =
                keepassxc("show", {"-t"}, out, {"Steam"}, newPassword, keyFile);
            const CliResult ours = onVault({"totp", vault, "Steam"});
            QCOMPARE(theirs.exitCode, 0);
            QCOMPARE(ours.exitCode, 0);
            if (theirs.out.trimmed() == ours.out.trimmed())
                break;
            QVERIFY2(attempt == 0, (theirs.out + " vs " + ours.out).constData());
        }

        // And back into a new vault: the same entries, field for field.
        const QString second = newVault();
        const CliResult back = import(
            second, out, keyFile.isEmpty() ? QStringList() : QStringList{"--key-file", keyFile},
            newPassword);
        QVERIFY2(back.exitCode == 0, back.err.constData());
        QCOMPARE(onVault({"ls", second}).out, onVault({"ls", vault}).out);
        for (const char* title : {"GitHub", "Webmail", "Steam", "Bank <&> \"quoted\""})
            QCOMPARE(show(second, title), show(vault, title));
    }

    void exportRefusesToReplaceWithoutForce()
    {
        const QString vault = newVault();
        const QString out = m_dir.filePath("exists.kdbx");
        writeAll(out, "precious");
        const CliResult r = onVault({"export-kdbx", vault, out, "--kdbx-password-fd", "0"}, "pw\n");
        QCOMPARE(r.exitCode, 9);
        QVERIFY(r.err.contains("--force"));
        QCOMPARE(readAll(out), QByteArray("precious"));
        const CliResult forced =
            onVault({"export-kdbx", vault, out, "--kdbx-password-fd", "0", "--force"}, "pw\n");
        QVERIFY2(forced.exitCode == 0, forced.err.constData());
        QVERIFY(readAll(out).startsWith("\x03\xd9\xa2\x9a"));
    }

    void usageErrors()
    {
        const QString vault = newVault();
        CliResult r =
            onVault({"import-kdbx", vault, fixturePath("kdbx41-keepassxc.kdbx"), "--no-password"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--no-password needs --key-file"));
        r = onVault({"import-kdbx", vault});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("Missing the KeePass database"));
        r = onVault({"export-kdbx", vault});
        QCOMPARE(r.exitCode, 2);
    }

    // Every kind of bad input: its exit status and message, and the vault untouched.
    void badInputLeavesTheVaultUntouched_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");

        QTest::newRow("wrong password") << fixturePath("kdbx41-keepassxc.kdbx") << QStringList()
                                        << QByteArray("not it") << 3 << QByteArray();
        QTest::newRow("wrong key file")
            << fixturePath("keyfile-hex64.kdbx")
            << QStringList{"--key-file", fixturePath("keyfile-binary32.key")} << kdbxPassword << 3
            << QByteArray();
        QTest::newRow("key file missing for a keyed database")
            << fixturePath("keyfile-hex64.kdbx") << QStringList() << kdbxPassword << 3
            << QByteArray();
        QTest::newRow("no such file") << m_dir.filePath("missing.kdbx") << QStringList()
                                      << kdbxPassword << 4 << QByteArray("missing.kdbx");
        QTest::newRow("no such key file")
            << fixturePath("kdbx41-keepassxc.kdbx")
            << QStringList{"--key-file", m_dir.filePath("missing.key")} << kdbxPassword << 4
            << QByteArray("missing.key");

        const QByteArray original = readAll(fixturePath("kdbx4-pykeepass-chacha20-argon2id.kdbx"));
        auto header =
            KdbxHeader::parse(std::span(reinterpret_cast<const std::uint8_t*>(original.constData()),
                                        std::size_t(original.size())));
        if (!header)
            qFatal("fixture header");
        QByteArray damaged = original;
        damaged[qsizetype(header->payloadOffset() + 36 + 10)] ^= 0x20;
        writeAll(m_dir.filePath("damaged.kdbx"), damaged);
        QTest::newRow("damaged block") << m_dir.filePath("damaged.kdbx") << QStringList()
                                       << kdbxPassword << 5 << QByteArray("Block 1 of");
        QByteArray headerDamaged = original;
        headerDamaged[60] ^= 0x01;
        writeAll(m_dir.filePath("header.kdbx"), headerDamaged);
        QTest::newRow("damaged header") << m_dir.filePath("header.kdbx") << QStringList()
                                        << kdbxPassword << 5 << QByteArray("SHA-256");
        writeAll(m_dir.filePath("truncated.kdbx"), original.left(original.size() - 40));
        QTest::newRow("truncated") << m_dir.filePath("truncated.kdbx") << QStringList()
                                   << kdbxPassword << 5 << QByteArray("");
        writeAll(m_dir.filePath("truncated-header.kdbx"), original.left(100));
        QTest::newRow("truncated header") << m_dir.filePath("truncated-header.kdbx")
                                          << QStringList() << kdbxPassword << 5 << QByteArray();
        QByteArray kdb1 = original;
        kdb1[4] = '\x65';
        writeAll(m_dir.filePath("kdb1.kdbx"), kdb1);
        QTest::newRow("KeePass 1.x") << m_dir.filePath("kdb1.kdbx") << QStringList() << kdbxPassword
                                     << 5 << QByteArray("KeePass 1.x");
        writeAll(m_dir.filePath("not.kdbx"), "PK\x03\x04 a zip file, not a KeePass database");
        QTest::newRow("not KeePass") << m_dir.filePath("not.kdbx") << QStringList() << kdbxPassword
                                     << 5 << QByteArray("not a KeePass");

        // AES-128: a cipher KDBX names but Arcanum does not read (header re-sealed).
        QByteArray aes128 = original;
        const QByteArray chacha("\xd6\x03\x8a\x2b\x8b\x6f\x4c\xb5\xa5\x24\x33\x9a\x31\xdb\xb5\x9a",
                                16);
        aes128.replace(chacha, QByteArray("\x61\xab\x05\xa1\x94\x64\x41\xc3\x8d\x74\x3a\x56\x3d"
                                          "\xf8\xdd\x35",
                                          16));
        crypto_hash_sha256(reinterpret_cast<unsigned char*>(aes128.data()) + header->size,
                           reinterpret_cast<const unsigned char*>(aes128.constData()),
                           header->size);
        writeAll(m_dir.filePath("aes128.kdbx"), aes128);
        QTest::newRow("unsupported cipher") << m_dir.filePath("aes128.kdbx") << QStringList()
                                            << kdbxPassword << 5 << QByteArray("AES-128");

        // Argon2 asking for 1 TiB: refused before anything runs.
        KdbxHeader costly;
        costly.encryptionIv.resize(12);
        costly.kdf = KdbxKdfParameters::argon2(KdbxKdfParameters::Algorithm::Argon2id,
                                               std::uint64_t(1) << 40, 2, 1);
        std::vector<std::uint8_t> bytes = costly.serialize();
        bytes.resize(bytes.size() + 64);
        crypto_hash_sha256(bytes.data() + bytes.size() - 64, bytes.data(), bytes.size() - 64);
        writeAll(m_dir.filePath("costly.kdbx"),
                 QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())));
        QTest::newRow("KDF beyond the limits")
            << m_dir.filePath("costly.kdbx") << QStringList() << kdbxPassword << 5
            << QByteArray("beyond sane limits");
    }
    void badInputLeavesTheVaultUntouched()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, options);
        QFETCH(QByteArray, password);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        const QString vault = newVault();
        QCOMPARE(import(vault, fixturePath("kdbx31-keepassxc.kdbx")).exitCode, 0);
        const QByteArray before = readAll(vault);
        const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);
        QElapsedTimer timer;
        timer.start();
        const CliResult r = import(vault, file, options, password);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(message), r.err.constData());
        if (exitCode == 3)
            // One message for a wrong password and a wrong or missing key file.
            QCOMPARE(r.err, QByteArray("arcanum-cli: Wrong password or key file for this KeePass "
                                       "database. (A database that also needs a YubiKey cannot "
                                       "be opened by Arcanum.)\n"));
        QCOMPARE(readAll(vault), before);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);
        if (QByteArray(QTest::currentDataTag()).startsWith("KDF"))
            QVERIFY(timer.elapsed() < 5000); // no Argon2 over 1 TiB ran
    }

    // An import that does not fit under the real 8 MiB memory-lock limit (as an unprivileged
    // user): exit 7, a message that says nothing was imported (not "nothing was unlocked": the
    // vault is open), and the vault's file unchanged. Before the fix in SecretRegion this also
    // crashed about one run in five (a failed mapping unmapped an Argon2 thread's stack).
    void importOverTheMemoryLockLimitChangesNothing()
    {
        QByteArray csv = "\"Group\",\"Title\",\"Username\",\"Password\",\"URL\",\"Notes\"\n";
        const QByteArray note(400, 'n'); // 12,000 entries of ~0.5 KB: over 8 MiB with the database
        for (int i = 0; i < 12000; ++i) {
            const QByteArray n = QByteArray::number(i);
            csv += "\"Root\",\"Entry " + n + "\",\"user" + n + "@example.org\",\"pw-" + n +
                   "-xK9#qLm2vR\",\"https://host" + n + ".example.org/login\",\"note " + n +
                   ": the recovery codes are in the safe " + note + "\"\n";
        }
        QFile csvFile(m_dir.filePath("big.csv"));
        QVERIFY(csvFile.open(QIODevice::WriteOnly));
        csvFile.write(csv);
        csvFile.close();
        const QString big = newVault();
        QCOMPARE(onVault({"import-csv", big, csvFile.fileName()}).exitCode, 0);
        const QString kdbx = m_dir.filePath("big.kdbx");
        const CliResult exported =
            onVault({"export-kdbx", big, kdbx, "--kdbx-password-fd", "0"}, kdbxPassword + "\n");
        QVERIFY2(exported.exitCode == 0, exported.err.constData());

        const QString vault = newVault();
        QFile vaultFile(vault);
        QVERIFY(vaultFile.open(QIODevice::ReadOnly));
        const QByteArray before = vaultFile.readAll();
        vaultFile.close();
        const bool root = geteuid() == 0;
        if (root) { // the limited user owns the vault and may read the database
            QVERIFY(::chown(vault.toLocal8Bit().constData(), 65534, 65534) == 0);
            QVERIFY(QFile::setPermissions(kdbx, QFile::ReadOwner | QFile::ReadOther));
            QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                            QFile::ExeOwner | QFile::ExeOther |
                                                            QFile::WriteOther));
        }
        const QString limited =
            QStringLiteral("prlimit --memlock=8388608:8388608 ") +
            (root ? QStringLiteral("setpriv --reuid=65534 --regid=65534 --clear-groups ")
                  : QString());
        const CliResult r = m_cli.run(
            {"-c",
             limited + "\"$0\" import-kdbx \"$1\" \"$2\" --password-fd 0 --kdbx-password-fd 0",
             m_cli.program(), vault, kdbx},
            master + "\n" + kdbxPassword + "\n", QStringLiteral("/bin/sh"));
        QVERIFY2(r.exitCode == 7, (QByteArray::number(r.exitCode) + ": " + r.err).constData());
        QVERIFY2(r.err.contains("Nothing was imported; the vault is unchanged."),
                 r.err.constData());
        QVERIFY2(!r.err.contains("Nothing was unlocked"), r.err.constData());
        QVERIFY2(r.err.contains("limits.conf"), r.err.constData());
        QVERIFY(vaultFile.open(QIODevice::ReadOnly));
        QCOMPARE(vaultFile.readAll(), before);
    }
};

QTEST_GUILESS_MAIN(TestKdbxCli)
#include "TestKdbxCli.moc"
