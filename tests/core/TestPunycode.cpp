// Tests for Punycode: RFC 3492 decoding, against labels Python's codec encoded, and the inputs
// it must refuse.
#include "autofill/Punycode.h"

#include <QtTest>

using namespace arcanum::autofill;

class TestPunycode : public QObject
{
    Q_OBJECT

private slots:
    void decodes_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QString>("decoded"); // empty: must be refused
        QTest::newRow("münchen") << QByteArray("mnchen-3ya") << QString("münchen");
        QTest::newRow("bücher") << QByteArray("bcher-kva") << QString("bücher");
        QTest::newRow("Japanese") << QByteArray("wgv71a119e") << QString("日本語");
        QTest::newRow("Greek") << QByteArray("hxargifdar") << QString("ελληνικά");
        QTest::newRow("Cyrillic") << QByteArray("e1afmkfd") << QString("пример");
        QTest::newRow("upper-case letter") << QByteArray("wca") << QString("Ü");
        QTest::newRow("outside the BMP") << QByteArray("x-iv3s") << QString("😀x");
        QTest::newRow("digits are case-insensitive")
            << QByteArray("MNCHEN-3YA") << QString("MüNCHEN");
        QTest::newRow("ASCII only") << QByteArray("abc-") << QString();
        QTest::newRow("empty") << QByteArray("") << QString();
        QTest::newRow("not a digit") << QByteArray("mnchen-3y!") << QString();
        QTest::newRow("cut off") << QByteArray("mnchen-3y") << QString();
        QTest::newRow("overflow") << QByteArray("99999999999") << QString();
        QTest::newRow("non-ASCII basic") << QByteArray("m\xc3\xbc-3ya") << QString();
    }
    void decodes()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QString, decoded);
        char32_t out[64];
        const auto length =
            Punycode::decode({reinterpret_cast<const std::uint8_t*>(encoded.constData()),
                              std::size_t(encoded.size())},
                             out);
        if (decoded.isEmpty()) {
            QVERIFY(!length);
            return;
        }
        QVERIFY(length);
        QCOMPARE(QString::fromUcs4(out, qsizetype(*length)), decoded);
    }

    void refusesWhatDoesNotFit()
    {
        char32_t out[3];
        const QByteArray encoded("mnchen-3ya");
        QVERIFY(!Punycode::decode({reinterpret_cast<const std::uint8_t*>(encoded.constData()),
                                   std::size_t(encoded.size())},
                                  out));
    }
};

QTEST_GUILESS_MAIN(TestPunycode)
#include "TestPunycode.moc"
