// Tests for CsvImporter: every recognised export (tests/data/csv), the field mapping of each,
// skipped-row reporting, malformed files and their exact errors, and that every span of the
// result points into the import's own arena buffer.
#include "TestSupport.h"
#include "import/CsvImporter.h"

#include <QtTest>

using namespace arcanum;
using arcanum::test::makeArena;

Q_DECLARE_METATYPE(arcanum::CsvFormat)
Q_DECLARE_METATYPE(arcanum::ErrorCode)

namespace {

// tests/data/csv/<name> (which need not exist).
std::string samplePath(const QString& name)
{
    return std::string(ARCANUM_TEST_DATA_DIR) + "/csv/" + name.toStdString();
}

Result<CsvImport> importSample(SecretArena& arena, const QString& name)
{
    return CsvImporter::importFile(arena, samplePath(name));
}

Result<CsvImport> importBytes(SecretArena& arena, const QByteArray& text)
{
    return CsvImporter::importText(arcanum::test::secret(arena, text));
}

QByteArray bytes(SecretSpan span)
{
    return QByteArray(span.chars(), qsizetype(span.size()));
}

QStringList descriptions(const std::vector<SkippedRow>& skipped)
{
    QStringList list;
    for (const SkippedRow& row : skipped)
        list << QString::fromStdString(row.describe());
    return list;
}

bool inside(SecretSpan span, const SecretBuffer& buffer)
{
    if (span.data() == nullptr)
        return span.empty(); // a column the export does not have
    const std::uint8_t* const begin = buffer.data();
    return span.data() >= begin && span.data() + span.size() <= begin + buffer.size();
}

} // namespace

class TestCsvImporter : public QObject
{
    Q_OBJECT

private slots:
    void recognisesEveryExport_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<CsvFormat>("format");
        QTest::addColumn<int>("entries");
        QTest::addColumn<int>("skipped");
        QTest::newRow("Chrome") << "chrome.csv" << CsvFormat::ChromeEdge << 3 << 1;
        QTest::newRow("Edge, BOM, CRLF, no note") << "edge.csv" << CsvFormat::ChromeEdge << 2 << 0;
        QTest::newRow("Firefox") << "firefox.csv" << CsvFormat::Firefox << 3 << 1;
        QTest::newRow("Bitwarden") << "bitwarden.csv" << CsvFormat::Bitwarden << 2 << 3;
        QTest::newRow("KeePassXC") << "keepassxc.csv" << CsvFormat::KeePassXC << 3 << 1;
        QTest::newRow("ragged rows") << "ragged.csv" << CsvFormat::ChromeEdge << 2 << 4;
    }
    void recognisesEveryExport()
    {
        QFETCH(QString, file);
        QFETCH(CsvFormat, format);
        QFETCH(int, entries);
        QFETCH(int, skipped);
        auto arena = makeArena();
        auto result = importSample(*arena, file);
        QVERIFY2(result, result ? "" : result.error().message.c_str());
        QCOMPARE(result->format, format);
        QCOMPARE(int(result->entries.size()), entries);
        QCOMPARE(int(result->skipped.size()), skipped);
    }

    void everySpanPointsIntoTheImportBuffer_data() { recognisesEveryExport_data(); }
    void everySpanPointsIntoTheImportBuffer()
    {
        QFETCH(QString, file);
        auto arena = makeArena();
        auto result = importSample(*arena, file);
        QVERIFY(result);
        const SecretBuffer& text = result->text;
        QVERIFY(arena->contains(text.data()));
        for (const ImportedEntry& entry : result->entries) {
            for (SecretSpan span : {entry.title, entry.username, entry.password, entry.url,
                                    entry.notes, entry.group, entry.totp})
                QVERIFY(inside(span, text));
            for (const SecretSpan& url : entry.otherUrls)
                QVERIFY(inside(url, text));
            for (const ImportedField& field : entry.fields)
                QVERIFY(inside(field.name, text) && inside(field.value, text));
            QVERIFY(!entry.title.empty());
        }
        // Moving the result moves the buffer handle, not the bytes: the spans stay valid.
        const std::uint8_t* const before = text.data();
        CsvImport moved = std::move(result.value());
        QCOMPARE(moved.text.data(), before);
    }

    void mapsChromeColumns()
    {
        auto arena = makeArena();
        auto result = importSample(*arena, "chrome.csv");
        QVERIFY(result);
        const auto& e = result->entries;
        QCOMPARE(bytes(e[0].title), QByteArray("example.com"));
        QCOMPARE(bytes(e[0].url), QByteArray("https://example.com/login"));
        QCOMPARE(bytes(e[0].username), QByteArray("alice@example.com"));
        QCOMPARE(bytes(e[0].password), QByteArray("pa,ss\"word"));
        QVERIFY(e[0].notes.empty() && e[0].group.empty() && e[0].totp.empty());
        QCOMPARE(bytes(e[1].title), QByteArray("accounts.例え.jp")); // from the URL host
        QCOMPARE(bytes(e[1].username), QByteArray("たろう"));
        QCOMPARE(bytes(e[1].notes), QByteArray("first line\nsecond line, with a comma"));
        QCOMPARE(bytes(e[2].notes), QByteArray("she said \"hi\""));
        QCOMPARE(e[2].row, std::size_t(4));
        QCOMPARE(descriptions(result->skipped),
                 QStringList{"row 5 (line 6): no password and no username"});
    }

    void mapsEdgeWithBomAndCrlf()
    {
        auto arena = makeArena();
        auto result = importSample(*arena, "edge.csv");
        QVERIFY(result);
        const auto& e = result->entries;
        QCOMPARE(bytes(e[0].title), QByteArray("login.live.com"));
        QCOMPARE(bytes(e[0].password), QByteArray("Zürich,2024!"));
        QVERIFY(e[0].notes.empty());
        QCOMPARE(bytes(e[1].title), QByteArray("intranet.contoso.com"));
        QCOMPARE(bytes(e[1].password), QByteArray("S3cr3t")); // no CR left at the line end
    }

    void mapsFirefoxColumns()
    {
        auto arena = makeArena();
        auto result = importSample(*arena, "firefox.csv");
        QVERIFY(result);
        const auto& e = result->entries;
        QCOMPARE(bytes(e[0].title), QByteArray("www.mozilla.org"));
        QCOMPARE(bytes(e[0].password), QByteArray("fire\"fox"));
        QVERIFY(e[0].fields.empty()); // empty httpRealm; guid, times, formActionOrigin dropped
        QCOMPARE(bytes(e[1].title), QByteArray("router.local"));
        QCOMPARE(bytes(e[1].password), QByteArray("ädmin,pass"));
        QCOMPARE(e[1].fields.size(), std::size_t(1));
        QCOMPARE(bytes(e[1].fields[0].name), QByteArray("httpRealm"));
        QCOMPARE(bytes(e[1].fields[0].value), QByteArray("Router Realm"));
        QVERIFY(!e[1].fields[0].isProtected);
        QCOMPARE(bytes(e[2].password), QByteArray("line one\nline two"));
        QCOMPARE(descriptions(result->skipped), QStringList{"row 4: no password and no username"});
    }

    void mapsBitwardenColumns()
    {
        auto arena = makeArena();
        auto result = importSample(*arena, "bitwarden.csv");
        QVERIFY(result);
        const auto& e = result->entries;
        QCOMPARE(bytes(e[0].group), QByteArray("Work"));
        QCOMPARE(bytes(e[0].title), QByteArray("GitLab"));
        QCOMPARE(bytes(e[0].notes), QByteArray("Deploy key below\r\nRotate yearly"));
        QCOMPARE(bytes(e[0].url), QByteArray("https://gitlab.example.com"));
        QCOMPARE(bytes(e[0].username), QByteArray("dev@example.com"));
        QCOMPARE(bytes(e[0].password), QByteArray("gl\"pass,1"));
        QCOMPARE(bytes(e[0].totp), QByteArray("otpauth://totp/GitLab:dev?secret=JBSWY3DPEHPK3PXP"));
        QVERIFY(e[0].fields.empty());
        QCOMPARE(e[0].otherUrls.size(), std::size_t(1)); // the second URI
        QCOMPARE(bytes(e[0].otherUrls[0]), QByteArray("https://gitlab.example.com/users/sign_in"));
        QCOMPARE(bytes(e[1].group), QByteArray("Persönlich"));
        QCOMPARE(bytes(e[1].title), QByteArray("Bank Österreich"));
        QCOMPARE(e[1].fields.size(), std::size_t(2));
        QCOMPARE(bytes(e[1].fields[0].name), QByteArray("PIN"));
        QCOMPARE(bytes(e[1].fields[0].value), QByteArray("4321"));
        QCOMPARE(bytes(e[1].fields[1].name), QByteArray("Security question: first pet"));
        QCOMPARE(bytes(e[1].fields[1].value), QByteArray("Rex"));
        QVERIFY(e[1].fields[0].isProtected && e[1].fields[1].isProtected);
        QCOMPARE(descriptions(result->skipped),
                 (QStringList{"row 3 (line 4): Bitwarden item type 'note' is not a login",
                              "row 5 (line 7): Bitwarden item type 'card' is not a login",
                              "row 6 (line 8): no username, password, URL, notes, TOTP or "
                              "custom field"}));
    }

    void mapsKeePassXCColumns()
    {
        auto arena = makeArena();
        auto result = importSample(*arena, "keepassxc.csv");
        QVERIFY(result);
        const auto& e = result->entries;
        QCOMPARE(bytes(e[0].group), QByteArray("Root/Internet"));
        QCOMPARE(bytes(e[0].title), QByteArray("Forum \"Zoë\""));
        QCOMPARE(bytes(e[0].password), QByteArray("p@ss,word"));
        QCOMPARE(bytes(e[0].notes), QByteArray("multi\nline\nnotes"));
        QVERIFY(e[0].totp.empty() && e[0].fields.empty());
        QCOMPARE(bytes(e[1].totp), QByteArray("otpauth://totp/Sparkasse?secret=GEZDGNBV"));
        QCOMPARE(bytes(e[2].title), QByteArray("db.example.net"));
        QCOMPARE(bytes(e[2].url), QByteArray("ssh://admin@db.example.net:2222"));
        QCOMPARE(descriptions(result->skipped),
                 QStringList{"row 4 (line 6): no username, password, URL, notes, TOTP or custom "
                             "field"});
    }

    void reportsSkippedRowsByNumberNeverContent()
    {
        auto arena = makeArena();
        auto result = importSample(*arena, "ragged.csv");
        QVERIFY(result);
        const QStringList reasons = descriptions(result->skipped);
        QCOMPARE(reasons, (QStringList{"row 3: 3 fields, expected 5", "row 4: 7 fields, expected 5",
                                       "row 7 (line 8): no password and no username",
                                       "row 8 (line 9): 4 fields, expected 5"}));
        QCOMPARE(result->skipped[0].reason, SkipReason::FieldCount);
        QCOMPARE(result->skipped[2].reason, SkipReason::NoUsernameOrPassword);
        for (const QString& reason : reasons)
            QVERIFY(!reason.contains("example") && !reason.contains("bob"));
        QCOMPARE(result->entries[1].row, std::size_t(6));
        QCOMPARE(bytes(result->entries[1].url), QByteArray("https://d.example/\nwrapped"));
    }

    void refusesMalformedFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed quote")
            << "malformed-unclosed-quote.csv" << ErrorCode::FileDamaged
            << "CSV line 3, field 4: a quoted field starts here and never closes.";
        QTest::newRow("stray quote") << "malformed-stray-quote.csv" << ErrorCode::FileDamaged
                                     << "CSV line 3, field 3: a quote inside an unquoted field";
        QTest::newRow("text after quote")
            << "malformed-text-after-quote.csv" << ErrorCode::FileDamaged
            << "CSV line 2, field 3: text follows a closing quote";
        QTest::newRow("empty file") << "malformed-empty.csv" << ErrorCode::InvalidArgument
                                    << "The file is empty: it has no header row.";
        QTest::newRow("blank lines only")
            << "malformed-blank-lines.csv" << ErrorCode::InvalidArgument << "The file is empty";
        QTest::newRow("header only") << "malformed-header-only.csv" << ErrorCode::InvalidArgument
                                     << "The file has a Chrome/Edge header but no rows below it.";
        QTest::newRow("unknown header")
            << "malformed-unknown-header.csv" << ErrorCode::InvalidArgument
            << "The first row is not a header Arcanum recognises. Arcanum reads";
        QTest::newRow("near miss header")
            << "malformed-near-header.csv" << ErrorCode::InvalidArgument
            << "The first row is not a header Arcanum recognises. It looks like a Chrome/Edge "
               "export, but lacks the column 'password'. Arcanum reads";
        QTest::newRow("UTF-16") << "malformed-utf16.csv" << ErrorCode::InvalidArgument
                                << "The file is UTF-16 text";
        QTest::newRow("Latin-1") << "malformed-latin1.csv" << ErrorCode::InvalidArgument
                                 << "Line 2 is not valid UTF-8.";
        QTest::newRow("binary junk")
            << "malformed-binary.csv" << ErrorCode::InvalidArgument << "Line 1 is not valid UTF-8.";
        QTest::newRow("no such file")
            << "does-not-exist.csv" << ErrorCode::NotFound << "Cannot open ";
    }
    void refusesMalformedFiles()
    {
        QFETCH(QString, file);
        QFETCH(ErrorCode, code);
        QFETCH(QString, message);
        auto arena = makeArena();
        auto result = importSample(*arena, file);
        QVERIFY(!result);
        const QString actual = QString::fromStdString(result.error().message);
        QVERIFY2(actual.startsWith(message), qPrintable(actual));
        QCOMPARE(result.error().code, code);
        for (const char* content : {"example", "unterminated", "Zürich", "Mail"})
            QVERIFY2(!actual.contains(content), qPrintable(actual));
    }

    void unknownHeaderNamesEveryFormat()
    {
        auto arena = makeArena();
        auto result = importBytes(*arena, "a,b,c\n1,2,3\n");
        QVERIFY(!result);
        const std::string& message = result.error().message;
        for (const char* expected :
             {"Chrome/Edge (name,url,username,password,note)", "Firefox (url,username,password,",
              "Bitwarden (folder,favorite,type,name,notes,fields,", "and KeePassXC (Group,Title,"})
            QVERIFY2(message.find(expected) != std::string::npos, message.c_str());
        QVERIFY(message.find("looks like") == std::string::npos);
    }

    void matchesHeaderVariants_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<CsvFormat>("format");
        QTest::addColumn<QByteArray>("username");
        QTest::addColumn<QByteArray>("group");
        QTest::newRow("upper case, quoted")
            << QByteArray("\"NAME\",\"Url\",\"USERNAME\",\"password\"\nn,https://n,nina,pw\n")
            << CsvFormat::ChromeEdge << QByteArray("nina") << QByteArray();
        QTest::newRow("spaces around names")
            << QByteArray(" name , url ,username, password\nn,https://n,nora,pw\n")
            << CsvFormat::ChromeEdge << QByteArray("nora") << QByteArray();
        QTest::newRow("reordered, extra column")
            << QByteArray("password,extra,username,url,name\npw,x,ned,https://n,n\n")
            << CsvFormat::ChromeEdge << QByteArray("ned") << QByteArray();
        QTest::newRow("Firefox without times")
            << QByteArray("url,username,password,httpRealm,formActionOrigin,guid\n"
                          "https://f,fred,pw,,,{g}\n")
            << CsvFormat::Firefox << QByteArray("fred") << QByteArray();
        QTest::newRow("Bitwarden organisation")
            << QByteArray("collections,type,name,notes,fields,reprompt,login_uri,login_username,"
                          "login_password,login_totp\nShared,login,N,,,0,https://b,bea,pw,\n")
            << CsvFormat::Bitwarden << QByteArray("bea") << QByteArray("Shared");
        QTest::newRow("Bitwarden with reminder")
            << QByteArray("folder,favorite,type,name,notes,fields,reminder,login_uri,"
                          "login_username,login_password,login_totp\nF,,LOGIN,N,,,0,,bo,pw,\n")
            << CsvFormat::Bitwarden << QByteArray("bo") << QByteArray("F");
        QTest::newRow("KeePassXC 2.5 (six columns)")
            << QByteArray("\"Group\",\"Title\",\"Username\",\"Password\",\"URL\",\"Notes\"\n"
                          "\"Root\",\"T\",\"kim\",\"pw\",\"\",\"\"\n")
            << CsvFormat::KeePassXC << QByteArray("kim") << QByteArray("Root");
        QTest::newRow("blank lines before header")
            << QByteArray("\n\r\nname,url,username,password\nn,https://n,al,pw")
            << CsvFormat::ChromeEdge << QByteArray("al") << QByteArray();
    }
    void matchesHeaderVariants()
    {
        QFETCH(QByteArray, text);
        QFETCH(CsvFormat, format);
        QFETCH(QByteArray, username);
        QFETCH(QByteArray, group);
        auto arena = makeArena();
        auto result = importBytes(*arena, text);
        QVERIFY2(result, result ? "" : result.error().message.c_str());
        QCOMPARE(result->format, format);
        QCOMPARE(result->entries.size(), std::size_t(1));
        QCOMPARE(bytes(result->entries[0].username), username);
        QCOMPARE(bytes(result->entries[0].group), group);
    }

    void namesCustomFieldsAfterTheHeaderCell()
    {
        auto arena = makeArena();
        auto result = importBytes(*arena, "url,username,password,\" HTTPREALM \",formActionOrigin,"
                                          "guid\nhttps://x.example,u,p,Realm,,{g}\n");
        QVERIFY(result);
        QCOMPARE(result->entries[0].fields.size(), std::size_t(1));
        QCOMPARE(bytes(result->entries[0].fields[0].name), QByteArray("HTTPREALM"));
        QCOMPARE(bytes(result->entries[0].fields[0].value), QByteArray("Realm"));
    }

    void refusesNulBytes()
    {
        auto arena = makeArena();
        auto result =
            importBytes(*arena, QByteArray("name,url,username,password\nn,u,\0,pw\n", 37));
        QVERIFY(!result);
        QCOMPARE(QByteArray::fromStdString(result.error().message),
                 QByteArray("Line 2 holds a NUL byte: this is not a CSV text file."));
    }

    void acceptsLiteralReplacementCharacters()
    {
        auto arena = makeArena();
        auto result = importBytes(*arena, "name,url,username,password\n\xEF\xBF\xBD,u,us,pw\n");
        QVERIFY2(result, result ? "" : result.error().message.c_str());
        QCOMPARE(bytes(result->entries[0].title), QByteArray("\xEF\xBF\xBD"));
    }

    void boundsTheNumberOfRows()
    {
        auto arena = makeArena();
        QByteArray text = "name,url,username,password\n";
        text += QByteArray("x\n").repeated(qsizetype(CsvImporter::maxRows) + 1);
        auto result = importBytes(*arena, text);
        QVERIFY(!result);
        QCOMPARE(result.error().message,
                 std::string("The file has more than 1000000 rows, more than Arcanum imports."));
    }
};

QTEST_GUILESS_MAIN(TestCsvImporter)
#include "TestCsvImporter.moc"
