// Tests for Utf8: decoding (valid and malformed), encoding, UTF-16 conversion, the ASCII check.
#include "text/Utf8.h"

#include <QtTest>
#include <cstring>

using namespace arcanum;

namespace {
SecretSpan bytes(const char* text)
{
    return {reinterpret_cast<const std::uint8_t*>(text), std::strlen(text)};
}
} // namespace

class TestUtf8 : public QObject
{
    Q_OBJECT

private slots:
    void decodesAgreeWithQt_data()
    {
        QTest::addColumn<QByteArray>("utf8");
        QTest::newRow("ascii") << QByteArray("hello");
        QTest::newRow("latin-1") << QByteArray("Grüße, café");
        QTest::newRow("cjk") << QByteArray("パスワード");
        QTest::newRow("astral") << QByteArray("key \xF0\x9F\x94\x91 emoji");
        QTest::newRow("empty") << QByteArray("");
    }
    void decodesAgreeWithQt()
    {
        QFETCH(QByteArray, utf8);
        const QString reference = QString::fromUtf8(utf8);
        const SecretSpan span(reinterpret_cast<const std::uint8_t*>(utf8.constData()),
                              std::size_t(utf8.size()));
        QCOMPARE(Utf8::utf16Length(span), std::size_t(reference.size()));
        std::vector<char16_t> units(Utf8::utf16Length(span));
        QCOMPARE(Utf8::toUtf16(span, units), units.size());
        QVERIFY(units.empty() ||
                std::memcmp(units.data(), reference.utf16(), units.size() * 2) == 0);
        QCOMPARE(Utf8::codePointCount(span), std::size_t(reference.toUcs4().size()));
        QVERIFY(Utf8::isValid(span));
    }

    void isAsciiLooksAtEveryByte()
    {
        for (std::size_t length = 0; length <= 20; ++length) {
            std::vector<std::uint8_t> text(length, 'a');
            QVERIFY(Utf8::isAscii(SecretSpan(text.data(), text.size())));
            for (std::size_t at = 0; at < length; ++at) {
                text[at] = 0x80;
                QVERIFY2(!Utf8::isAscii(SecretSpan(text.data(), text.size())),
                         qPrintable(QString("byte %1 of %2").arg(at).arg(length)));
                text[at] = 0x7F;
                QVERIFY(Utf8::isAscii(SecretSpan(text.data(), text.size())));
                text[at] = 'a';
            }
        }
    }

    void malformedInputBecomesReplacement_data()
    {
        QTest::addColumn<QByteArray>("utf8");
        QTest::addColumn<int>("codePoints");
        QTest::newRow("lone continuation") << QByteArray("a\x80z") << 3;
        QTest::newRow("truncated 3-byte") << QByteArray("a\xE3\x83") << 3;
        QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << 2;
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << 3;
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << 4;
        QTest::newRow("invalid lead") << QByteArray("\xFF") << 1;
    }
    void malformedInputBecomesReplacement()
    {
        QFETCH(QByteArray, utf8);
        QFETCH(int, codePoints);
        const SecretSpan span(reinterpret_cast<const std::uint8_t*>(utf8.constData()),
                              std::size_t(utf8.size()));
        QVERIFY(!Utf8::isValid(span));
        QCOMPARE(Utf8::codePointCount(span), std::size_t(codePoints));
        bool sawReplacement = false;
        for (std::size_t offset = 0; offset < span.size();)
            sawReplacement |= Utf8::decode(span, offset) == Utf8::replacement;
        QVERIFY(sawReplacement);
    }

    void encodeRoundTrips()
    {
        for (char32_t codePoint : {U'A', U'é', U'€', U'𝄞', char32_t(0x10FFFF)}) {
            std::uint8_t out[4];
            const std::size_t length = Utf8::encode(codePoint, out);
            std::size_t offset = 0;
            QCOMPARE(Utf8::decode(SecretSpan(out, length), offset), codePoint);
            QCOMPARE(offset, length);
        }
        std::uint8_t out[4];
        QCOMPARE(Utf8::encode(0xD800, out), std::size_t(3)); // surrogate -> U+FFFD
        QVERIFY(Utf8::isValid(bytes("\xEF\xBF\xBD")));
    }

    void toUtf16StopsAtTheEndOfTheOutput()
    {
        char16_t units[3] = {};
        QCOMPARE(Utf8::toUtf16(bytes("ab\xF0\x9F\x94\x91"), units), std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestUtf8)
#include "TestUtf8.moc"
