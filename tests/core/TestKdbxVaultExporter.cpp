// KdbxVaultExporter: a vault written as KDBX 4 holds everything KDBX can — groups (the identity
// as the root UUID), entries with their ids, times, expiry, every field, TOTP as `otp`, further
// URLs as KP2A_URL_n, custom fields with their protect flags, history oldest first, attachments
// stored once, KeePassXC-Browser associations — and import → export → import gives the same
// vault, byte for byte in every field. (That KeePassXC itself opens the files: TestKdbxPeers.)
#include "KdbxFixtures.h"
#include "KdbxVaultChecks.h"
#include "TestSupport.h"
#include "kdbx/KdbxVaultExporter.h"
#include "kdbx/KdbxVaultImporter.h"

#include <QFile>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

class TestKdbxVaultExporter : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;
    std::vector<KdbxFixture> m_fixtures;
    QTemporaryDir m_dir;

    VaultContents imported(const std::string& name)
    {
        for (const KdbxFixture& f : m_fixtures) {
            if (f.file != name)
                continue;
            auto database = readKdbxFixture(*m_arena, kdbxFixtureDir(), f);
            if (!database)
                qFatal("%s", database.error().message.c_str());
            VaultContents contents = VaultContents::createEmpty(*m_arena).value();
            auto report = KdbxVaultImporter::apply(contents, *m_arena, *database);
            if (!report)
                qFatal("%s", report.error().message.c_str());
            return contents;
        }
        qFatal("no fixture %s", name.c_str());
    }

    KdbxKey key(const char* password)
    {
        const SecretBuffer text = secret(*m_arena, password);
        return KdbxKey::fromPassword(*m_arena, text.span()).value();
    }

    VaultContents importFile(const std::string& path, const KdbxKey& key,
                             KdbxImportReport* out = nullptr)
    {
        auto file = KdbxReader::readFile(path);
        if (!file)
            qFatal("%s", file.error().message.c_str());
        auto database = KdbxVaultImporter::read(*m_arena, *file, key);
        if (!database)
            qFatal("%s", database.error().message.c_str());
        VaultContents contents = VaultContents::createEmpty(*m_arena).value();
        auto report = KdbxVaultImporter::apply(contents, *m_arena, *database);
        if (!report)
            qFatal("%s", report.error().message.c_str());
        if (out != nullptr)
            *out = std::move(report.value());
        return contents;
    }

private slots:
    void initTestCase()
    {
        m_arena = makeArena();
        m_fixtures = readKdbxManifest(kdbxFixtureDir());
    }

    void theModelHoldsTheVault()
    {
        VaultContents contents = imported("kdbx41-keepassxc.kdbx");
        KdbxExportReport report;
        auto database = KdbxVaultExporter::build(contents, *m_arena, &report);
        ARCANUM_VERIFY_OK(database);
        QCOMPARE(database->rootUuid().toString(),
                 std::string("4a02c686-618d-5b9f-acc8-90652a7497bb"));
        QCOMPARE(report.entries, std::size_t(4));
        QCOMPARE(report.groups, std::size_t(3));
        QCOMPARE(report.historyVersions, std::size_t(2));
        QCOMPARE(report.totp, std::size_t(3));
        QCOMPARE(report.associations, std::size_t(1));
        QCOMPARE(database->binaries.size(), std::size_t(2)); // GitHub's file shared by history
        QCOMPARE(kdbxGroupPath(*database, findKdbxEntry(*database, "Webmail")->group),
                 std::string("Internet/Mail"));
        const KdbxEntry* github = findKdbxEntry(*database, "GitHub");
        QVERIFY(github != nullptr);
        QCOMPARE(github->uuid.toString(), std::string("a9aadacc-6401-5077-bbd6-36d75e978143"));
        QCOMPARE(github->history.size(), std::size_t(2));
        QVERIFY(equals(github->history[0].password(), "old-pass-1")); // oldest first again
        QCOMPARE(github->times.created, std::int64_t(1580637600));
        QVERIFY(github->times.expires);
        const KdbxString* otp = github->findString(KdbxEntry::otpKey);
        QVERIFY(otp != nullptr && otp->isProtected);
        QVERIFY(github->findString("PIN")->isProtected);
        QVERIFY(!github->findString("Recovery email")->isProtected);
        // The legacy fields were read into the TOTP field; they come back as an otp URI.
        const KdbxEntry* webmail = findKdbxEntry(*database, "Webmail");
        QCOMPARE(
            totpCode(*m_arena, TotpUri::parse(*m_arena, webmail->string(KdbxEntry::otpKey)), 59),
            std::string("94287082"));
        int associations = 0;
        database->forEachBrowserAssociation([&](SecretSpan name, SecretSpan value) {
            ++associations;
            QVERIFY(equals(name, "laptop"));
            QVERIFY(equals(value, "x3Iq8nuOH2ujexIhr3Zb0TS3Gqp7fl9z8hwmRdbSzFY="));
        });
        QCOMPARE(associations, 1);
    }

    // import -> export -> import: the same vault, for every kind of source file.
    void roundTripIsIdentical_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("cipher");
        for (const char* name : {"kdbx31-keepassxc.kdbx", "kdbx41-keepassxc.kdbx",
                                 "kdbx4-pykeepass-twofish-aeskdf.kdbx",
                                 "kdbx31-pykeepass-twofish.kdbx", "keyfile-xml2.kdbx"})
            QTest::newRow(name) << name << int(KdbxHeader::Cipher::ChaCha20);
        QTest::newRow("AES-256") << "kdbx4-keepassxc-argon2id.kdbx"
                                 << int(KdbxHeader::Cipher::Aes256Cbc);
    }
    void roundTripIsIdentical()
    {
        QFETCH(QString, fixture);
        QFETCH(int, cipher);
        VaultContents first = imported(fixture.toStdString());
        const std::string path = m_dir.filePath(fixture + ".out.kdbx").toStdString();
        const KdbxKey newKey = key("export password");
        auto report = KdbxVaultExporter::exportFile(
            first, *m_arena, path, newKey, cheapKdbxWriteOptions(KdbxHeader::Cipher(cipher)));
        ARCANUM_VERIFY_OK(report);
        QVERIFY(report->writeMs > 0);
        KdbxImportReport again;
        VaultContents second = importFile(path, newKey, &again);
        QVERIFY(again.skipped.empty());
        QCOMPARE(describeVault(second), describeVault(first));
        auto bytes = KdbxReader::readFile(path);
        ARCANUM_VERIFY_OK(bytes);
        auto header = KdbxReader::readHeader(*bytes);
        ARCANUM_VERIFY_OK(header);
        QCOMPARE(int(header->cipher), cipher);
        QCOMPARE(header->version, kdbx::version40);
    }

    // What only the vault has: several URLs, the browser flag, a bare Base32 TOTP secret, a
    // custom field named like a KDBX key in use, entries without a group; site decisions are
    // counted, not written.
    void vaultOnlyData()
    {
        VaultContents contents = VaultContents::createEmpty(*m_arena).value();
        EntryDraft draft(*m_arena);
        const auto set = [&](EntryField field, const char* value) {
            ARCANUM_VERIFY_OK(draft.set(field, secret(*m_arena, value).span()));
        };
        set(EntryField::Title, "Multi");
        set(EntryField::Totp, "JBSWY3DPEHPK3PXP");
        ARCANUM_VERIFY_OK(draft.addUrl(secret(*m_arena, "https://one.example").span()));
        ARCANUM_VERIFY_OK(draft.addUrl(secret(*m_arena, "https://two.example").span()));
        ARCANUM_VERIFY_OK(draft.addUrl(secret(*m_arena, "https://three.example").span()));
        ARCANUM_VERIFY_OK(draft.addCustomField(secret(*m_arena, "otp").span(),
                                               secret(*m_arena, "not the totp").span(), false));
        ARCANUM_VERIFY_OK(draft.setSiteAccess(secret(*m_arena, "https://one.example:443").span(),
                                              SiteDecision::Allow));
        draft.setAutofillFlags(EntryView::hiddenFromBrowserFlag);
        ARCANUM_VERIFY_OK(contents.addEntry(draft));

        const std::string path = m_dir.filePath("vault-only.kdbx").toStdString();
        const KdbxKey newKey = key("pw");
        auto report = KdbxVaultExporter::exportFile(contents, *m_arena, path, newKey,
                                                    cheapKdbxWriteOptions());
        ARCANUM_VERIFY_OK(report);
        QCOMPARE(report->siteDecisions, std::size_t(1));
        QCOMPARE(report->renamedFields, std::size_t(1));
        auto file = KdbxReader::readFile(path);
        auto database = KdbxReader::read(*m_arena, *file, newKey);
        ARCANUM_VERIFY_OK(database);
        const KdbxEntry& entry = database->entries.at(0);
        QVERIFY(equals(entry.url(), "https://one.example"));
        QVERIFY(equals(entry.string("KP2A_URL_1"), "https://two.example"));
        QVERIFY(equals(entry.string("KP2A_URL_2"), "https://three.example"));
        QVERIFY(equals(entry.string("otp (2)"), "not the totp"));
        QVERIFY(TotpUri::parse(*m_arena, entry.string("otp")).ok());
        QVERIFY(spanText(entry.string("otp")).starts_with("otpauth://totp/"));
        QCOMPARE(entry.customData.size(), std::size_t(1));
        QVERIFY(equals(entry.customData[0].key, "BrowserHideEntry"));
        QVERIFY(equals(entry.customData[0].value, "true"));
        QCOMPARE(entry.group, 0u);

        // And back: the URLs and the flag return.
        VaultContents back = importFile(path, newKey);
        const auto multi = vaultEntry(back, *m_arena, "Multi");
        QVERIFY(multi.has_value());
        std::vector<std::string> urls;
        multi->forEachUrl([&](SecretSpan url) { urls.push_back(spanText(url)); });
        QCOMPARE(urls, (std::vector<std::string>{"https://one.example", "https://two.example",
                                                 "https://three.example"}));
        QVERIFY(multi->isHiddenFromBrowser());
        QCOMPARE(vaultTotpCode(*m_arena, *multi, 0), vaultTotpCode(*m_arena, contents.entry(0), 0));
    }

    // The write is the crash-safe replace: an existing file is replaced whole, and a target
    // in a missing folder fails without leaving anything.
    void replacesAtomically()
    {
        VaultContents contents = imported("kdbx41-keepassxc.kdbx");
        QTemporaryDir dir;
        const QString path = dir.filePath("replace.kdbx");
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old content");
        }
        ARCANUM_VERIFY_OK(KdbxVaultExporter::exportFile(contents, *m_arena, path.toStdString(),
                                                        key("pw"), cheapKdbxWriteOptions()));
        QVERIFY(QFile(path).size() > 1000);
        const QString missing = dir.filePath("no/such/folder/out.kdbx");
        auto failed = KdbxVaultExporter::exportFile(contents, *m_arena, missing.toStdString(),
                                                    key("pw"), cheapKdbxWriteOptions());
        QVERIFY(!failed);
        QVERIFY(!QFile::exists(missing));
        // No temporary file left behind next to the replaced one.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{"replace.kdbx"});
    }
};

QTEST_GUILESS_MAIN(TestKdbxVaultExporter)
#include "TestKdbxVaultExporter.moc"
