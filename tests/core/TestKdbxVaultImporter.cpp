// KdbxVaultImporter: every checked-in KeePass database (KDBX 3.1 / 4.0 / 4.1, every cipher, KDF
// and key file kind) imports into a vault with every field intact — groups, custom fields with
// their protect flags, TOTP (otp and the older fields) in the TOTP field, history with its times,
// attachments in the pool, the browser association and the root UUID as the identity; the
// recycle bin is left out unless asked for; what cannot be held is reported, never dropped; a
// failed import leaves the contents as they were.
#include "KdbxFixtures.h"
#include "KdbxVaultChecks.h"
#include "TestSupport.h"
#include "kdbx/KdbxVaultImporter.h"
#include "kdbx/KdbxWriter.h"
#include "vault/VaultContents.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

class TestKdbxVaultImporter : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;
    std::vector<KdbxFixture> m_fixtures;

    const KdbxFixture& fixture(const std::string& name)
    {
        for (const KdbxFixture& f : m_fixtures)
            if (f.file == name)
                return f;
        qFatal("no fixture %s", name.c_str());
    }

    KdbxDatabase read(const KdbxFixture& f, bool keepRecycleBin = false)
    {
        KdbxReadOptions options;
        options.keepRecycleBin = keepRecycleBin;
        auto database = readKdbxFixture(*m_arena, kdbxFixtureDir(), f, options);
        if (!database)
            qFatal("%s: %s", f.file.c_str(), database.error().message.c_str());
        return std::move(database.value());
    }

    VaultContents fresh() { return VaultContents::createEmpty(*m_arena).value(); }

    // serialize() -> load(): what a save and a reopen would see (and the load validates).
    VaultContents reloaded(const VaultContents& contents)
    {
        auto payload = contents.serialize();
        if (!payload)
            qFatal("%s", payload.error().message.c_str());
        auto loaded = VaultContents::load(std::move(payload.value()), *m_arena);
        if (!loaded)
            qFatal("reload: %s", loaded.error().message.c_str());
        return std::move(loaded.value());
    }

private slots:
    void initTestCase()
    {
        m_arena = makeArena();
        m_fixtures = readKdbxManifest(kdbxFixtureDir());
    }

    void everyFixture_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < m_fixtures.size(); ++i)
            QTest::newRow(m_fixtures[i].file.c_str()) << int(i);
    }
    void everyFixture()
    {
        QFETCH(int, index);
        const KdbxFixture& f = m_fixtures[std::size_t(index)];
        std::optional<KdbxKeyFile> keyFile;
        std::optional<SecretBuffer> password;
        auto key = kdbxFixtureKey(*m_arena, kdbxFixtureDir(), f, keyFile, password);
        ARCANUM_VERIFY_OK(key);
        auto file = KdbxReader::readFile(std::string(kdbxFixtureDir()) + "/" + f.file);
        ARCANUM_VERIFY_OK(file);
        KdbxImportReport timings;
        auto database = KdbxVaultImporter::read(*m_arena, *file, *key, {}, &timings);
        ARCANUM_VERIFY_OK(database);
        QVERIFY(timings.kdfMs > 0);
        VaultContents contents = fresh();
        const double kdfMs = timings.kdfMs;
        auto report =
            KdbxVaultImporter::apply(contents, *m_arena, *database, {}, std::move(timings));
        ARCANUM_VERIFY_OK(report);
        QCOMPARE(report->kdfMs, kdfMs);
        QVERIFY(report->skipped.empty());
        checkImportedVault(*m_arena, contents, f.content, f.maker);
        if (f.content != "keyed") {
            QCOMPARE(report->entries, contents.entryCount());
            QCOMPARE(report->groups, std::size_t(3)); // Internet, Internet/Mail, Banking
            QCOMPARE(report->historyVersions, std::size_t(2));
            QCOMPARE(report->totp, std::size_t(3));
            QCOMPARE(report->legacyTotp, std::size_t(1));
            QCOMPARE(report->associations, std::size_t(1));
            QVERIFY(report->identitySet);
            QCOMPARE(report->attachmentData, std::size_t(2)); // history shares GitHub's file
            QCOMPARE(report->recycleBinEntries, std::size_t(1));
            QCOMPARE(report->recycleBinGroups, std::size_t(1));
        }
        // What a save would write loads again, and holds the same.
        VaultContents again = reloaded(contents);
        checkImportedVault(*m_arena, again, f.content, f.maker);
    }

    void keepsTheRecycleBinWhenAsked()
    {
        const KdbxFixture& f = fixture("kdbx4-pykeepass-chacha20-argon2id.kdbx");
        KdbxDatabase database = read(f, true);
        KdbxImportOptions options;
        options.keepRecycleBin = true;
        VaultContents contents = fresh();
        auto report = KdbxVaultImporter::apply(contents, *m_arena, database, options);
        ARCANUM_VERIFY_OK(report);
        QCOMPARE(report->recycleBinEntries, std::size_t(0));
        const auto old = vaultEntry(contents, *m_arena, "Old account");
        QVERIFY(old.has_value());
        QCOMPARE(vaultGroupPath(contents, old->group()), std::string("Recycle Bin"));
        QVERIFY(equals(old->password(), "trash-pass"));

        // A database read with its bin, applied without: the bin is still left out.
        VaultContents without = fresh();
        auto report2 = KdbxVaultImporter::apply(without, *m_arena, database, {});
        ARCANUM_VERIFY_OK(report2);
        QVERIFY(!vaultEntry(without, *m_arena, "Old account").has_value());
        QCOMPARE(report2->recycleBinEntries, std::size_t(1));
        QCOMPARE(report2->recycleBinGroups, std::size_t(1));
    }

    void importsIntoAGroup()
    {
        KdbxDatabase database = read(fixture("kdbx41-keepassxc.kdbx"));
        VaultContents contents = fresh();
        const SecretBuffer name = secret(*m_arena, "From KeePassXC");
        const EntryId into = contents.addGroup(name.span()).value();
        KdbxImportOptions options;
        options.intoGroup = into;
        ARCANUM_VERIFY_OK(KdbxVaultImporter::apply(contents, *m_arena, database, options));
        QCOMPARE(vaultGroupPath(contents, vaultEntry(contents, *m_arena, "Webmail")->group()),
                 std::string("From KeePassXC/Internet/Mail"));
        QCOMPARE(vaultEntry(contents, *m_arena, "Steam")->group(), into);
    }

    // A vault that already talks to a browser keeps its identity: the KeePass associations
    // were made for another database hash and are reported, not added.
    void aVaultWithAssociationsKeepsItsIdentity()
    {
        KdbxDatabase database = read(fixture("kdbx41-keepassxc.kdbx"));
        VaultContents contents = fresh();
        const SecretBuffer name = secret(*m_arena, "firefox");
        const SecretBuffer key = secret(*m_arena, QByteArray(32, 'k'));
        ARCANUM_VERIFY_OK(contents.addAssociation(name.span(), key.span()));
        const auto identity = contents.identity();
        auto report = KdbxVaultImporter::apply(contents, *m_arena, database);
        ARCANUM_VERIFY_OK(report);
        QVERIFY(!report->identitySet);
        QCOMPARE(contents.identity(), identity);
        QCOMPARE(contents.associationCount(), std::size_t(1));
        QCOMPARE(report->skipped.size(), std::size_t(1));
        const KdbxImportSkip& skip = report->skipped[0];
        QCOMPARE(skip.kind, KdbxImportSkip::Kind::Association);
        QVERIFY(equals(skip.item.span(), "laptop"));
        QVERIFY2(skip.reason.find("keeps its identity") != std::string::npos, skip.reason.c_str());
        checkImportedVault(*m_arena, contents, "full", "keepassxc", false);
    }

    void optionsLeaveIdentityAndAssociations()
    {
        KdbxDatabase database = read(fixture("kdbx41-keepassxc.kdbx"));
        VaultContents contents = fresh();
        const auto identity = contents.identity();
        KdbxImportOptions options;
        options.takeIdentity = false;
        options.takeAssociations = false;
        auto report = KdbxVaultImporter::apply(contents, *m_arena, database, options);
        ARCANUM_VERIFY_OK(report);
        QCOMPARE(contents.identity(), identity);
        QCOMPARE(contents.associationCount(), std::size_t(0));
        QVERIFY(report->skipped.empty());
    }

    // Importing the same database twice: the second copy gets fresh ids (no two entries share
    // one, which would make the vault unreadable) and the association name is reported.
    void importingTwiceGivesFreshIds()
    {
        KdbxDatabase database = read(fixture("kdbx4-pykeepass-aes-argon2d.kdbx"));
        VaultContents contents = fresh();
        ARCANUM_VERIFY_OK(KdbxVaultImporter::apply(contents, *m_arena, database));
        auto second = KdbxVaultImporter::apply(contents, *m_arena, database);
        ARCANUM_VERIFY_OK(second);
        QCOMPARE(contents.entryCount(), std::size_t(8));
        QCOMPARE(contents.groupCount(), std::size_t(6));
        QCOMPARE(second->skipped.size(), std::size_t(1));
        QVERIFY2(second->skipped[0].reason.find("of that name already") != std::string::npos,
                 second->skipped[0].reason.c_str());
        VaultContents again = reloaded(contents);
        QCOMPARE(again.entryCount(), std::size_t(8));
        QCOMPARE(again.attachmentDataCount(), std::size_t(2)); // same bytes stored once
    }

    // What the vault cannot hold is listed with the entry's title, never dropped silently.
    void reportsWhatItCannotHold()
    {
        KdbxSampleBuilder sample(*m_arena);
        KdbxDatabase database = sample.build();
        KdbxEntry& forum = database.entries[0];
        forum.attachments.push_back({sample.text("notes.bin"), 0}); // a second one of that name
        for (KdbxString& field : forum.strings)
            if (equals(field.key, "otp"))
                field.value = sample.text("otpauth://hotp/Forum?secret=JBSWY3DPEHPK3PXP&counter=1");
        forum.strings.push_back({sample.text(""), sample.text("nameless"), false});
        VaultContents contents = fresh();
        auto report = KdbxVaultImporter::apply(contents, *m_arena, database);
        ARCANUM_VERIFY_OK(report);

        std::vector<std::string> seen;
        for (const KdbxImportSkip& skip : report->skipped) {
            seen.push_back(std::to_string(int(skip.kind)) + " " + spanText(skip.entryTitle.span()) +
                           " / " + spanText(skip.item.span()) + ": " + skip.reason);
        }
        const std::vector<std::string> expected = {
            // The sample's association key is 10 bytes, not 32.
            "1  / desktop: its key is not a 32-byte public key in Base64",
            "3 Forum / otp: not a TOTP setting Arcanum reads; kept as a protected custom field",
            "2 Forum / : a custom field without a name",
            "0 Forum / notes.bin: a second attachment of the same name in the entry",
        };
        QCOMPARE(seen, expected);
        const auto entry = vaultEntry(contents, *m_arena, "Forum");
        QVERIFY(entry.has_value());
        QVERIFY(entry->totp().empty());
        auto fields = vaultCustomFields(*entry);
        QVERIFY(fields["otp"].isProtected);
        QCOMPARE(fields["otp"].value,
                 std::string("otpauth://hotp/Forum?secret=JBSWY3DPEHPK3PXP&counter=1"));
        QCOMPARE(fields["Security answer"].value, std::string("Blue"));
        QVERIFY(fields["Security answer"].isProtected);
        QVERIFY(!fields["Member id"].isProtected);
        QCOMPARE(entry->attachmentCount(), std::size_t(1));
        QCOMPARE(entry->historyCount(), std::size_t(1));
        QVERIFY(equals(entry->historyVersion(0)->password(), "older forum pass"));
        QCOMPARE(entry->historyVersion(0)->modified(), std::int64_t(1550000000) * 1000);
        // The sample's recycle bin ("Trash") is left out.
        QVERIFY(!vaultEntry(contents, *m_arena, "Binned").has_value());
        QCOMPARE(report->recycleBinEntries, std::size_t(1));
    }

    void anUnknownTargetGroupChangesNothing()
    {
        KdbxDatabase database = read(fixture("kdbx41-keepassxc.kdbx"));
        VaultContents contents = fresh();
        KdbxImportOptions options;
        options.intoGroup = EntryId::random();
        auto report = KdbxVaultImporter::apply(contents, *m_arena, database, options);
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::NotFound);
        QCOMPARE(contents.entryCount(), std::size_t(0));
        QCOMPARE(contents.groupCount(), std::size_t(0));
    }

    // The checkpoint a failed import rolls back to: groups, entries, associations, attachment
    // data, identity and the modified flag as they were.
    void rollbackUndoesAdditions()
    {
        VaultContents contents = reloaded(fresh());
        QVERIFY(!contents.isModified());
        const auto identity = contents.identity();
        const auto mark = contents.checkpoint();
        const SecretBuffer name = secret(*m_arena, "Group");
        ARCANUM_VERIFY_OK(contents.addGroupAs(EntryId::random(), name.span(), {}, 1000));
        EntryDraft draft(*m_arena);
        ARCANUM_VERIFY_OK(draft.addAttachment(name.span(), name.span()));
        ARCANUM_VERIFY_OK(contents.addEntryAs(EntryId::random(), draft, 1000, 2000));
        const SecretBuffer key = secret(*m_arena, QByteArray(32, 'k'));
        ARCANUM_VERIFY_OK(contents.addAssociation(name.span(), key.span()));
        const std::array<std::uint8_t, 16> other{1, 2, 3};
        ARCANUM_VERIFY_OK(contents.setIdentity(other));
        QCOMPARE(contents.attachmentDataCount(), std::size_t(1));
        contents.rollback(mark);
        QCOMPARE(contents.groupCount(), std::size_t(0));
        QCOMPARE(contents.entryCount(), std::size_t(0));
        QCOMPARE(contents.associationCount(), std::size_t(0));
        QCOMPARE(contents.attachmentDataCount(), std::size_t(0));
        QCOMPARE(contents.identity(), identity);
        QVERIFY(!contents.isModified());
    }

    void addEntryAsRefusesAnIdInUse()
    {
        VaultContents contents = fresh();
        EntryDraft draft(*m_arena);
        const EntryId id = EntryId::random();
        ARCANUM_VERIFY_OK(contents.addEntryAs(id, draft, 1000, 2000));
        auto again = contents.addEntryAs(id, draft, 1000, 2000);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        const SecretBuffer name = secret(*m_arena, "Group");
        auto group = contents.addGroupAs(id, name.span(), {}, 1000);
        QVERIFY(!group);
        QCOMPARE(group.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(contents.entryCount(), std::size_t(1));
    }

    // importFile: the one call the CLI makes; a wrong key leaves the vault as it was.
    void wrongKeyChangesNothing()
    {
        const KdbxFixture& f = fixture("kdbx4-pykeepass-chacha20-argon2id.kdbx");
        auto file = KdbxReader::readFile(std::string(kdbxFixtureDir()) + "/" + f.file);
        ARCANUM_VERIFY_OK(file);
        const SecretBuffer wrong = secret(*m_arena, "not the password");
        auto key = KdbxKey::fromPassword(*m_arena, wrong.span());
        ARCANUM_VERIFY_OK(key);
        auto database = KdbxVaultImporter::read(*m_arena, *file, *key);
        QVERIFY(!database);
        QCOMPARE(database.error().code, ErrorCode::WrongPassword);
    }
};

QTEST_GUILESS_MAIN(TestKdbxVaultImporter)
#include "TestKdbxVaultImporter.moc"
