// Tests for PasswordGenerator: lengths, classes, look-alikes, exact entropy, invalid options,
// output in the arena, and uniformity (plain and with every class required).
#include "ChiSquare.h"
#include "GeneratorChecks.h"
#include "TestSupport.h"
#include "generator/PasswordAlphabet.h"
#include "generator/PasswordGenerator.h"
#include "secret/SecretArena.h"

#include <QtTest>
#include <memory>
#include <string_view>
#include <vector>

using namespace arcanum;
using arcanum::test::chiSquare;
using arcanum::test::chiSquareUniform;

namespace {

// `classes` holds l, u, d, s for lower case, upper case, digits, symbols.
PasswordOptions makeOptions(const QString& classes, int length, bool excludeLookAlikes = false,
                            bool requireEveryClass = true)
{
    PasswordOptions options;
    options.length = static_cast<std::size_t>(length);
    options.lowerCase = classes.contains('l');
    options.upperCase = classes.contains('u');
    options.digits = classes.contains('d');
    options.symbols = classes.contains('s');
    options.excludeLookAlikes = excludeLookAlikes;
    options.requireEveryClass = requireEveryClass;
    return options;
}

std::string_view view(const SecretBuffer& buffer)
{
    return {reinterpret_cast<const char*>(buffer.data()), buffer.size()};
}

// The raw class of a character, 'l' 'u' 'd' 's', or 0; deliberately not PasswordAlphabet's.
char classLetter(char c)
{
    if (c >= 'a' && c <= 'z')
        return 'l';
    if (c >= 'A' && c <= 'Z')
        return 'u';
    if (c >= '0' && c <= '9')
        return 'd';
    if (c > ' ' && c < 0x7F)
        return 's';
    return 0;
}

} // namespace

class TestPasswordGenerator : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    GeneratedSecret generate(const PasswordOptions& options)
    {
        return test::generateOrDie<PasswordGenerator>(*m_arena, options);
    }

private slots:
    void initTestCase() { m_arena = test::makeArena(); }

    void defaultsAreTheDocumentedOnes()
    {
        const PasswordOptions defaults;
        QCOMPARE(defaults.length, std::size_t(20));
        QVERIFY(defaults.lowerCase && defaults.upperCase && defaults.digits && defaults.symbols);
        QVERIFY(!defaults.excludeLookAlikes);
        QVERIFY(defaults.requireEveryClass);
        const GeneratedSecret password = generate(defaults);
        QCOMPARE(password.secret.size(), std::size_t(20));
        QVERIFY(qAbs(password.entropyBits - 130.92586701086622) < 1e-9);
    }

    void lengthAndCharactersAreRespected_data()
    {
        QTest::addColumn<QString>("classes");
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("excludeLookAlikes");
        QTest::newRow("lower, shortest") << "l" << 4 << false;
        QTest::newRow("all, default length") << "luds" << 20 << false;
        QTest::newRow("digits, longest") << "d" << 512 << false;
        QTest::newRow("upper+symbols, no look-alikes") << "us" << 37 << true;
        QTest::newRow("all, longest, no look-alikes") << "luds" << 512 << true;
    }
    void lengthAndCharactersAreRespected()
    {
        QFETCH(QString, classes);
        QFETCH(int, length);
        QFETCH(bool, excludeLookAlikes);
        const PasswordOptions options = makeOptions(classes, length, excludeLookAlikes);
        for (int sample = 0; sample < 200; ++sample) {
            const GeneratedSecret password = generate(options);
            QCOMPARE(password.secret.size(), std::size_t(length));
            for (const char c : view(password.secret)) {
                QVERIFY(classLetter(c) != 0 && classes.contains(QChar(classLetter(c))));
                if (excludeLookAlikes)
                    QVERIFY(PasswordAlphabet::lookAlikes.find(c) == std::string_view::npos);
            }
        }
    }

    void outputLivesInTheArena()
    {
        const GeneratedSecret password = generate(makeOptions("luds", 64));
        QCOMPARE(password.secret.arena(), m_arena.get());
        QVERIFY(m_arena->contains(password.secret.data()));
        QVERIFY(m_arena->contains(password.secret.data() + password.secret.size() - 1));
    }

    void everyChosenClassAppears_data()
    {
        QTest::addColumn<QString>("classes");
        QTest::addColumn<bool>("excludeLookAlikes");
        QTest::newRow("all") << "luds" << false;
        QTest::newRow("all, no look-alikes") << "luds" << true;
        QTest::newRow("lower+upper+digits") << "lud" << false;
        QTest::newRow("digits+symbols") << "ds" << true;
        QTest::newRow("lower+digits") << "ld" << false;
    }
    void everyChosenClassAppears()
    {
        QFETCH(QString, classes);
        QFETCH(bool, excludeLookAlikes);
        // The shortest length, where missing a class is most likely (up to ~94% of raw draws).
        const PasswordOptions options = makeOptions(classes, 4, excludeLookAlikes);
        for (int sample = 0; sample < 3000; ++sample) {
            const GeneratedSecret password = generate(options);
            QString seen;
            for (const char c : view(password.secret))
                if (!seen.contains(QChar(classLetter(c))))
                    seen += QChar(classLetter(c));
            QCOMPARE(seen.size(), classes.size());
        }
    }

    void excludedCharactersNeverAppear()
    {
        const PasswordOptions options = makeOptions("luds", 64, true, false);
        std::vector<std::size_t> counts(128, 0);
        for (int sample = 0; sample < 5000; ++sample) {
            const GeneratedSecret password = generate(options);
            for (const char c : view(password.secret))
                ++counts[static_cast<unsigned char>(c) & 0x7F];
        }
        for (const char c : PasswordAlphabet::lookAlikes)
            QCOMPARE(counts[static_cast<unsigned char>(c)], std::size_t(0));
        // ... and every other printable character did turn up: the sample is big enough to see.
        int allowed = 0;
        for (int c = '!'; c <= '~'; ++c) {
            if (PasswordAlphabet::lookAlikes.find(char(c)) == std::string_view::npos) {
                QVERIFY2(counts[c] > 0, qPrintable(QString("never saw '%1'").arg(QChar(c))));
                ++allowed;
            }
        }
        QCOMPARE(allowed, 85);
    }

    void entropyIsExact_data()
    {
        QTest::addColumn<QString>("classes");
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("excludeLookAlikes");
        QTest::addColumn<bool>("requireEveryClass");
        QTest::addColumn<double>("bits");
        // Expected values: log2 of the exact count of possible passwords, computed with big
        // integers and 60-digit decimals (inclusion-exclusion, see PasswordGenerator.h).
        QTest::newRow("default: all, 20, required")
            << "luds" << 20 << false << true << 130.925867010866216669653516;
        QTest::newRow("all, 20, not required")
            << "luds" << 20 << false << false << 131.091777033552747443416215; // 20*log2(94)
        QTest::newRow("lower, 20") << "l" << 20 << false << true << 94.008794362821843207936;
        QTest::newRow("lower+digits, 4: 1212640")
            << "ld" << 4 << false << true << 20.209719886228950943747273;
        QTest::newRow("all, no look-alikes, 4: 3207168")
            << "luds" << 4 << true << true << 21.612868497291040665080990;
        QTest::newRow("all, no look-alikes, 16")
            << "luds" << 16 << true << true << 102.199795707760741942446059;
        QTest::newRow("upper+digits, no look-alikes, 12: 32^12")
            << "ud" << 12 << true << false << 60.0;
        QTest::newRow("digits, 4: 10^4")
            << "d" << 4 << false << true << 13.287712379549449391481277;
        QTest::newRow("all, 512, required")
            << "luds" << 512 << false << true << 3355.949492058950334551455;
    }
    void entropyIsExact()
    {
        QFETCH(QString, classes);
        QFETCH(int, length);
        QFETCH(bool, excludeLookAlikes);
        QFETCH(bool, requireEveryClass);
        QFETCH(double, bits);
        const PasswordOptions options =
            makeOptions(classes, length, excludeLookAlikes, requireEveryClass);
        test::verifyEntropy<PasswordGenerator>(*m_arena, options, bits);
    }

    void invalidOptionsAreRejected_data()
    {
        QTest::addColumn<QString>("classes");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no class") << "" << 20 << "at least one kind";
        QTest::newRow("no class, bad length") << "" << 0 << "at least one kind";
        QTest::newRow("length 0") << "luds" << 0 << "between 4 and 512";
        QTest::newRow("length 3") << "l" << 3 << "between 4 and 512";
        QTest::newRow("length 513") << "d" << 513 << "between 4 and 512";
        QTest::newRow("length 1000000") << "luds" << 1000000 << "between 4 and 512";
    }
    void invalidOptionsAreRejected()
    {
        QFETCH(QString, classes);
        QFETCH(int, length);
        QFETCH(QString, messagePart);
        const PasswordOptions options = makeOptions(classes, length);
        test::verifyRejected<PasswordGenerator>(*m_arena, options, messagePart);
    }

    void charactersAreUniform()
    {
        // 20,000 passwords of 20 characters over all 94: 400,000 draws, ~4,255 per character
        // (standard deviation ~65). A modulo-biased generator (random byte % 94) scores ~10,800.
        const PasswordOptions options = makeOptions("luds", 20, false, false);
        const PasswordAlphabet alphabet(options);
        std::vector<std::size_t> counts(alphabet.size(), 0);
        const std::size_t passwords = 20000;
        for (std::size_t sample = 0; sample < passwords; ++sample) {
            const GeneratedSecret password = generate(options);
            for (const char c : view(password.secret)) {
                const std::size_t index = alphabet.characters().find(c);
                QVERIFY(index < counts.size());
                ++counts[index];
            }
        }
        const std::size_t draws = passwords * options.length;
        const double expected = double(draws) / double(alphabet.size());
        for (std::size_t i = 0; i < counts.size(); ++i) // +-15% is ~10 standard deviations
            QVERIFY2(qAbs(double(counts[i]) - expected) < 0.15 * expected,
                     qPrintable(QString("'%1' seen %2 times").arg(alphabet.at(i)).arg(counts[i])));
        // 93 degrees of freedom: P(chi-square > 210) = 5e-11.
        const double statistic = chiSquareUniform(counts, draws);
        QVERIFY2(statistic < 210.0, qPrintable(QString::number(statistic)));
    }

    void requiringEveryClassKeepsPasswordsUniform()
    {
        // Lower case + digits, 4 characters: 36^4 - 26^4 - 10^4 = 1,212,640 valid passwords,
        // each equally likely. Then a given digit sits at a given position in 36^3 - 10^3 =
        // 45,656 of them and a given letter in 36^3 - 26^3 = 29,080; a password has k digits
        // in C(4,k) 10^k 26^(4-k) of them. Forcing one character of each class into random
        // positions instead would give k = 1, 2, 3 with 52%, 40%, 8% instead of 58%, 33%, 9%:
        // a chi-square in the thousands here.
        const PasswordOptions options = makeOptions("ld", 4);
        const PasswordAlphabet alphabet(options); // 26 letters, then 10 digits
        const double valid = 1212640.0;
        std::vector<double> perPosition(alphabet.size());
        for (std::size_t i = 0; i < alphabet.size(); ++i)
            perPosition[i] = (alphabet.classOf(i) == 0 ? 29080.0 : 45656.0) / valid;
        const std::vector<double> perDigitCount = {4 * 10 * 17576 / valid, 6 * 100 * 676 / valid,
                                                   4 * 1000 * 26 / valid};

        const std::size_t passwords = 200000;
        std::vector<std::vector<std::size_t>> atPosition(4, std::vector<std::size_t>(36, 0));
        std::vector<std::size_t> digitCounts(3, 0);
        for (std::size_t sample = 0; sample < passwords; ++sample) {
            const GeneratedSecret password = generate(options);
            std::size_t digits = 0;
            for (std::size_t position = 0; position < 4; ++position) {
                const std::size_t index =
                    alphabet.characters().find(view(password.secret)[position]);
                QVERIFY(index < alphabet.size());
                ++atPosition[position][index];
                digits += alphabet.classOf(index);
            }
            QVERIFY(digits >= 1 && digits <= 3);
            ++digitCounts[digits - 1];
        }
        for (std::size_t position = 0; position < 4; ++position) {
            // 35 degrees of freedom: P(chi-square > 130) = 8e-13.
            const double statistic = chiSquare(atPosition[position], perPosition, passwords);
            QVERIFY2(statistic < 130.0,
                     qPrintable(QString("position %1: %2").arg(position).arg(statistic)));
        }
        // 2 degrees of freedom: P(chi-square > 60) = 9e-14.
        const double statistic = chiSquare(digitCounts, perDigitCount, passwords);
        QVERIFY2(statistic < 60.0, qPrintable(QString::number(statistic)));
    }
};

QTEST_GUILESS_MAIN(TestPasswordGenerator)
#include "TestPasswordGenerator.moc"
