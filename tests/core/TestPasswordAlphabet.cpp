// Tests for PasswordAlphabet: which characters each option set allows, class sizes and lookup.
#include "generator/PasswordAlphabet.h"

#include <QtTest>

using namespace arcanum;

class TestPasswordAlphabet : public QObject
{
    Q_OBJECT

private slots:
    void classesAreTheDocumentedCharacters()
    {
        QCOMPARE(PasswordAlphabet::symbolCharacters.size(), std::size_t(32));
        // Every printable ASCII character but the space is in exactly one class.
        for (int c = '!'; c <= '~'; ++c) {
            int classes = 0;
            for (const auto characters :
                 {PasswordAlphabet::lowerCaseCharacters, PasswordAlphabet::upperCaseCharacters,
                  PasswordAlphabet::digitCharacters, PasswordAlphabet::symbolCharacters})
                classes += characters.find(char(c)) != std::string_view::npos ? 1 : 0;
            QCOMPARE(classes, 1);
        }
        QCOMPARE(PasswordAlphabet::lookAlikes, std::string_view("0Oo1Il|'`"));
    }

    void sizesFollowTheOptions_data()
    {
        QTest::addColumn<bool>("lower");
        QTest::addColumn<bool>("upper");
        QTest::addColumn<bool>("digits");
        QTest::addColumn<bool>("symbols");
        QTest::addColumn<bool>("excludeLookAlikes");
        QTest::addColumn<QList<int>>("classSizes");
        QTest::newRow("all") << true << true << true << true << false << QList<int>{26, 26, 10, 32};
        QTest::newRow("all, no look-alikes")
            << true << true << true << true << true << QList<int>{24, 24, 8, 29};
        QTest::newRow("digits") << false << false << true << false << false << QList<int>{10};
        QTest::newRow("upper+symbols, no look-alikes")
            << false << true << false << true << true << QList<int>{24, 29};
        QTest::newRow("none") << false << false << false << false << false << QList<int>{};
    }
    void sizesFollowTheOptions()
    {
        QFETCH(bool, lower);
        QFETCH(bool, upper);
        QFETCH(bool, digits);
        QFETCH(bool, symbols);
        QFETCH(bool, excludeLookAlikes);
        QFETCH(QList<int>, classSizes);
        PasswordOptions options;
        options.lowerCase = lower;
        options.upperCase = upper;
        options.digits = digits;
        options.symbols = symbols;
        options.excludeLookAlikes = excludeLookAlikes;
        const PasswordAlphabet alphabet(options);

        QCOMPARE(alphabet.classCount(), std::size_t(classSizes.size()));
        std::size_t total = 0;
        for (int c = 0; c < classSizes.size(); ++c) {
            QCOMPARE(alphabet.classSize(std::size_t(c)), std::size_t(classSizes[c]));
            for (int i = 0; i < classSizes[c]; ++i)
                QCOMPARE(alphabet.classOf(total + std::size_t(i)), std::size_t(c));
            total += std::size_t(classSizes[c]);
        }
        QCOMPARE(alphabet.size(), total);
        QCOMPARE(alphabet.characters().size(), total);
        for (const char c : alphabet.characters()) {
            QCOMPARE(alphabet.characters().find(c), alphabet.characters().rfind(c)); // no repeats
            if (excludeLookAlikes)
                QVERIFY(PasswordAlphabet::lookAlikes.find(c) == std::string_view::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestPasswordAlphabet)
#include "TestPasswordAlphabet.moc"
