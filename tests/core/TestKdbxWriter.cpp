// KdbxWriter: what it writes, KdbxReader reads back field for field (ChaCha20 and AES-256, with
// a password, a key file or both), every write uses fresh salts and seeds, and text XML cannot
// carry is kept as a protected value instead of being lost. (keepassxc-cli opening these files
// is TestKdbxPeers.)
#include "KdbxFixtures.h"
#include "TestSupport.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxWriter.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

void compareStrings(const KdbxEntry& written, const KdbxEntry& read)
{
    QCOMPARE(read.strings.size(), written.strings.size());
    for (std::size_t i = 0; i < written.strings.size(); ++i) {
        QCOMPARE(spanText(read.strings[i].key), spanText(written.strings[i].key));
        QCOMPARE(spanText(read.strings[i].value), spanText(written.strings[i].value));
    }
}

} // namespace

class TestKdbxWriter : public QObject
{
    Q_OBJECT

    Result<KdbxDatabase> roundTrip(SecretArena& arena, const KdbxDatabase& database,
                                   const KdbxKey& key, const KdbxWriteOptions& options,
                                   const KdbxReadOptions& readOptions = {})
    {
        auto file = KdbxWriter::write(arena, database, key, options);
        if (!file)
            return file.error();
        return KdbxReader::read(arena, *file, key, readOptions);
    }

private slots:
    void roundTripKeepsEverything_data()
    {
        QTest::addColumn<int>("cipher");
        QTest::addColumn<bool>("withKeyFile");
        QTest::newRow("ChaCha20, password") << int(KdbxHeader::Cipher::ChaCha20) << false;
        QTest::newRow("AES-256, password and key file")
            << int(KdbxHeader::Cipher::Aes256Cbc) << true;
    }
    void roundTripKeepsEverything()
    {
        QFETCH(int, cipher);
        QFETCH(bool, withKeyFile);
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        const KdbxDatabase written = builder.build();
        SecretBuffer password = secret(*arena, "round trip");
        std::optional<KdbxKeyFile> keyFile;
        KdbxKey::Parts parts;
        parts.password = password.span();
        if (withKeyFile) {
            auto made = KdbxKeyFile::fromContents(*arena, builder.text("a key file's bytes"));
            ARCANUM_VERIFY_OK(made);
            keyFile.emplace(std::move(made.value()));
            parts.keyFile = &*keyFile;
        }
        auto key = KdbxKey::create(*arena, parts);
        ARCANUM_VERIFY_OK(key);
        KdbxReadOptions keepBin;
        keepBin.keepRecycleBin = true;
        auto read =
            roundTrip(*arena, written, *key,
                      cheapKdbxWriteOptions(static_cast<KdbxHeader::Cipher>(cipher)), keepBin);
        ARCANUM_VERIFY_OK(read);

        QCOMPARE(read->header.version, kdbx::version40);
        QCOMPARE(int(read->header.cipher), cipher);
        QCOMPARE(read->header.kdf.algorithm, KdbxKdfParameters::Algorithm::Argon2id);
        QCOMPARE(read->rootUuid(), written.rootUuid());
        QVERIFY(equals(read->name, "Sample database"));
        QCOMPARE(read->recycleBin, written.recycleBin);
        QVERIFY(read->recycleBinEnabled);
        QCOMPARE(read->groups.size(), written.groups.size());
        for (std::size_t i = 0; i < written.groups.size(); ++i) {
            QCOMPARE(read->groups[i].uuid, written.groups[i].uuid);
            QCOMPARE(spanText(read->groups[i].name), spanText(written.groups[i].name));
            QCOMPARE(spanText(read->groups[i].notes), spanText(written.groups[i].notes));
            QCOMPARE(read->groups[i].parent, written.groups[i].parent);
        }
        QVERIFY(read->groups[3].inRecycleBin);
        QCOMPARE(read->entries.size(), written.entries.size());
        for (std::size_t i = 0; i < written.entries.size(); ++i) {
            const KdbxEntry& w = written.entries[i];
            const KdbxEntry& r = read->entries[i];
            QCOMPARE(r.uuid, w.uuid);
            QCOMPARE(r.group, w.group);
            compareStrings(w, r);
            for (std::size_t s = 0; s < w.strings.size(); ++s)
                QCOMPARE(r.strings[s].isProtected,
                         w.strings[s].isProtected ||
                             spanText(w.strings[s].key) == "Control"); // see textXmlCannotCarry
            QCOMPARE(spanText(r.tags), spanText(w.tags));
            QCOMPARE(r.times.created, w.times.created);
            QCOMPARE(r.times.modified, w.times.modified);
            QCOMPARE(r.times.expires, w.times.expires);
            QCOMPARE(r.times.expiry, w.times.expiry);
            QCOMPARE(r.history.size(), w.history.size());
            for (std::size_t h = 0; h < w.history.size(); ++h) {
                compareStrings(w.history[h], r.history[h]);
                QCOMPARE(r.history[h].times.modified, w.history[h].times.modified);
            }
            QCOMPARE(r.attachments.size(), w.attachments.size());
            for (std::size_t a = 0; a < w.attachments.size(); ++a) {
                QCOMPARE(spanText(r.attachments[a].name), spanText(w.attachments[a].name));
                QCOMPARE(spanText(read->binaries[r.attachments[a].binary].data),
                         spanText(written.binaries[w.attachments[a].binary].data));
            }
            QCOMPARE(r.customData.size(), w.customData.size());
        }
        QVERIFY(read->binaries[0].isProtected);
        int associations = 0;
        read->forEachBrowserAssociation([&](SecretSpan name, SecretSpan value) {
            QVERIFY(equals(name, "desktop"));
            QVERIFY(equals(value, "c2FtcGxlIGtleQ=="));
            ++associations;
        });
        QCOMPARE(associations, 1);
    }

    void recycleBinIsSkippedWhenReadBack()
    {
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        const KdbxDatabase written = builder.build();
        auto key = KdbxKey::fromPassword(*arena, builder.text("pw"));
        auto read = roundTrip(*arena, written, *key, cheapKdbxWriteOptions());
        ARCANUM_VERIFY_OK(read);
        QCOMPARE(read->entries.size(), std::size_t(2));
        QCOMPARE(read->groups.size(), std::size_t(3));
        QCOMPARE(read->skipped.recycleBinEntries, std::size_t(1));
        QVERIFY(findKdbxEntry(*read, "Binned") == nullptr);
        // The remaining tables are renumbered consistently.
        for (const KdbxGroup& group : read->groups)
            for (const std::uint32_t entry : group.entries)
                QCOMPARE(&read->groups[read->entries[entry].group], &group);
    }

    void textXmlCannotCarryIsKeptProtected()
    {
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        const KdbxDatabase written = builder.build();
        auto key = KdbxKey::fromPassword(*arena, builder.text("pw"));
        auto read = roundTrip(*arena, written, *key, cheapKdbxWriteOptions());
        ARCANUM_VERIFY_OK(read);
        const KdbxString* control = findKdbxEntry(*read, "Forum")->findString("Control");
        QVERIFY(control != nullptr);
        QVERIFY(equals(control->value, "bell\x07"
                                       "char"));
        QVERIFY(control->isProtected);
    }

    void nonUtf8IsRefused()
    {
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        KdbxDatabase database = builder.build();
        database.entries[0].strings[1].value = builder.bytes(QByteArray("user\xff", 5));
        auto key = KdbxKey::fromPassword(*arena, builder.text("pw"));
        auto file = KdbxWriter::write(*arena, database, *key, cheapKdbxWriteOptions());
        QVERIFY(!file);
        QCOMPARE(file.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(file.error().message.find("Entry 1 ") == 0, file.error().message.c_str());
    }

    void everyWriteHasFreshSaltsAndSeeds()
    {
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        const KdbxDatabase database = builder.build();
        auto key = KdbxKey::fromPassword(*arena, builder.text("pw"));
        auto first = KdbxWriter::write(*arena, database, *key, cheapKdbxWriteOptions());
        auto second = KdbxWriter::write(*arena, database, *key, cheapKdbxWriteOptions());
        ARCANUM_VERIFY_OK(first);
        ARCANUM_VERIFY_OK(second);
        auto a = KdbxHeader::parse(*first);
        auto b = KdbxHeader::parse(*second);
        ARCANUM_VERIFY_OK(a);
        ARCANUM_VERIFY_OK(b);
        QVERIFY(a->masterSeed != b->masterSeed);
        QVERIFY(a->encryptionIv != b->encryptionIv);
        QVERIFY(a->kdf.salt != b->kdf.salt);
    }

    void uncompressedWritesReadBack()
    {
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        const KdbxDatabase database = builder.build();
        auto key = KdbxKey::fromPassword(*arena, builder.text("pw"));
        KdbxWriteOptions options = cheapKdbxWriteOptions();
        options.compress = false;
        auto read = roundTrip(*arena, database, *key, options);
        ARCANUM_VERIFY_OK(read);
        QCOMPARE(read->header.compression, kdbx::CompressionAlgorithm::None);
        QVERIFY(equals(findKdbxEntry(*read, "Forum")->password(), "forum <pass> & \"more\""));
    }

    void writeFileReplacesTheTarget()
    {
        const auto arena = makeArena();
        QTemporaryDir directory;
        const std::string path = directory.filePath("out.kdbx").toStdString();
        KdbxSampleBuilder builder(*arena);
        const KdbxDatabase database = builder.build();
        auto key = KdbxKey::fromPassword(*arena, builder.text("pw"));
        ARCANUM_VERIFY_OK(
            KdbxWriter::writeFile(*arena, path, database, *key, cheapKdbxWriteOptions()));
        ARCANUM_VERIFY_OK(
            KdbxWriter::writeFile(*arena, path, database, *key, cheapKdbxWriteOptions()));
        auto file = KdbxReader::readFile(path);
        ARCANUM_VERIFY_OK(file);
        ARCANUM_VERIFY_OK(KdbxReader::read(*arena, *file, *key));
        QCOMPARE(QDir(directory.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void aesKdfIsNotWritten()
    {
        const auto arena = makeArena();
        KdbxSampleBuilder builder(*arena);
        const KdbxDatabase database = builder.build();
        auto key = KdbxKey::fromPassword(*arena, builder.text("pw"));
        KdbxWriteOptions options;
        options.kdf.algorithm = KdbxKdfParameters::Algorithm::AesKdf;
        auto file = KdbxWriter::write(*arena, database, *key, options);
        QVERIFY(!file);
        QCOMPARE(file.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestKdbxWriter)
#include "TestKdbxWriter.moc"
