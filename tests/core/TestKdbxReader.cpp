// KdbxReader: every checked-in database made by keepassxc-cli and pykeepass (KDBX 3.1, 4.0 and
// 4.1; AES-256, Twofish and ChaCha20; AES-KDF, Argon2d and Argon2id; Salsa20 and ChaCha20 inner
// streams; compressed or not; key files of every kind) reads with every field intact, and every
// kind of bad input gives its own error and no database.
#include "KdbxFixtures.h"
#include "TestSupport.h"
#include "kdbx/KdbxKdf.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxWriter.h"

#include <QtTest>
#include <set>
#include <sodium.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

const KdbxFixture& fixtureNamed(const std::vector<KdbxFixture>& fixtures, const std::string& name)
{
    for (const KdbxFixture& fixture : fixtures)
        if (fixture.file == name)
            return fixture;
    qFatal("no fixture %s", name.c_str());
}

std::vector<std::uint8_t> fixtureBytes(const std::string& name)
{
    auto file = KdbxReader::readFile(std::string(kdbxFixtureDir()) + "/" + name);
    if (!file)
        qFatal("%s", file.error().message.c_str());
    return std::move(file.value());
}

// The SHA-256 after a KDBX 4 header, recomputed after a test changed a header byte on purpose.
void resealHeader(std::vector<std::uint8_t>& file)
{
    auto header = KdbxHeader::parse(file);
    std::size_t size = 0;
    if (header) {
        size = header->size;
    } else {
        // Walk the fields ourselves (the header no longer parses, which may be the point).
        std::size_t at = 12;
        while (file[at] != 0)
            at += 5 + kdbx::readLe32(file.data() + at + 1);
        size = at + 5 + kdbx::readLe32(file.data() + at + 1);
    }
    crypto_hash_sha256(file.data() + size, file.data(), size);
}

// Replaces the first occurrence of `from` in `file` by `to` (same length).
void replaceBytes(std::vector<std::uint8_t>& file, std::span<const std::uint8_t> from,
                  std::span<const std::uint8_t> to)
{
    const auto at = std::search(file.begin(), file.end(), from.begin(), from.end());
    QVERIFY(at != file.end());
    std::copy(to.begin(), to.end(), at);
}

} // namespace

class TestKdbxReader : public QObject
{
    Q_OBJECT

    std::vector<KdbxFixture> m_fixtures = readKdbxManifest(kdbxFixtureDir());

    Result<KdbxDatabase> readBytes(SecretArena& arena, std::span<const std::uint8_t> file,
                                   const char* password, const KdbxReadOptions& options = {})
    {
        SecretBuffer secretPassword = secret(arena, password);
        auto key = KdbxKey::fromPassword(arena, secretPassword.span());
        if (!key)
            return key.error();
        return KdbxReader::read(arena, file, *key, options);
    }

    // A KDBX 4 file of ours with a 2.5 MiB incompressible attachment: four HMAC blocks.
    std::vector<std::uint8_t> multiBlockFile(SecretArena& arena)
    {
        KdbxSampleBuilder builder(arena);
        KdbxDatabase database = builder.build();
        QByteArray noise(5 * 512 * 1024, '\0');
        randombytes_buf(noise.data(), std::size_t(noise.size()));
        database.binaries[0].data = builder.bytes(noise);
        SecretBuffer password = secret(arena, "block password");
        auto key = KdbxKey::fromPassword(arena, password.span());
        auto file = KdbxWriter::write(arena, database, *key, cheapKdbxWriteOptions());
        if (!file)
            qFatal("%s", file.error().message.c_str());
        return std::move(file.value());
    }

private slots:
    void readsEveryFixture_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < m_fixtures.size(); ++i)
            QTest::newRow(m_fixtures[i].file.c_str()) << int(i);
    }
    void readsEveryFixture()
    {
        QFETCH(int, index);
        const KdbxFixture& fixture = m_fixtures[std::size_t(index)];
        const auto arena = makeArena();
        auto database = readKdbxFixture(*arena, kdbxFixtureDir(), fixture);
        ARCANUM_VERIFY_OK(database);
        checkKdbxFormat(*database, fixture);
        checkKdbxContent(*arena, *database, fixture);
    }

    void coversEveryFormatFeature()
    {
        std::set<std::string> versions, ciphers, kdfs, makers, keyFiles;
        for (const KdbxFixture& fixture : m_fixtures) {
            versions.insert(fixture.version);
            ciphers.insert(fixture.cipher);
            kdfs.insert(fixture.kdf);
            makers.insert(fixture.maker);
            keyFiles.insert(fixture.keyFile);
        }
        QCOMPARE(versions, (std::set<std::string>{"3.1", "4.0", "4.1"}));
        QCOMPARE(ciphers, (std::set<std::string>{"AES-256", "ChaCha20", "Twofish"}));
        QCOMPARE(kdfs, (std::set<std::string>{"AES-KDF", "Argon2d", "Argon2id"}));
        QCOMPARE(makers, (std::set<std::string>{"keepassxc", "pykeepass"}));
        QCOMPARE(keyFiles.size(), std::size_t(7)); // none + six kinds
    }

    void keyFileKindsAreRecognised()
    {
        const auto arena = makeArena();
        const std::pair<const char*, KdbxKeyFile::Kind> kinds[] = {
            {"keyfile-xml1.key", KdbxKeyFile::Kind::XmlV1},
            {"keyfile-xml2.keyx", KdbxKeyFile::Kind::XmlV2},
            {"keyfile-binary32.key", KdbxKeyFile::Kind::Binary32},
            {"keyfile-hex64.key", KdbxKeyFile::Kind::Hex64},
            {"keyfile-hashed.key", KdbxKeyFile::Kind::Hashed},
            {"keyfile-random.key", KdbxKeyFile::Kind::Hashed}};
        for (const auto& [name, kind] : kinds) {
            auto keyFile = KdbxKeyFile::read(*arena, std::string(kdbxFixtureDir()) + "/" + name);
            ARCANUM_VERIFY_OK(keyFile);
            QCOMPARE(int(keyFile->kind()), int(kind));
        }
    }

    void recycleBinCanBeKept()
    {
        const auto arena = makeArena();
        KdbxReadOptions options;
        options.keepRecycleBin = true;
        auto database = readKdbxFixture(
            *arena, kdbxFixtureDir(),
            fixtureNamed(m_fixtures, "kdbx4-pykeepass-chacha20-argon2id.kdbx"), options);
        ARCANUM_VERIFY_OK(database);
        QCOMPARE(database->skipped.recycleBinEntries, std::size_t(0));
        const KdbxEntry* binned = findKdbxEntry(*database, "Old account");
        QVERIFY(binned != nullptr);
        QVERIFY(database->groups[binned->group].inRecycleBin);
        QVERIFY(equals(binned->password(), "trash-pass"));
        QCOMPARE(database->entries.size(), std::size_t(5));
    }

    void threeStepsEqualOneRead()
    {
        const auto arena = makeArena();
        const std::vector<std::uint8_t> file = fixtureBytes("kdbx41-keepassxc.kdbx");
        auto header = KdbxReader::readHeader(file);
        ARCANUM_VERIFY_OK(header);
        QCOMPARE(header->describe(), std::string("KDBX 4.1, AES-256, AES-KDF, ") +
                                         std::to_string(header->kdf.aesRounds) + " rounds");
        SecretBuffer password = secret(*arena, "fixture password");
        auto key = KdbxKey::fromPassword(*arena, password.span());
        auto transformed = KdbxReader::transformKey(*arena, *header, *key);
        ARCANUM_VERIFY_OK(transformed);
        QVERIFY(arena->contains(transformed->data()));
        auto database = KdbxReader::decrypt(*arena, file, *header, transformed->span());
        ARCANUM_VERIFY_OK(database);
        checkKdbxContent(*arena, *database, fixtureNamed(m_fixtures, "kdbx41-keepassxc.kdbx"));
    }

    void everyValueLivesInTheArena()
    {
        const auto arena = makeArena();
        auto database = readKdbxFixture(*arena, kdbxFixtureDir(),
                                        fixtureNamed(m_fixtures, "kdbx31-keepassxc.kdbx"));
        ARCANUM_VERIFY_OK(database);
        auto inArena = [&](SecretSpan span) {
            return span.empty() || arena->contains(span.data());
        };
        for (const KdbxEntry& entry : database->entries) {
            QVERIFY(inArena(entry.tags));
            for (const KdbxString& string : entry.strings)
                QVERIFY(inArena(string.key) && inArena(string.value));
            for (const KdbxEntry& version : entry.history)
                for (const KdbxString& string : version.strings)
                    QVERIFY(inArena(string.key) && inArena(string.value));
        }
        for (const KdbxBinary& binary : database->binaries)
            QVERIFY(inArena(binary.data));
        for (const KdbxGroup& group : database->groups)
            QVERIFY(inArena(group.name));
        for (const KdbxCustomDataItem& item : database->customData)
            QVERIFY(inArena(item.key) && inArena(item.value));
    }

    // --- bad input: each case its own error, and no database -----------------------------------

    void wrongPasswordOrKeyFileIsOneMessage()
    {
        const auto arena = makeArena();
        std::set<std::string> messages;
        for (const char* name :
             {"kdbx4-pykeepass-chacha20-argon2id.kdbx", "kdbx31-keepassxc.kdbx"}) {
            auto database = readBytes(*arena, fixtureBytes(name), "not the password");
            QVERIFY(!database);
            QCOMPARE(database.error().code, ErrorCode::WrongPassword);
            messages.insert(database.error().message);
        }
        // The right password with a wrong key file, and without the key file.
        const KdbxFixture& keyed = fixtureNamed(m_fixtures, "keyfile-hex64.kdbx");
        for (const char* keyFileName : {"keyfile-binary32.key", ""}) {
            KdbxFixture variant = keyed;
            variant.keyFile = keyFileName;
            auto database = readKdbxFixture(*arena, kdbxFixtureDir(), variant);
            QVERIFY(!database);
            QCOMPARE(database.error().code, ErrorCode::WrongPassword);
            messages.insert(database.error().message);
        }
        QCOMPARE(messages.size(), std::size_t(1));
        QVERIFY(messages.begin()->find("password or key file") != std::string::npos);
    }

    void challengeResponseIsUnsupported()
    {
        const auto arena = makeArena();
        SecretBuffer password = secret(*arena, "fixture password");
        KdbxKey::Parts parts;
        parts.password = password.span();
        parts.challengeResponse = true;
        auto key = KdbxKey::create(*arena, parts);
        QVERIFY(!key);
        QCOMPARE(key.error().code, ErrorCode::Unsupported);
        QVERIFY(key.error().message.find("YubiKey") != std::string::npos);
    }

    void damagedHeaderIsReportedBeforeTheKdf()
    {
        std::vector<std::uint8_t> file = fixtureBytes("kdbx4-pykeepass-chacha20-argon2id.kdbx");
        file[60] ^= 0x01; // inside the master seed
        auto header = KdbxReader::readHeader(file);
        QVERIFY(!header);
        QCOMPARE(header.error().code, ErrorCode::FileDamaged);
        QVERIFY(header.error().message.find("SHA-256") != std::string::npos);
    }

    void hmacMismatchNamesTheBlock_data()
    {
        QTest::addColumn<int>("block");
        QTest::newRow("first block") << 1;
        QTest::newRow("second block") << 2;
        QTest::newRow("third block") << 3;
    }
    void hmacMismatchNamesTheBlock()
    {
        QFETCH(int, block);
        const auto arena = makeArena();
        std::vector<std::uint8_t> file = multiBlockFile(*arena);
        auto header = KdbxHeader::parse(file);
        ARCANUM_VERIFY_OK(header);
        // Walk to the wanted block and flip a byte of its data.
        std::size_t at = header->payloadOffset();
        for (int i = 1; i < block; ++i)
            at += 36 + kdbx::readLe32(file.data() + at + 32);
        file[at + 36 + 1000] ^= 0x80;
        auto database = readBytes(*arena, file, "block password");
        QVERIFY(!database);
        QCOMPARE(database.error().code, ErrorCode::FileDamaged);
        const std::string expected = "Block " + std::to_string(block) + " of 4 ";
        QVERIFY2(database.error().message.find(expected) != std::string::npos,
                 database.error().message.c_str());
    }

    void kdbx3DamageIsFoundByTheHashedBlocks()
    {
        const auto arena = makeArena();
        std::vector<std::uint8_t> file = fixtureBytes("kdbx31-pykeepass-aes-uncompressed.kdbx");
        auto header = KdbxHeader::parse(file);
        ARCANUM_VERIFY_OK(header);
        file[header->size + 2000] ^= 0x01; // CBC: damages two blocks of the XML
        auto database = readBytes(*arena, file, "fixture password");
        QVERIFY(!database);
        QCOMPARE(database.error().code, ErrorCode::FileDamaged);
        QVERIFY2(database.error().message.find("SHA-256 check") != std::string::npos,
                 database.error().message.c_str());
    }

    void truncatedFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("keep");
        QTest::newRow("KDBX 4, inside the header") << "kdbx41-keepassxc.kdbx" << 100;
        QTest::newRow("KDBX 4, inside the blocks") << "kdbx41-keepassxc.kdbx" << 2000;
        QTest::newRow("KDBX 4, no final block") << "kdbx41-keepassxc.kdbx" << -36;
        QTest::newRow("KDBX 3.1, inside the header") << "kdbx31-keepassxc.kdbx" << 150;
        QTest::newRow("KDBX 3.1, inside the data") << "kdbx31-keepassxc.kdbx" << 1001;
        QTest::newRow("signature only") << "kdbx31-keepassxc.kdbx" << 6;
    }
    void truncatedFiles()
    {
        QFETCH(QString, name);
        QFETCH(int, keep);
        const auto arena = makeArena();
        std::vector<std::uint8_t> file = fixtureBytes(name.toStdString());
        file.resize(keep > 0 ? std::size_t(keep) : file.size() - std::size_t(-keep));
        auto database = readBytes(*arena, file, "fixture password");
        QVERIFY(!database);
        QVERIFY2(database.error().code == ErrorCode::FileTruncated,
                 errorText(database.error()).c_str());
    }

    void unsupportedFormats_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        const QByteArray chacha("\xd6\x03\x8a\x2b\x8b\x6f\x4c\xb5\xa5\x24\x33\x9a\x31\xdb\xb5\x9a",
                                16);
        const QByteArray aes128("\x61\xab\x05\xa1\x94\x64\x41\xc3\x8d\x74\x3a\x56\x3d\xf8\xdd\x35",
                                16);
        const QByteArray argon2id(
            "\x9e\x29\x8b\x19\x56\xdb\x47\x73\xb2\x3d\xfc\x3e\xc6\xf0\xa1\xe6", 16);
        QTest::newRow("cipher AES-128")
            << chacha << aes128 << int(ErrorCode::Unsupported) << "AES-128";
        QTest::newRow("unknown KDF") << argon2id << QByteArray(16, '\x42')
                                     << int(ErrorCode::Unsupported) << "key derivation function";
        QTest::newRow("version 5.0")
            << QByteArray("\x00\x00\x04\x00", 4) << QByteArray("\x00\x00\x05\x00", 4)
            << int(ErrorCode::UnsupportedVersion) << "newer";
        QTest::newRow("version 2.0")
            << QByteArray("\x00\x00\x04\x00", 4) << QByteArray("\x00\x00\x02\x00", 4)
            << int(ErrorCode::UnsupportedVersion) << "older";
        QTest::newRow("KeePass 1")
            << QByteArray("\x67\xfb\x4b\xb5", 4) << QByteArray("\x65\xfb\x4b\xb5", 4)
            << int(ErrorCode::UnsupportedVersion) << "KeePass 1.x";
        QTest::newRow("not KeePass")
            << QByteArray("\x03\xd9\xa2\x9a", 4) << QByteArray("PK\x03\x04", 4)
            << int(ErrorCode::NotAKeePassFile) << "not a KeePass";
        QTest::newRow("compression 7") << QByteArray("\x03\x04\x00\x00\x00\x01\x00\x00\x00", 9)
                                       << QByteArray("\x03\x04\x00\x00\x00\x07\x00\x00\x00", 9)
                                       << int(ErrorCode::Unsupported) << "compression";
    }
    void unsupportedFormats()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(int, code);
        QFETCH(QString, words);
        std::vector<std::uint8_t> file = fixtureBytes("kdbx4-pykeepass-chacha20-argon2id.kdbx");
        replaceBytes(file,
                     std::span(reinterpret_cast<const std::uint8_t*>(from.constData()),
                               std::size_t(from.size())),
                     std::span(reinterpret_cast<const std::uint8_t*>(to.constData()),
                               std::size_t(to.size())));
        resealHeader(file);
        auto header = KdbxReader::readHeader(file);
        QVERIFY(!header);
        QCOMPARE(int(header.error().code), code);
        QVERIFY2(header.error().message.find(words.toStdString()) != std::string::npos,
                 header.error().message.c_str());
    }

    void kdfBeyondLimitsIsRefusedBeforeRunning_data()
    {
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<quint64>("value");
        QTest::newRow("Argon2 memory 1 TiB") << "M" << quint64(1);
        QTest::newRow("Argon2 10^6 passes") << "I" << quint64(1000000);
        QTest::newRow("Argon2 4096 lanes") << "P" << quint64(4096);
        QTest::newRow("AES-KDF 2^40 rounds") << "R" << (quint64(1) << 40);
    }
    void kdfBeyondLimitsIsRefusedBeforeRunning()
    {
        QFETCH(QString, parameter);
        QFETCH(quint64, value);
        KdbxHeader header;
        header.encryptionIv.resize(12);
        header.kdf = parameter == "R"
                         ? KdbxKdfParameters{}
                         : KdbxKdfParameters::argon2(KdbxKdfParameters::Algorithm::Argon2id,
                                                     1024 * 1024, 2, 1);
        if (parameter == "R") {
            header.kdf.algorithm = KdbxKdfParameters::Algorithm::AesKdf;
            header.kdf.uuid = kdbx::kdfAesKdbx3;
            header.kdf.aesRounds = value;
        } else if (parameter == "M") {
            header.kdf.memoryBytes = value << 40;
        } else if (parameter == "I") {
            header.kdf.iterations = value;
        } else {
            header.kdf.lanes = std::uint32_t(value);
        }
        std::vector<std::uint8_t> file = header.serialize();
        file.resize(file.size() + 64);
        crypto_hash_sha256(file.data() + file.size() - 64, file.data(), file.size() - 64);
        QElapsedTimer timer;
        timer.start();
        auto parsed = KdbxReader::readHeader(file);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::InvalidParameters);
        QVERIFY(parsed.error().message.find("beyond sane limits") != std::string::npos);
        // And the KDF itself refuses the same parameters without running.
        const auto arena = makeArena();
        SecretBuffer composite = secret(*arena, "0123456789abcdef0123456789abcdef");
        auto transformed = KdbxKdf::transform(*arena, composite.span(), header.kdf);
        QVERIFY(!transformed);
        QCOMPARE(transformed.error().code, ErrorCode::InvalidParameters);
        QVERIFY(timer.elapsed() < 1000);
    }

    void inflatedSizeLimitIsChecked()
    {
        const auto arena = makeArena();
        KdbxReadOptions options;
        options.maxInflatedBytes = 2000;
        auto database = readKdbxFixture(*arena, kdbxFixtureDir(),
                                        fixtureNamed(m_fixtures, "kdbx41-keepassxc.kdbx"), options);
        QVERIFY(!database);
        QCOMPARE(database.error().code, ErrorCode::LimitExceeded);
        QVERIFY(database.error().message.find("inflates to more than") != std::string::npos);
    }

    void nestingDepthLimitIsChecked()
    {
        const auto arena = makeArena();
        KdbxReadOptions options;
        options.maxXmlDepth = 4;
        auto database = readKdbxFixture(*arena, kdbxFixtureDir(),
                                        fixtureNamed(m_fixtures, "kdbx31-keepassxc.kdbx"), options);
        QVERIFY(!database);
        QCOMPARE(database.error().code, ErrorCode::LimitExceeded);
        QVERIFY(database.error().message.find("nests elements more than 4 deep") !=
                std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestKdbxReader)
#include "TestKdbxReader.moc"
