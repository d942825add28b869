// Tests for CsvReader: RFC 4180 parsing in place (quotes, doubled quotes, line ends, BOM,
// ragged rows), malformed input with line numbers, and spans that stay inside the buffer.
#include "TestSupport.h"
#include "import/CsvReader.h"

#include <QtTest>

using namespace arcanum;
using arcanum::test::makeArena;

namespace {

SecretBuffer inArena(SecretArena& arena, const QByteArray& text)
{
    return arcanum::test::secret(arena, text);
}

QByteArray toBytes(SecretSpan span)
{
    return QByteArray(span.chars(), qsizetype(span.size()));
}

struct ReadResult
{
    QList<QByteArrayList> rows;
    QList<int> lines;
    QByteArray error;
};

ReadResult readAll(SecretBuffer& buffer)
{
    ReadResult result;
    CsvReader reader(buffer.bytes());
    while (!reader.atEnd()) {
        auto row = reader.next();
        if (!row) {
            result.error = QByteArray::fromStdString(row.error().message);
            if (row.error().code != ErrorCode::FileDamaged)
                result.error = "wrong code: " + result.error;
            if (!reader.atEnd())
                result.error = "not at end after error: " + result.error;
            break;
        }
        QByteArrayList fields;
        for (const SecretSpan& field : row->fields)
            fields << toBytes(field);
        result.rows << fields;
        result.lines << int(row->line);
    }
    return result;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void parsesWellFormedText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<QByteArrayList>>("rows");
        using Rows = QList<QByteArrayList>;
        QTest::newRow("LF") << QByteArray("a,b\nc,d\n") << Rows{{"a", "b"}, {"c", "d"}};
        QTest::newRow("CRLF") << QByteArray("a,b\r\nc,d\r\n") << Rows{{"a", "b"}, {"c", "d"}};
        QTest::newRow("lone CR") << QByteArray("a,b\rc,d\r") << Rows{{"a", "b"}, {"c", "d"}};
        QTest::newRow("no final line end")
            << QByteArray("a,b\nc,d") << Rows{{"a", "b"}, {"c", "d"}};
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF"
                                           "a,b\n")
                             << Rows{{"a", "b"}};
        QTest::newRow("BOM kept after start")
            << QByteArray("a,\xEF\xBB\xBF\n") << Rows{{"a", "\xEF\xBB\xBF"}};
        QTest::newRow("quoted comma") << QByteArray("\"a,b\",c\n") << Rows{{"a,b", "c"}};
        QTest::newRow("doubled quotes")
            << QByteArray("\"say \"\"hi\"\"\",x\n") << Rows{{"say \"hi\"", "x"}};
        QTest::newRow("only a doubled quote") << QByteArray("\"\"\"\"") << Rows{{"\""}};
        QTest::newRow("LF inside quotes")
            << QByteArray("\"l1\nl2\",x\ny\n") << Rows{{"l1\nl2", "x"}, {"y"}};
        QTest::newRow("CRLF inside quotes kept")
            << QByteArray("\"l1\r\nl2\"\r\n") << Rows{{"l1\r\nl2"}};
        QTest::newRow("empty fields") << QByteArray(",,\n") << Rows{{"", "", ""}};
        QTest::newRow("trailing comma at end") << QByteArray("a,") << Rows{{"a", ""}};
        QTest::newRow("empty quoted") << QByteArray("\"\",a\n") << Rows{{"", "a"}};
        QTest::newRow("blank line") << QByteArray("a\n\nb\n") << Rows{{"a"}, {""}, {"b"}};
        QTest::newRow("ragged rows")
            << QByteArray("a,b,c\nd\ne,f\n") << Rows{{"a", "b", "c"}, {"d"}, {"e", "f"}};
        QTest::newRow("non-ASCII")
            << QByteArray("Grüße,\"パス,ワード\"\n") << Rows{{"Grüße", "パス,ワード"}};
        QTest::newRow("spaces kept") << QByteArray(" a , b ") << Rows{{" a ", " b "}};
        QTest::newRow("quoted then unquoted")
            << QByteArray("\"x\"\"y\",z,\"\"\"\"\n") << Rows{{"x\"y", "z", "\""}};
        QTest::newRow("empty") << QByteArray("") << Rows{};
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << Rows{};
        QTest::newRow("one line end") << QByteArray("\n") << Rows{{""}};
    }
    void parsesWellFormedText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QList<QByteArrayList>, rows);
        auto arena = makeArena();
        SecretBuffer buffer = inArena(*arena, text);
        const ReadResult result = readAll(buffer);
        QCOMPARE(result.error, QByteArray());
        QCOMPARE(result.rows, rows);
    }

    void rejectsMalformedText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("rowsBefore");
        QTest::newRow("unclosed quote")
            << QByteArray("a,b\nc,\"open\nmore\n")
            << QByteArray("CSV line 2, field 2: a quoted field starts here and never closes.") << 1;
        QTest::newRow("lone quote") << QByteArray("\"")
                                    << QByteArray("CSV line 1, field 1: a quoted field starts "
                                                  "here and never closes.")
                                    << 0;
        QTest::newRow("unclosed after a multi-line field")
            << QByteArray("\"a\nb\",c\n\"d") << QByteArray("CSV line 3, field 1: a quoted field")
            << 1;
        QTest::newRow("text after closing quote")
            << QByteArray("x\n\"a\"b,c\n")
            << QByteArray("CSV line 2, field 1: text follows a "
                          "closing quote")
            << 1;
        QTest::newRow("text after a multi-line quoted field")
            << QByteArray("\"a\nb\"c\n") << QByteArray("CSV line 2, field 1: text follows") << 0;
        QTest::newRow("space after closing quote")
            << QByteArray("\"a\" ,b\n") << QByteArray("CSV line 1, field 1: text follows") << 0;
        QTest::newRow("stray quote") << QByteArray("ab\"c,d\n")
                                     << QByteArray("CSV line 1, field 1: a quote inside an "
                                                   "unquoted field")
                                     << 0;
        QTest::newRow("stray quote later") << QByteArray("a\r\nb\r\nc,x\"y\r\n")
                                           << QByteArray("CSV line 3, field 2: a quote") << 2;
        QTest::newRow("space before quote")
            << QByteArray("a, \"b\"\n") << QByteArray("CSV line 1, field 2: a quote inside") << 0;
        QTest::newRow("too many fields")
            << QByteArray(int(CsvReader::maxFieldsPerRow), ',')
            << QByteArray("CSV line 1, field 4097: more than 4096 fields in one row.") << 0;
    }
    void rejectsMalformedText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, message);
        QFETCH(int, rowsBefore);
        auto arena = makeArena();
        SecretBuffer buffer = inArena(*arena, text);
        const ReadResult result = readAll(buffer);
        QVERIFY2(result.error.startsWith(message), result.error.constData());
        QCOMPARE(result.rows.size(), rowsBefore);
    }

    void errorsNeverQuoteTheContent()
    {
        auto arena = makeArena();
        SecretBuffer buffer = inArena(*arena, "site,\"canary-Xyzzy-secret\nnever closed");
        const ReadResult result = readAll(buffer);
        QVERIFY(!result.error.isEmpty());
        QVERIFY(!result.error.contains("Xyzzy"));
        QVERIFY(!result.error.contains("site"));
    }

    void rowsKnowWhereTheyStart()
    {
        auto arena = makeArena();
        SecretBuffer buffer = inArena(*arena, "h1,h2\n\"multi\nline\",x\r\n\ny,z");
        CsvReader reader(buffer.bytes());
        const std::size_t expectedLines[] = {1, 2, 4, 5};
        for (std::size_t i = 0; i < 4; ++i) {
            QVERIFY(!reader.atEnd());
            auto row = reader.next();
            QVERIFY(row);
            QCOMPARE(row->number, i + 1);
            QCOMPARE(row->line, expectedLines[i]);
        }
        QVERIFY(reader.atEnd());
    }

    void spansPointIntoTheBufferAndUnescapeInPlace()
    {
        auto arena = makeArena();
        const QByteArray text = "\"a\"\"b\",plain,\"c\nd\"\r\n\"\"\"\"\"\"\n";
        SecretBuffer buffer = inArena(*arena, text);
        const std::uint8_t* const begin = buffer.data();
        const std::uint8_t* const end = begin + buffer.size();
        CsvReader reader(buffer.bytes());
        std::size_t fields = 0;
        while (!reader.atEnd()) {
            auto row = reader.next();
            QVERIFY(row);
            for (const SecretSpan& field : row->fields) {
                QVERIFY(field.data() >= begin && field.data() + field.size() <= end);
                QVERIFY(arena->contains(field.data()));
                ++fields;
            }
        }
        QCOMPARE(fields, std::size_t(4));
        // The first field was compacted over its own bytes: 'a', '"', 'b' right after the quote.
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(begin + 1), 3), QByteArray("a\"b"));
    }

    void earlierSpansSurviveLaterRows()
    {
        auto arena = makeArena();
        SecretBuffer buffer = inArena(*arena, "\"x\"\"1\",y\n\"\"\"z\"\"\",w\n");
        CsvReader reader(buffer.bytes());
        auto first = reader.next();
        QVERIFY(first);
        const SecretSpan kept = first->fields[0];
        auto second = reader.next();
        QVERIFY(second);
        QCOMPARE(toBytes(kept), QByteArray("x\"1"));
        QCOMPARE(toBytes(second->fields[0]), QByteArray("\"z\""));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
