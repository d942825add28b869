// KdbxKeyFile: the kinds of key file KeePass and KeePassXC accept (the checked-in fixtures cover
// reading databases with each), the XML key file's check hash and version, large files hashed in
// chunks, and makeXmlV2 writing what KeePassXC writes.
#include "TestSupport.h"
#include "kdbx/KdbxHash.h"
#include "kdbx/KdbxKeyFile.h"

#include <QFile>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

const char* xmlV2(const char* hash, const char* data)
{
    static std::string text;
    text = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<KeyFile><Meta><Version>2.0"
                       "</Version></Meta><Key><Data Hash=\"") +
           hash + "\">" + data + "</Data></Key></KeyFile>";
    return text.c_str();
}

// KeePassXC's own test key file from make-fixtures (keyfile-xml2.keyx): its data and check hash.
constexpr char keyHex[] = "5F375740 308151BB 0AB03D9C A6234D67 AE4BB84C 6AD5A937 A0F0E002 5E6B0AD5";

} // namespace

class TestKdbxKeyFile : public QObject
{
    Q_OBJECT

    Result<KdbxKeyFile> parse(SecretArena& arena, const QByteArray& contents)
    {
        SecretBuffer bytes = secret(arena, contents);
        return KdbxKeyFile::fromContents(arena, bytes.span());
    }

private slots:
    void kinds_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("key");
        const QByteArray raw =
            QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        QTest::newRow("32 bytes") << raw << int(KdbxKeyFile::Kind::Binary32) << raw;
        QTest::newRow("64 hex") << raw.toHex() << int(KdbxKeyFile::Kind::Hex64) << raw;
        QTest::newRow("64 hex, upper case")
            << raw.toHex().toUpper() << int(KdbxKeyFile::Kind::Hex64) << raw;
        QTest::newRow("XML 1.0") << "<KeyFile><Meta><Version>1.00</Version></Meta><Key><Data>" +
                                        raw.toBase64() + "</Data></Key></KeyFile>"
                                 << int(KdbxKeyFile::Kind::XmlV1) << raw;
        const QByteArray hashed = "64 characters that are not all hexadecimal: xyzxyzxyzxyzxyzxyzx";
        QTest::newRow("65 bytes of text: hashed")
            << hashed + "!" << int(KdbxKeyFile::Kind::Hashed)
            << QCryptographicHash::hash(hashed + "!", QCryptographicHash::Sha256);
        QTest::newRow("XML that is not a key file: hashed")
            << QByteArray("<html><body>hello</body></html>") << int(KdbxKeyFile::Kind::Hashed)
            << QCryptographicHash::hash("<html><body>hello</body></html>",
                                        QCryptographicHash::Sha256);
        QTest::newRow("XML 2.0 (KeePassXC)")
            << QByteArray(xmlV2("DF78B808", keyHex)) << int(KdbxKeyFile::Kind::XmlV2)
            << QByteArray::fromHex(QByteArray(keyHex).replace(' ', ""));
    }
    void kinds()
    {
        QFETCH(QByteArray, contents);
        QFETCH(int, kind);
        QFETCH(QByteArray, key);
        const auto arena = makeArena();
        auto keyFile = parse(*arena, contents);
        ARCANUM_VERIFY_OK(keyFile);
        QCOMPARE(int(keyFile->kind()), kind);
        QCOMPARE(QByteArray(keyFile->key().chars(), int(keyFile->key().size())), key);
        QVERIFY(arena->contains(keyFile->key().data()));
    }

    void damagedXmlKeyFiles_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("wrong check hash")
            << QByteArray(xmlV2("DF78B809", keyHex)) << int(ErrorCode::FileDamaged) << "check hash";
        QTest::newRow("no check hash")
            << QByteArray(xmlV2("", keyHex)) << int(ErrorCode::FileDamaged) << "check hash";
        QTest::newRow("not hex") << QByteArray(xmlV2("DF78B808", "5F37574G"))
                                 << int(ErrorCode::FileDamaged) << "not hexadecimal";
        QTest::newRow("version 3.0")
            << QByteArray("<KeyFile><Meta><Version>3.0</Version></Meta><Key><Data>AA==</Data>"
                          "</Key></KeyFile>")
            << int(ErrorCode::Unsupported) << "version";
        QTest::newRow("no data") << QByteArray(
                                        "<KeyFile><Meta><Version>2.0</Version></Meta></KeyFile>")
                                 << int(ErrorCode::FileDamaged) << "no key data";
        QTest::newRow("broken XML")
            << QByteArray("<KeyFile><Meta><Version>2.0</Version></Meta><Key><Data>")
            << int(ErrorCode::FileDamaged) << "does not parse";
    }
    void damagedXmlKeyFiles()
    {
        QFETCH(QByteArray, contents);
        QFETCH(int, code);
        QFETCH(QString, words);
        const auto arena = makeArena();
        auto keyFile = parse(*arena, contents);
        QVERIFY(!keyFile);
        QCOMPARE(int(keyFile.error().code), code);
        QVERIFY2(keyFile.error().message.find(words.toStdString()) != std::string::npos,
                 keyFile.error().message.c_str());
        QVERIFY(keyFile.error().message.find("5F37") == std::string::npos);
    }

    void largeFilesAreHashedInChunks()
    {
        const auto arena = makeArena();
        QTemporaryDir directory;
        QByteArray contents(3 * 1024 * 1024 + 17, '\0');
        for (int i = 0; i < contents.size(); ++i)
            contents[i] = char(i * 7);
        QFile file(directory.filePath("photo.jpg"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
        file.close();
        const std::size_t before = arena->mappedBytes();
        auto keyFile = KdbxKeyFile::read(*arena, file.fileName().toStdString());
        ARCANUM_VERIFY_OK(keyFile);
        QCOMPARE(int(keyFile->kind()), int(KdbxKeyFile::Kind::Hashed));
        QCOMPARE(QByteArray(keyFile->key().chars(), 32),
                 QCryptographicHash::hash(contents, QCryptographicHash::Sha256));
        QVERIFY(arena->mappedBytes() - before < 1024 * 1024); // never read whole
    }

    void missingFileNamesThePath()
    {
        const auto arena = makeArena();
        auto keyFile = KdbxKeyFile::read(*arena, "/nonexistent/key.keyx");
        QVERIFY(!keyFile);
        QCOMPARE(keyFile.error().code, ErrorCode::NotFound);
        QVERIFY(keyFile.error().message.find("/nonexistent/key.keyx") != std::string::npos);
    }

    void makeXmlV2ReadsBackLikeKeePassXCs()
    {
        const auto arena = makeArena();
        const QByteArray key = QByteArray::fromHex(QByteArray(keyHex).replace(' ', ""));
        SecretBuffer raw = secret(*arena, key);
        auto made = KdbxKeyFile::makeXmlV2(*arena, raw.span());
        ARCANUM_VERIFY_OK(made);
        // Byte for byte what keepassxc-cli wrote for this key (tests/data/kdbx/keyfile-xml2.keyx
        // holds a different key; the layout is the same).
        const QByteArray expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<KeyFile>\n"
                                    "    <Meta>\n        <Version>2.0</Version>\n    </Meta>\n"
                                    "    <Key>\n        <Data Hash=\"DF78B808\">\n"
                                    "            5F375740 308151BB 0AB03D9C A6234D67\n"
                                    "            AE4BB84C 6AD5A937 A0F0E002 5E6B0AD5\n"
                                    "        </Data>\n    </Key>\n</KeyFile>\n";
        QCOMPARE(QByteArray(made->span().chars(), int(made->size())), expected);
        auto parsed = KdbxKeyFile::fromContents(*arena, made->span());
        ARCANUM_VERIFY_OK(parsed);
        QCOMPARE(int(parsed->kind()), int(KdbxKeyFile::Kind::XmlV2));
        QCOMPARE(QByteArray(parsed->key().chars(), 32), key);
    }
};

QTEST_GUILESS_MAIN(TestKdbxKeyFile)
#include "TestKdbxKeyFile.moc"
