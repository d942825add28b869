// KdbxPayloadReader: the decrypted payload of hostile or broken files — a decompression bomb
// (stopped at the limit while inflating), nesting beyond the depth limit, text that is not UTF-8,
// a DTD, no root group, dangling attachment references, a cut inner header — each gives its own
// error and no database. The payloads are built here (inner header + XML, gzip by GzipDeflater)
// so no KDF or cipher is involved.
#include "TestSupport.h"
#include "kdbx/GzipDeflater.h"
#include "kdbx/KdbxPayloadReader.h"

#include <QtTest>
#include <cstring>

using namespace arcanum;
using namespace arcanum::test;

namespace {

QByteArray field(std::uint8_t id, const QByteArray& data)
{
    QByteArray out(1, char(id));
    const auto length = std::uint32_t(data.size());
    for (int i = 0; i < 4; ++i)
        out.append(char(length >> (8 * i)));
    return out + data;
}

// A KDBX 4 inner header with a "None" inner stream (so protected values are plain Base64).
QByteArray innerHeader(const QByteArray& binaries = {})
{
    return field(1, QByteArray("\x00\x00\x00\x00", 4)) + field(2, QByteArray(32, '\x01')) +
           binaries + field(0, {});
}

QByteArray document(const QByteArray& rootContent, const QByteArray& meta = {})
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<KeePassFile><Meta>" + meta +
           "</Meta><Root>" + rootContent + "</Root></KeePassFile>";
}

QByteArray entry(const QByteArray& inside)
{
    return "<Entry><UUID>AAECAwQFBgcICQoLDA0ODw==</UUID>" + inside + "</Entry>";
}

} // namespace

class TestKdbxPayloadReader : public QObject
{
    Q_OBJECT

    Result<KdbxDatabase> read(SecretArena& arena, const QByteArray& payload, bool compress = false,
                              const KdbxReadOptions& options = {})
    {
        SecretBuffer bytes = secret(arena, payload);
        if (compress) {
            auto compressed = GzipDeflater::compress(arena, bytes.span());
            if (!compressed)
                return compressed.error();
            bytes = std::move(compressed.value());
        }
        KdbxPayloadReader::Input input;
        input.compressed = compress;
        input.payload = bytes.span();
        return KdbxPayloadReader::read(arena, input, options);
    }

    void expectError(const QByteArray& payload, ErrorCode code, const char* words,
                     bool compress = false, const KdbxReadOptions& options = {})
    {
        const auto arena = makeArena();
        auto database = read(*arena, payload, compress, options);
        QVERIFY2(!database, "read a payload it must refuse");
        QVERIFY2(database.error().code == code, errorText(database.error()).c_str());
        QVERIFY2(database.error().message.find(words) != std::string::npos,
                 database.error().message.c_str());
    }

private slots:
    void readsAMinimalPayload()
    {
        const auto arena = makeArena();
        const QByteArray binary = field(3, QByteArray("\x01"
                                                      "attached",
                                                      9));
        const QByteArray xml = document(
            "<Group><UUID>AAAAAAAAAAAAAAAAAAAAAQ==</UUID><Name>Root &amp; more</Name>" +
            entry("<String><Key>Title</Key><Value>T&lt;1&gt;</Value></String>"
                  "<String><Key>Password</Key><Value Protected=\"True\">c2VjcmV0</Value></String>"
                  "<Binary><Key>a.txt</Key><Value Ref=\"0\"/></Binary>") +
            "</Group>");
        for (const bool compress : {false, true}) {
            auto database = read(*arena, innerHeader(binary) + xml, compress);
            ARCANUM_VERIFY_OK(database);
            QVERIFY(equals(database->groups[0].name, "Root & more"));
            QCOMPARE(database->entries.size(), std::size_t(1));
            QVERIFY(equals(database->entries[0].title(), "T<1>"));
            QVERIFY(equals(database->entries[0].password(), "secret"));
            QVERIFY(database->entries[0].findString("Password")->isProtected);
            QVERIFY(equals(database->binaries.at(0).data, "attached"));
            QVERIFY(database->binaries[0].isProtected);
        }
    }

    void decompressionBombStopsAtTheLimit_data()
    {
        QTest::addColumn<bool>("inText");
        QTest::newRow("16 MiB of whitespace between elements") << false;
        QTest::newRow("a 16 MiB value") << true;
    }
    void decompressionBombStopsAtTheLimit()
    {
        // Well-formed XML that inflates from about 16 KiB to 16 MiB.
        QFETCH(bool, inText);
        const QByteArray filler(16 * 1024 * 1024, inText ? 'a' : ' ');
        const QByteArray bomb =
            innerHeader() + document("<Group><Name>" + (inText ? filler : QByteArray()) +
                                     "</Name>" + (inText ? QByteArray() : filler) + "</Group>");
        KdbxReadOptions options;
        options.maxInflatedBytes = 1024 * 1024;
        const auto arena = makeArena();
        SecretBuffer plain = secret(*arena, bomb);
        auto compressed = GzipDeflater::compress(*arena, plain.span());
        ARCANUM_VERIFY_OK(compressed);
        const QByteArray gzip(compressed->span().chars(), int(compressed->size()));
        plain.reset();
        compressed->reset();
        arena->release(); // start counting from an empty arena
        SecretBuffer payload = secret(*arena, gzip);
        QVERIFY(payload.size() < 1024 * 1024);
        KdbxPayloadReader::Input input;
        input.payload = payload.span();
        auto database = KdbxPayloadReader::read(*arena, input, options);
        QVERIFY(!database);
        QVERIFY2(database.error().code == ErrorCode::LimitExceeded,
                 errorText(database.error()).c_str());
        QVERIFY(database.error().message.find("more than 1 MiB") != std::string::npos);
        // Inflating stopped at the limit: the arena never held the 16 MiB. (A value that grows to
        // the limit maps several times its size while its buffer grows: about 7 MiB here.)
        QVERIFY2(arena->mappedBytes() < 8 * 1024 * 1024,
                 std::to_string(arena->mappedBytes()).c_str());
    }

    void bombInsideAKdbx3Attachment()
    {
        const auto arena = makeArena();
        SecretBuffer zeros = secret(*arena, QByteArray(8 * 1024 * 1024, '\0'));
        auto compressed = GzipDeflater::compress(*arena, zeros.span());
        ARCANUM_VERIFY_OK(compressed);
        const QByteArray b64 =
            QByteArray(compressed->span().chars(), int(compressed->size())).toBase64();
        const QByteArray xml = document("<Group><Name>r</Name></Group>",
                                        "<Binaries><Binary ID=\"0\" Compressed=\"True\">" + b64 +
                                            "</Binary></Binaries>");
        KdbxPayloadReader::Input input;
        input.version = kdbx::version31;
        input.compressed = false;
        input.innerStream = kdbx::InnerStreamAlgorithm::None;
        SecretBuffer payload = secret(*arena, xml);
        input.payload = payload.span();
        KdbxReadOptions options;
        options.maxInflatedBytes = 1024 * 1024;
        auto database = KdbxPayloadReader::read(*arena, input, options);
        QVERIFY(!database);
        QCOMPARE(database.error().code, ErrorCode::LimitExceeded);
        QVERIFY(database.error().message.find("Attachment 0") == 0);
    }

    void nestingDepthLimit()
    {
        QByteArray groups;
        for (int i = 0; i < 200; ++i)
            groups += "<Group><Name>g</Name>";
        for (int i = 0; i < 200; ++i)
            groups += "</Group>";
        expectError(innerHeader() + document(groups), ErrorCode::LimitExceeded,
                    "more than 128 deep");
        // Deep nesting inside an unknown element counts too (it is skipped, not ignored).
        QByteArray unknown = "<Group><Name>g</Name><Plugin>";
        for (int i = 0; i < 300; ++i)
            unknown += "<x>";
        expectError(innerHeader() + document(unknown), ErrorCode::LimitExceeded, "deep");
        // 100 levels of groups are fine.
        QByteArray fine;
        for (int i = 0; i < 100; ++i)
            fine += "<Group><Name>g</Name>";
        for (int i = 0; i < 100; ++i)
            fine += "</Group>";
        const auto arena = makeArena();
        auto database = read(*arena, innerHeader() + document(fine));
        ARCANUM_VERIFY_OK(database);
        QCOMPARE(database->groups.size(), std::size_t(100));
    }

    void notUtf8()
    {
        expectError(innerHeader() + document("<Group><Name>caf\xe9</Name></Group>"),
                    ErrorCode::InvalidArgument, "not valid UTF-8");
        // An overlong encoding of '/', and a UTF-16 surrogate.
        expectError(innerHeader() + document("<Group><Name>\xc0\xaf</Name></Group>"),
                    ErrorCode::InvalidArgument, "not valid UTF-8");
        expectError(innerHeader() + document("<Group><Name>\xed\xa0\x80</Name></Group>"),
                    ErrorCode::InvalidArgument, "not valid UTF-8");
        // A protected value that decrypts to something that is not UTF-8 (Base64 of 0xFF 0xFE).
        expectError(innerHeader() +
                        document("<Group>" +
                                 entry("<String><Key>Password</Key><Value Protected=\"True\">//4="
                                       "</Value></String>") +
                                 "</Group>"),
                    ErrorCode::InvalidArgument, "not valid UTF-8 after decryption");
    }

    void dtdIsRefused()
    {
        const QByteArray xml =
            "<?xml version=\"1.0\"?><!DOCTYPE KeePassFile [<!ENTITY a \"aaaa\">]>"
            "<KeePassFile><Root><Group><Name>&a;</Name></Group></Root>"
            "</KeePassFile>";
        expectError(innerHeader() + xml, ErrorCode::FileDamaged, "DTD");
    }

    void structuralDamage_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        const int damaged = int(ErrorCode::FileDamaged);
        QTest::newRow("no root group")
            << innerHeader() + document("") << damaged << "no root group";
        QTest::newRow("two root groups")
            << innerHeader() + document("<Group/><Group/>") << damaged << "more than one root";
        QTest::newRow("not KeePass XML")
            << innerHeader() + "<html/>" << damaged << "not a KeePass XML document";
        QTest::newRow("malformed XML")
            << innerHeader() + "<KeePassFile><Root></KeePassFile>" << damaged << "malformed";
        QTest::newRow("dangling attachment")
            << innerHeader() +
                   document("<Group>" + entry("<Binary><Key>a</Key><Value Ref=\"3\"/></Binary>") +
                            "</Group>")
            << damaged << "refers to binary 3";
        QTest::newRow("field without value")
            << innerHeader() +
                   document("<Group>" + entry("<String><Key>x</Key></String>") + "</Group>")
            << damaged << "lacks its name or value";
        QTest::newRow("duplicate field")
            << innerHeader() + document("<Group>" +
                                        entry("<String><Key>x</Key><Value>1</Value></String>"
                                              "<String><Key>x</Key><Value>2</Value></String>") +
                                        "</Group>")
            << damaged << "two fields with the same name";
        QTest::newRow("history in history")
            << innerHeader() +
                   document("<Group>" + entry("<History><Entry><History/></Entry></History>") +
                            "</Group>")
            << damaged << "history of its own";
        QTest::newRow("protected value not Base64")
            << innerHeader() +
                   document("<Group>" +
                            entry("<String><Key>P</Key><Value Protected=\"True\">***</Value>"
                                  "</String>") +
                            "</Group>")
            << damaged << "not valid Base64";
        QTest::newRow("inner header cut short")
            << QByteArray("\x01\x04\x00", 3) << int(ErrorCode::FileTruncated) << "inner header";
        QTest::newRow("inner header without stream key")
            << field(1, QByteArray("\x03\x00\x00\x00", 4)) + field(0, {}) + document("<Group/>")
            << damaged << "stream's algorithm or key";
        QTest::newRow("ArcFour inner stream")
            << field(1, QByteArray("\x01\x00\x00\x00", 4)) + field(2, "k") + field(0, {}) +
                   document("<Group/>")
            << int(ErrorCode::Unsupported) << "ArcFour";
        QTest::newRow("attachment length past the end")
            << field(1, QByteArray("\x00\x00\x00\x00", 4)) + field(2, "k") +
                   QByteArray("\x03\xff\xff\xff\x7f\x01", 6)
            << int(ErrorCode::FileTruncated) << "inner header";
    }
    void structuralDamage()
    {
        QFETCH(QByteArray, payload);
        QFETCH(int, code);
        QFETCH(QString, words);
        expectError(payload, static_cast<ErrorCode>(code), words.toStdString().c_str());
    }

    void corruptCompressedData()
    {
        const auto arena = makeArena();
        SecretBuffer plain = secret(*arena, innerHeader() + document("<Group/>"));
        auto compressed = GzipDeflater::compress(*arena, plain.span());
        ARCANUM_VERIFY_OK(compressed);
        QByteArray bytes(compressed->span().chars(), int(compressed->size()));
        for (const auto& [damage, code] :
             {std::pair<int, ErrorCode>{0, ErrorCode::FileDamaged}, // the gzip magic
              {int(bytes.size()) - 3, ErrorCode::FileDamaged},      // the trailer's length
              {-1, ErrorCode::FileTruncated}}) {                    // cut in half
            QByteArray broken = bytes;
            if (damage < 0)
                broken.truncate(broken.size() / 2);
            else
                broken[damage] = char(broken[damage] ^ 0x55);
            SecretBuffer payload = secret(*arena, broken);
            KdbxPayloadReader::Input input;
            input.payload = payload.span();
            auto database = KdbxPayloadReader::read(*arena, input, {});
            QVERIFY(!database);
            QVERIFY2(database.error().code == code, errorText(database.error()).c_str());
        }
    }

    void errorsNeverQuoteTheDocument()
    {
        const auto arena = makeArena();
        auto database =
            read(*arena, innerHeader() + document("<Group>" +
                                                  entry("<String><Key>SECRETKEY</Key>"
                                                        "<Value>SECRETVALUE</Value></String>"
                                                        "<String><Key>SECRETKEY</Key>"
                                                        "<Value>SECRETVALUE</Value></String>") +
                                                  "</Group>"));
        QVERIFY(!database);
        QVERIFY(database.error().message.find("SECRET") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestKdbxPayloadReader)
#include "TestKdbxPayloadReader.moc"
