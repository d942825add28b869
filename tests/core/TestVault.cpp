// Tests for Vault: create, open, save, reopen; wrong password vs damaged file; change of master
// password; backups; refusing to overwrite a file changed on disk; format version 1 opened and
// saved as version 2; KDF costs beyond the limits refused before any derivation.
#include "TestSupport.h"
#include "Version1Writer.h"
#include "format/AtomicFile.h"
#include "format/ChunkLayout.h"
#include "format/VaultHeader.h"
#include "vault/Tags.h"
#include "vault/Vault.h"

#include <QFile>
#include <fstream>
#include <sodium.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

const Argon2Params fastKdf()
{
    return Argon2Params::withRandomSalt(256, 1, 2);
}

std::vector<std::uint8_t> readFile(const std::string& path)
{
    return AtomicFile::readAll(path, 1 << 30).value();
}

void writeFile(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    QVERIFY(AtomicFile::replace(path, bytes).ok());
}

} // namespace

class TestVault : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_input; // where the "typed" passwords live
    QTemporaryDir m_dir;

    std::string path(const char* name) const { return (m_dir.path() + "/" + name).toStdString(); }

private slots:
    void initTestCase()
    {
        m_input = makeArena();
        QVERIFY(m_dir.isValid());
    }

    void createOpenRoundTripWithEveryFieldType()
    {
        const std::string file = path("round.arcanum");
        SecretBuffer password = secret(*m_input, "correct horse battery staple");
        EntryId id;
        {
            auto vault = Vault::create(file, password.span(), fastKdf());
            ARCANUM_VERIFY_OK(vault);
            SecretArena& arena = (*vault)->arena();
            auto group = (*vault)->contents().addGroup(secret(arena, "Réseaux sociaux").span());
            ARCANUM_VERIFY_OK(group);
            EntryDraft draft(arena);
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Title, secret(arena, "Mastodon — café").span()));
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Username, secret(arena, "zoë@example.org").span()));
            ARCANUM_VERIFY_OK(draft.set(EntryField::Password, secret(arena, "pässwörd€𝄞").span()));
            ARCANUM_VERIFY_OK(draft.addUrl(secret(arena, "https://social.example/").span()));
            ARCANUM_VERIFY_OK(draft.addUrl(secret(arena, "https://m.social.example/").span()));
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Notes, secret(arena, "line 1\nline 2 — ✓").span()));
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Totp, secret(arena, "JBSWY3DPEHPK3PXP").span()));
            ARCANUM_VERIFY_OK(draft.addTag(secret(arena, "social").span()));
            ARCANUM_VERIFY_OK(draft.addTag(secret(arena, "日本語").span()));
            ARCANUM_VERIFY_OK(draft.addCustomField(secret(arena, "PIN").span(),
                                                   secret(arena, "1234").span(), true));
            ARCANUM_VERIFY_OK(draft.addCustomField(secret(arena, "Recovery email").span(),
                                                   secret(arena, "x@example.org").span(), false));
            ARCANUM_VERIFY_OK(draft.addAttachment(secret(arena, "codes.txt").span(),
                                                  secret(arena, "111 222 333").span()));
            draft.setExpires(4102444800000);
            draft.setAutofillFlags(EntryView::allowHttpFlag);
            draft.setGroup(*group);
            auto added = (*vault)->contents().addEntry(draft);
            ARCANUM_VERIFY_OK(added);
            id = *added;
            VaultContents& contents = (*vault)->contents();
            ARCANUM_VERIFY_OK(contents.setSiteAccess(
                id, secret(arena, "https://social.example:443").span(), SiteDecision::Allow));
            ARCANUM_VERIFY_OK(
                contents.addAssociation(secret(arena, "Firefox").span(),
                                        secret(arena, std::string(32, 'k').c_str()).span()));
            const std::array<std::uint8_t, 16> identity = {1, 2,  3,  4,  5,  6,  7,  8,
                                                           9, 10, 11, 12, 13, 14, 15, 16};
            ARCANUM_VERIFY_OK(contents.setIdentity(identity));
            ARCANUM_VERIFY_OK((*vault)->save());
        }
        auto vault = Vault::open(file, password.span());
        ARCANUM_VERIFY_OK(vault);
        const VaultContents& contents = (*vault)->contents();
        QCOMPARE(contents.entryCount(), std::size_t(1));
        QCOMPARE(contents.groupCount(), std::size_t(1));
        QVERIFY(equals(contents.group(0).name(), "Réseaux sociaux"));
        const EntryView entry = contents.entry(0);
        QCOMPARE(entry.id(), id);
        QCOMPARE(entry.group(), contents.group(0).id());
        QVERIFY(equals(entry.title(), "Mastodon — café"));
        QVERIFY(equals(entry.username(), "zoë@example.org"));
        QVERIFY(equals(entry.password(), "pässwörd€𝄞"));
        QVERIFY(equals(entry.notes(), "line 1\nline 2 — ✓"));
        QVERIFY(equals(entry.totp(), "JBSWY3DPEHPK3PXP"));
        int urls = 0, tagCount = 0, custom = 0;
        entry.forEachUrl([&](SecretSpan url) {
            QVERIFY(
                equals(url, urls++ == 0 ? "https://social.example/" : "https://m.social.example/"));
        });
        entry.forEachTag(
            [&](SecretSpan tag) { QVERIFY(equals(tag, tagCount++ == 0 ? "social" : "日本語")); });
        entry.forEachCustomField([&](const EntryView::CustomField& field) {
            if (custom++ == 0) {
                QVERIFY(equals(field.name, "PIN") && equals(field.value, "1234") &&
                        field.isProtected);
            } else {
                QVERIFY(equals(field.name, "Recovery email") && !field.isProtected);
            }
        });
        QCOMPARE(urls, 2);
        QCOMPARE(tagCount, 2);
        QCOMPARE(custom, 2);
        QVERIFY(entry.created() > 0 && entry.modified() >= entry.created());
        QVERIFY((*vault)->arena().contains(entry.password().data()));
        QCOMPARE((*vault)->kdfParams().memoryKiB, 256u);
        QCOMPARE((*vault)->formatVersion(), VaultHeader::currentVersion);
        QCOMPARE(entry.expires(), std::optional<std::int64_t>(4102444800000));
        QVERIFY(entry.allowsHttp());
        SecretBuffer site = secret(*m_input, "https://social.example:443");
        QCOMPARE(entry.siteAccess(site.span()), std::optional(SiteDecision::Allow));
        entry.forEachAttachment([&](const EntryView::Attachment& attachment) {
            QVERIFY(equals(attachment.name, "codes.txt"));
            QVERIFY(equals(contents.attachmentData(attachment.data), "111 222 333"));
        });
        QCOMPARE(entry.attachmentCount(), std::size_t(1));
        QCOMPARE(contents.associationCount(), std::size_t(1));
        QVERIFY(equals(contents.association(0).name(), "Firefox"));
        QCOMPARE(contents.identity()[15], std::uint8_t(16));
    }

    void wrongPasswordIsToldApartFromDamage()
    {
        const std::string file = path("wrong.arcanum");
        SecretBuffer password = secret(*m_input, "right");
        ARCANUM_VERIFY_OK(Vault::create(file, password.span(), fastKdf()));
        SecretBuffer wrong = secret(*m_input, "wrong");
        auto opened = Vault::open(file, wrong.span());
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::WrongPassword);

        auto bytes = readFile(file);
        bytes[VaultHeader::size + 3] ^= 0x10; // a ciphertext byte
        writeFile(file, bytes);
        auto damaged = Vault::open(file, password.span());
        QVERIFY(!damaged);
        QCOMPARE(damaged.error().code, ErrorCode::FileDamaged);
        auto damagedWrong = Vault::open(file, wrong.span());
        QCOMPARE(damagedWrong.error().code, ErrorCode::WrongPassword);
    }

    void saveKeepsBackupOfPreviousVersion()
    {
        const std::string file = path("backup.arcanum");
        SecretBuffer password = secret(*m_input, "pw");
        auto vault = Vault::create(file, password.span(), fastKdf());
        ARCANUM_VERIFY_OK(vault);
        QVERIFY(!QFile::exists(QString::fromStdString(Vault::backupPath(file))));
        const auto first = readFile(file);
        EntryDraft draft((*vault)->arena());
        ARCANUM_VERIFY_OK(draft.set(EntryField::Title, secret((*vault)->arena(), "one").span()));
        ARCANUM_VERIFY_OK((*vault)->contents().addEntry(draft));
        ARCANUM_VERIFY_OK((*vault)->save());
        QVERIFY(readFile(Vault::backupPath(file)) == first);
        QVERIFY(readFile(file) != first);
        QCOMPARE(QFile::permissions(QString::fromStdString(file)),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
        auto backup = Vault::open(Vault::backupPath(file), password.span());
        ARCANUM_VERIFY_OK(backup);
        QCOMPARE((*backup)->contents().entryCount(), std::size_t(0));
    }

    void refusesToOverwriteFileChangedOnDisk()
    {
        const std::string file = path("sync.arcanum");
        SecretBuffer password = secret(*m_input, "pw");
        auto mine = Vault::create(file, password.span(), fastKdf());
        ARCANUM_VERIFY_OK(mine);
        {
            auto theirs = Vault::open(file, password.span());
            ARCANUM_VERIFY_OK(theirs);
            EntryDraft draft((*theirs)->arena());
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Title, secret((*theirs)->arena(), "theirs").span()));
            ARCANUM_VERIFY_OK((*theirs)->contents().addEntry(draft));
            ARCANUM_VERIFY_OK((*theirs)->save());
        }
        const auto theirBytes = readFile(file);
        EntryDraft draft((*mine)->arena());
        ARCANUM_VERIFY_OK(draft.set(EntryField::Title, secret((*mine)->arena(), "mine").span()));
        ARCANUM_VERIFY_OK((*mine)->contents().addEntry(draft));
        auto saved = (*mine)->save();
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::FileChangedOnDisk);
        QVERIFY(readFile(file) == theirBytes); // untouched

        QFile::remove(QString::fromStdString(file));
        auto afterDelete = (*mine)->save();
        QVERIFY(!afterDelete);
        QCOMPARE(afterDelete.error().code, ErrorCode::FileChangedOnDisk);
    }

    void refusesToOverwriteFileWithOneByteChanged()
    {
        // Not only another save (new nonce, new header) counts as a change: any byte does.
        const std::string file = path("flipped.arcanum");
        SecretBuffer password = secret(*m_input, "pw");
        auto vault = Vault::create(file, password.span(), fastKdf());
        ARCANUM_VERIFY_OK(vault);
        auto bytes = readFile(file);
        bytes[bytes.size() - 1] ^= 0x01; // the last byte of the authentication tag
        writeFile(file, bytes);
        auto saved = (*vault)->save();
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::FileChangedOnDisk);
        QVERIFY(readFile(file) == bytes); // untouched
        bytes[bytes.size() - 1] ^= 0x01;  // back as it was: saving works again
        writeFile(file, bytes);
        ARCANUM_VERIFY_OK((*vault)->save());
    }

    void createRefusesExistingFile()
    {
        const std::string file = path("exists.arcanum");
        QFile f(QString::fromStdString(file));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        SecretBuffer password = secret(*m_input, "pw");
        auto vault = Vault::create(file, password.span(), fastKdf());
        QVERIFY(!vault);
        QCOMPARE(vault.error().code, ErrorCode::AlreadyExists);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
    }

    void changePasswordReKeysWithFreshSalt()
    {
        const std::string file = path("rekey.arcanum");
        SecretBuffer oldPassword = secret(*m_input, "old password");
        SecretBuffer newPassword = secret(*m_input, "new password");
        auto vault = Vault::create(file, oldPassword.span(), fastKdf());
        ARCANUM_VERIFY_OK(vault);
        const auto oldSalt = (*vault)->kdfParams().salt;
        const Argon2Params newKdf = Argon2Params::withRandomSalt(512, 2, 1);
        ARCANUM_VERIFY_OK((*vault)->changePassword(newPassword.span(), newKdf));
        QVERIFY((*vault)->kdfParams().salt != oldSalt);
        QCOMPARE(Vault::open(file, oldPassword.span()).error().code, ErrorCode::WrongPassword);
        // The backup held the old password; now it is a copy of the new file.
        const std::string backup = Vault::backupPath(file);
        QCOMPARE(Vault::open(backup, oldPassword.span()).error().code, ErrorCode::WrongPassword);
        QVERIFY(Vault::open(backup, newPassword.span()).ok());
        auto reopened = Vault::open(file, newPassword.span());
        ARCANUM_VERIFY_OK(reopened);
        QCOMPARE((*reopened)->kdfParams().memoryKiB, 512u);
        QCOMPARE((*reopened)->kdfParams().iterations, 2u);
        QCOMPARE((*reopened)->kdfParams().lanes, 1u);
    }

    // A version-1 file bigger than one chunk: opens, reads as version 1 until the next save,
    // which writes a version-2 file of several chunks; the backup keeps the version-1 bytes.
    void version1OpensAndSavesAsVersion2()
    {
        const std::string file = path("v1.arcanum");
        SecretBuffer password = secret(*m_input, "old format");
        auto arena = makeArena();
        const Argon2Params kdf = fastKdf();
        auto keys = VaultKeys::derive(password.span(), kdf, *arena);
        ARCANUM_VERIFY_OK(keys);
        Version1Payload payload(*arena);
        const std::size_t meta = payload.begin(tags::meta);
        payload.addU64(tags::metaCreated, 1600000000000);
        payload.end(meta);
        for (int i = 0; i < 2000; ++i) {
            const std::size_t entry = payload.begin(tags::entry);
            payload.addBytes(tags::entryId, EntryId::random().bytes().data(), 16);
            payload.addBytes(tags::entryGroup, EntryId().bytes().data(), 16);
            payload.addU64(tags::entryModified, 1600000000000 + std::uint64_t(i));
            const std::string title = "Entry number " + std::to_string(i);
            payload.add(tags::title, secret(*arena, title.c_str()).span());
            payload.add(tags::password, secret(*arena, "a password of some length").span());
            payload.end(entry);
        }
        SecretBuffer bytes = payload.finish();
        const auto v1File = sealVersion1(bytes.span(), *keys, kdf);
        QVERIFY(v1File.size() > 2 * ChunkLayout::plainBytes);
        writeFile(file, v1File);

        auto vault = Vault::open(file, password.span());
        ARCANUM_VERIFY_OK(vault);
        QCOMPARE((*vault)->formatVersion(), std::uint16_t(1));
        VaultContents& contents = (*vault)->contents();
        QCOMPARE(contents.entryCount(), std::size_t(2000));
        QVERIFY(equals(contents.entry(1999).title(), "Entry number 1999"));
        QCOMPARE(contents.entry(7).modified(), std::int64_t(1600000000007));
        const auto identity = contents.identity();
        ARCANUM_VERIFY_OK((*vault)->save());
        QCOMPARE((*vault)->formatVersion(), std::uint16_t(2));
        QVERIFY(readFile(Vault::backupPath(file)) == v1File);
        const auto v2File = readFile(file);
        QVERIFY(v2File.size() < v1File.size());
        auto header = VaultHeader::parse(v2File);
        ARCANUM_VERIFY_OK(header);
        QCOMPARE(header->version, VaultHeader::version2);
        QVERIFY(ChunkLayout::forCiphertext(header->ciphertextLength)->chunks >= 2);
        vault->reset();

        auto reopened = Vault::open(file, password.span());
        ARCANUM_VERIFY_OK(reopened);
        QCOMPARE((*reopened)->contents().entryCount(), std::size_t(2000));
        QVERIFY((*reopened)->contents().identity() == identity);
        QVERIFY(equals((*reopened)->contents().entry(1999).title(), "Entry number 1999"));
        // The backup still opens, as the version-1 file it is.
        auto backup = Vault::open(Vault::backupPath(file), password.span());
        ARCANUM_VERIFY_OK(backup);
        QCOMPARE((*backup)->formatVersion(), std::uint16_t(1));
    }

    // FORMAT.md §7: a header asking for 1 GiB x 1000 passes (checksum valid) is refused before
    // any derivation. Were Argon2 run, this test would take many minutes and 1 GiB.
    void costlyKdfIsRefusedBeforeDeriving_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("version 2") << 2;
        QTest::newRow("version 1") << 1;
    }
    void costlyKdfIsRefusedBeforeDeriving()
    {
        QFETCH(int, version);
        const std::string file = path("costly.arcanum");
        std::remove(file.c_str());
        SecretBuffer password = secret(*m_input, "pw");
        std::vector<std::uint8_t> bytes;
        if (version == 2) {
            ARCANUM_VERIFY_OK(Vault::create(file, password.span(), fastKdf()));
            bytes = readFile(file);
        } else {
            auto arena = makeArena();
            auto keys = VaultKeys::derive(password.span(), fastKdf(), *arena);
            ARCANUM_VERIFY_OK(keys);
            SecretBuffer empty = arena->allocate(0).value();
            bytes = sealVersion1(empty.span(), *keys, fastKdf());
        }
        for (auto [offset, value] : {std::pair<int, std::uint32_t>{16, 1024 * 1024}, {20, 1000}})
            for (int i = 0; i < 4; ++i)
                bytes[std::size_t(offset + i)] = std::uint8_t(value >> (8 * i));
        crypto_generichash(bytes.data() + VaultHeader::checksumOffset, 16, bytes.data(),
                           VaultHeader::checksumOffset, nullptr, 0);
        writeFile(file, bytes);
        auto opened = Vault::open(file, password.span());
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::KdfLimitExceeded);
        const std::string& message = opened.error().message;
        QVERIFY2(message.find("1024 MiB") != std::string::npos, message.c_str());
        QVERIFY2(message.find("1000 passes") != std::string::npos, message.c_str());
        QVERIFY2(message.find("64 GiB") != std::string::npos, message.c_str());
    }

    void writersRefuseWhatReadersRefuse()
    {
        const std::string file = path("never.arcanum");
        SecretBuffer password = secret(*m_input, "pw");
        const Argon2Params costly = Argon2Params::withRandomSalt(1024 * 1024, 1000, 2);
        auto created = Vault::create(file, password.span(), costly);
        QVERIFY(!created);
        QCOMPARE(created.error().code, ErrorCode::KdfLimitExceeded);
        QVERIFY(!QFile::exists(QString::fromStdString(file)));

        const std::string good = path("limits.arcanum");
        auto vault = Vault::create(good, password.span(), fastKdf());
        ARCANUM_VERIFY_OK(vault);
        const auto before = readFile(good);
        QCOMPARE((*vault)->changePassword(password.span(), costly).error().code,
                 ErrorCode::KdfLimitExceeded);
        QVERIFY(readFile(good) == before);
        auto arena = makeArena();
        QCOMPARE(VaultKeys::derive(password.span(), costly, *arena).error().code,
                 ErrorCode::KdfLimitExceeded);
    }

    void openMissingFileSaysSo()
    {
        SecretBuffer password = secret(*m_input, "pw");
        auto vault = Vault::open(path("missing.arcanum"), password.span());
        QVERIFY(!vault);
        QCOMPARE(vault.error().code, ErrorCode::NotFound);
        QVERIFY(vault.error().message.find("missing.arcanum") != std::string::npos);
    }

    void lockingReleasesTheArena()
    {
        const std::string file = path("lock.arcanum");
        SecretBuffer password = secret(*m_input, "pw");
        auto vault = Vault::create(file, password.span(), fastKdf());
        ARCANUM_VERIFY_OK(vault);
        QVERIFY((*vault)->arena().mappedBytes() > 0);
        vault->reset();
        std::ifstream maps("/proc/self/maps");
        std::string line;
        int secretMappings = 0;
        while (std::getline(maps, line))
            secretMappings += line.find("secretmem") != std::string::npos;
        QCOMPARE(secretMappings, 1); // only m_input's arena remains
    }
};

QTEST_GUILESS_MAIN(TestVault)
#include "TestVault.moc"
