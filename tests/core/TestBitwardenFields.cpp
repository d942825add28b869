// Tests for BitwardenFields: "name: value" lines of a Bitwarden export's fields cell.
#include "import/BitwardenFields.h"

#include <QtTest>

using namespace arcanum;

class TestBitwardenFields : public QObject
{
    Q_OBJECT

private slots:
    void splitsNameValueLines_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<QByteArrayList>("pairs"); // name, value, name, value, ...
        QTest::newRow("empty") << QByteArray("") << QByteArrayList{};
        QTest::newRow("one") << QByteArray("PIN: 1234") << QByteArrayList{"PIN", "1234"};
        QTest::newRow("LF and CRLF")
            << QByteArray("a: 1\nb: 2\r\nc: 3") << QByteArrayList{"a", "1", "b", "2", "c", "3"};
        QTest::newRow("last separator wins")
            << QByteArray("Q: first pet: Rex") << QByteArrayList{"Q: first pet", "Rex"};
        QTest::newRow("empty value") << QByteArray("Empty: ") << QByteArrayList{"Empty", ""};
        QTest::newRow("no separator") << QByteArray("just text") << QByteArrayList{"just text", ""};
        QTest::newRow("colon without space")
            << QByteArray("url:https://x") << QByteArrayList{"url:https://x", ""};
        QTest::newRow("blank lines dropped")
            << QByteArray("\n  \na: 1\n\n") << QByteArrayList{"a", "1"};
        QTest::newRow("empty name") << QByteArray(": v") << QByteArrayList{"", "v"};
        QTest::newRow("non-ASCII")
            << QByteArray("Schlüssel: Wert ä") << QByteArrayList{"Schlüssel", "Wert ä"};
    }
    void splitsNameValueLines()
    {
        QFETCH(QByteArray, cell);
        QFETCH(QByteArrayList, pairs);
        const SecretSpan span(reinterpret_cast<const std::uint8_t*>(cell.constData()),
                              std::size_t(cell.size()));
        std::vector<ImportedField> fields;
        BitwardenFields::parse(span, fields);
        QByteArrayList actual;
        for (const ImportedField& field : fields) {
            actual << QByteArray(field.name.chars(), qsizetype(field.name.size()))
                   << QByteArray(field.value.chars(), qsizetype(field.value.size()));
            QVERIFY(field.isProtected);
            for (SecretSpan part : {field.name, field.value})
                QVERIFY(part.empty() || (part.data() >= span.data() && part.end() <= span.end()));
        }
        QCOMPARE(actual, pairs);
    }
};

QTEST_GUILESS_MAIN(TestBitwardenFields)
#include "TestBitwardenFields.moc"
