// Tests for PasswordStrength: the documented formula on hand-computed cases (repeats, sequences,
// keyboard rows, reused characters, one class, non-ASCII, damaged UTF-8), the rating scale, and
// that only the span's own bytes are read.
#include "TestSupport.h"
#include "generator/PasswordStrength.h"
#include "secret/SecretArena.h"

#include <QtTest>
#include <cmath>
#include <memory>

using namespace arcanum;
using arcanum::test::secret;

Q_DECLARE_METATYPE(arcanum::PasswordStrength::Rating)

namespace {

const double lower = std::log2(26.0);  // a-z only
const double digits = std::log2(10.0); // 0-9 only
const double all = std::log2(95.0);    // a-z, A-Z, 0-9, symbols
const double other = std::log2(100.0); // non-ASCII only
constexpr double oneClass = PasswordStrength::oneClassFactor;

} // namespace

class TestPasswordStrength : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = test::makeArena(); }

    void estimatesByTheFormula_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<double>("bits");
        QTest::newRow("empty") << QByteArray() << 0.0;
        QTest::newRow("one letter") << QByteArray("k") << lower * oneClass;
        QTest::newRow("repeats") << QByteArray("aaaa") << (lower + 3) * oneClass;
        QTest::newRow("ascending letters") << QByteArray("abcd") << (lower + 6) * oneClass;
        QTest::newRow("descending letters") << QByteArray("dcba") << (lower + 6) * oneClass;
        QTest::newRow("keyboard row") << QByteArray("qwer") << (lower + 6) * oneClass;
        QTest::newRow("keyboard row backwards") << QByteArray("lkjh") << (lower + 6) * oneClass;
        QTest::newRow("digits") << QByteArray("1234") << (digits + 6) * oneClass;
        QTest::newRow("zero after nine") << QByteArray("7890") << (digits + 6) * oneClass;
        QTest::newRow("reused character") << QByteArray("axqa") << lower * 3.5 * oneClass;
        QTest::newRow("four classes") << QByteArray("aK3$") << 4 * all;
        // Case does not hide a sequence; two classes: no one-class factor.
        QTest::newRow("mixed-case sequence") << QByteArray("aBcD") << std::log2(52.0) + 6;
        QTest::newRow("shifted digit row")
            << QByteArray("!@#$") << (std::log2(33.0) + 6) * oneClass;
        QTest::newRow("non-ASCII") << QByteArray("\xc3\xa9") << other * oneClass;
        QTest::newRow("damaged byte") << QByteArray("\xff") << other * oneClass;
        QTest::newRow("random mix") << QByteArray("x7#Kq!2mZ@9vB$4nL&8w") << 19 * all + 2;
    }

    void estimatesByTheFormula()
    {
        QFETCH(QByteArray, password);
        QFETCH(double, bits);
        const SecretBuffer buffer = secret(*m_arena, password);
        const double estimated = PasswordStrength::estimateBits(buffer.span());
        QVERIFY2(std::abs(estimated - bits) < 1e-9,
                 qPrintable(QStringLiteral("%1 bits, expected %2").arg(estimated).arg(bits)));
    }

    void ratesOnTheGeneratorScale_data()
    {
        QTest::addColumn<double>("bits");
        QTest::addColumn<PasswordStrength::Rating>("rating");
        using R = PasswordStrength::Rating;
        QTest::newRow("0") << 0.0 << R::Weak;
        QTest::newRow("59.9") << 59.9 << R::Weak;
        QTest::newRow("60") << 60.0 << R::Fair;
        QTest::newRow("79.9") << 79.9 << R::Fair;
        QTest::newRow("80") << 80.0 << R::Strong;
        QTest::newRow("111.9") << 111.9 << R::Strong;
        QTest::newRow("112") << 112.0 << R::Excellent;
        QTest::newRow("500") << 500.0 << R::Excellent;
    }

    void ratesOnTheGeneratorScale()
    {
        QFETCH(double, bits);
        QFETCH(PasswordStrength::Rating, rating);
        QCOMPARE(PasswordStrength::rate(bits), rating);
    }

    void commonPatternsRateWeak_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("password") << QByteArray("password");
        QTest::newRow("qwertyuiop") << QByteArray("qwertyuiop");
        QTest::newRow("1234567890") << QByteArray("1234567890");
        QTest::newRow("aaaaaaaaaaaaaaaaaaaa") << QByteArray("aaaaaaaaaaaaaaaaaaaa");
        QTest::newRow("abcabcabcabc") << QByteArray("abcabcabcabc");
        QTest::newRow("Password1") << QByteArray("Password1");
    }

    void commonPatternsRateWeak()
    {
        QFETCH(QByteArray, password);
        const SecretBuffer buffer = secret(*m_arena, password);
        const auto estimate = PasswordStrength::estimate(buffer.span());
        QCOMPARE(estimate.rating, PasswordStrength::Rating::Weak);
        QCOMPARE(estimate.bits, PasswordStrength::estimateBits(buffer.span()));
    }

    void aRandomMixRatesExcellent()
    {
        const SecretBuffer buffer = secret(*m_arena, "x7#Kq!2mZ@9vB$4nL&8w");
        QCOMPARE(PasswordStrength::estimate(buffer.span()).rating,
                 PasswordStrength::Rating::Excellent);
    }

    void aNewCharacterAddsBits()
    {
        const SecretBuffer shorter = secret(*m_arena, "Tr0ub4dor&3");
        const SecretBuffer longer = secret(*m_arena, "Tr0ub4dor&3Z");
        QVERIFY(PasswordStrength::estimateBits(longer.span()) >
                PasswordStrength::estimateBits(shorter.span()));
    }

    void readsOnlyTheSpan()
    {
        // The bytes after the span would add a class (digits) and a sequence.
        const SecretBuffer buffer = secret(*m_arena, "axqa1234");
        const double bits = PasswordStrength::estimateBits(buffer.span().sub(0, 4));
        QVERIFY(std::abs(bits - lower * 3.5 * oneClass) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestPasswordStrength)
#include "TestPasswordStrength.moc"
