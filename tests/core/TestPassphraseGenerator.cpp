// Tests for PassphraseGenerator: word count, separator, capitals and digit, every word from the
// list and every passphrase read back one way only, exact entropy, invalid options, output in the
// arena, and uniformity of words, digit positions and digit values.
#include "ChiSquare.h"
#include "GeneratorChecks.h"
#include "TestSupport.h"
#include "generator/EffLargeWordlist.h"
#include "generator/PassphraseGenerator.h"
#include "secret/SecretArena.h"

#include <QtTest>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using namespace arcanum;
using arcanum::test::chiSquareUniform;

namespace {

PassphraseOptions makeOptions(int words, char separator = '-', bool capitalize = false,
                              bool appendDigit = false)
{
    PassphraseOptions options;
    options.wordCount = static_cast<std::size_t>(words);
    options.separator = separator;
    options.capitalize = capitalize;
    options.appendDigit = appendDigit;
    return options;
}

std::string_view view(const SecretBuffer& buffer)
{
    return {reinterpret_cast<const char*>(buffer.data()), buffer.size()};
}

// What a passphrase says: which words, and where the digit went.
struct Reading
{
    std::vector<std::size_t> words; // indices into EffLargeWordlist
    std::size_t digitWord = 0;
    int digit = -1;
};

// Reads a passphrase back against the word list, trying every way to split it, and counts the
// readings (stopping at 2). Exactly one reading means: right word count, right separator, words
// from the list, capitals and digit as asked, and nothing ambiguous.
class PassphraseReader
{
public:
    explicit PassphraseReader(const PassphraseOptions& options) : m_options(options)
    {
        for (std::size_t i = 0; i < EffLargeWordlist::size; ++i) {
            std::string word(EffLargeWordlist::word(i));
            if (options.capitalize)
                word[0] = char(word[0] - 'a' + 'A');
            m_index.emplace(std::move(word), i);
        }
    }

    int readings(std::string_view text, Reading& first)
    {
        m_text = text;
        m_found = 0;
        Reading current;
        read(0, current, first);
        return m_found;
    }

private:
    void read(std::size_t position, Reading& current, Reading& first)
    {
        const bool digitLeft = m_options.appendDigit && current.digit < 0;
        for (std::size_t length = 1; length <= EffLargeWordlist::longestWordLength; ++length) {
            if (m_found >= 2 || position + length > m_text.size())
                return;
            const auto word = m_index.find(std::string(m_text.substr(position, length)));
            if (word == m_index.end())
                continue;
            current.words.push_back(word->second);
            std::size_t next = position + length;
            follow(next, current, first);
            if (digitLeft && next < m_text.size() && m_text[next] >= '0' && m_text[next] <= '9') {
                current.digitWord = current.words.size() - 1;
                current.digit = m_text[next] - '0';
                follow(next + 1, current, first);
                current.digit = -1;
            }
            current.words.pop_back();
        }
    }

    // After a word (and maybe its digit): the end, or a separator and the next word.
    void follow(std::size_t next, Reading& current, Reading& first)
    {
        if (current.words.size() == m_options.wordCount) {
            const bool digitDone = !m_options.appendDigit || current.digit >= 0;
            if (next == m_text.size() && digitDone && ++m_found == 1)
                first = current;
            return;
        }
        if (next < m_text.size() && m_text[next] == m_options.separator)
            read(next + 1, current, first);
    }

    PassphraseOptions m_options;
    std::unordered_map<std::string, std::size_t> m_index; // public words, not secrets
    std::string_view m_text;
    int m_found = 0;
};

} // namespace

class TestPassphraseGenerator : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    GeneratedSecret generate(const PassphraseOptions& options)
    {
        return test::generateOrDie<PassphraseGenerator>(*m_arena, options);
    }

private slots:
    void initTestCase() { m_arena = test::makeArena(); }

    void defaultsAreTheDocumentedOnes()
    {
        const PassphraseOptions defaults;
        QCOMPARE(defaults.wordCount, std::size_t(6));
        QCOMPARE(defaults.separator, '-');
        QVERIFY(!defaults.capitalize);
        QVERIFY(!defaults.appendDigit);
        const GeneratedSecret passphrase = generate(defaults);
        Reading reading;
        QCOMPARE(PassphraseReader(defaults).readings(view(passphrase.secret), reading), 1);
        QCOMPARE(reading.words.size(), std::size_t(6));
        QVERIFY(qAbs(passphrase.entropyBits - 77.548875021634685) < 1e-9);
    }

    void structureIsRespected_data()
    {
        QTest::addColumn<int>("words");
        QTest::addColumn<int>("separator");
        QTest::addColumn<bool>("capitalize");
        QTest::addColumn<bool>("appendDigit");
        QTest::newRow("3, hyphen") << 3 << int('-') << false << false;
        QTest::newRow("6, space") << 6 << int(' ') << false << false;
        QTest::newRow("20, dot, capitals, digit") << 20 << int('.') << true << true;
        QTest::newRow("5, digit separator, digit") << 5 << int('7') << false << true;
        QTest::newRow("4, underscore, capitals") << 4 << int('_') << true << false;
        QTest::newRow("6, hyphen, capitals, digit") << 6 << int('-') << true << true;
    }
    void structureIsRespected()
    {
        QFETCH(int, words);
        QFETCH(int, separator);
        QFETCH(bool, capitalize);
        QFETCH(bool, appendDigit);
        const PassphraseOptions options =
            makeOptions(words, char(separator), capitalize, appendDigit);
        PassphraseReader reader(options);
        for (int sample = 0; sample < 500; ++sample) {
            const GeneratedSecret passphrase = generate(options);
            const std::string_view text = view(passphrase.secret);
            Reading reading;
            QCOMPARE(reader.readings(text, reading), 1);
            QCOMPARE(reading.words.size(), std::size_t(words));
            QCOMPARE(reading.digit >= 0, appendDigit);
            std::size_t length = std::size_t(words - 1) + (appendDigit ? 1 : 0);
            for (const std::size_t word : reading.words)
                length += EffLargeWordlist::word(word).size();
            QCOMPARE(text.size(), length); // the buffer was shrunk to fit exactly
        }
    }

    void hyphenatedWordsCannotBeMisread()
    {
        // The entropy claim in PassphraseGenerator.h: with '-' as separator, the part before a
        // word's own hyphen is never a word, so "drop-down" cannot also read as "drop", "down".
        PassphraseReader reader(makeOptions(3));
        int hyphenated = 0;
        for (std::size_t i = 0; i < EffLargeWordlist::size; ++i) {
            const std::string_view word = EffLargeWordlist::word(i);
            if (const std::size_t hyphen = word.find('-'); hyphen != std::string_view::npos) {
                ++hyphenated;
                for (std::size_t j = 0; j < EffLargeWordlist::size; ++j)
                    QVERIFY(EffLargeWordlist::word(j) != word.substr(0, hyphen));
            }
        }
        QCOMPARE(hyphenated, 4);
        Reading reading;
        QCOMPARE(reader.readings("drop-down-yo-yo-t-shirt", reading), 1);
        QCOMPARE(reader.readings("yoyo-yo-yo-felt-tip", reading), 1);
    }

    void outputLivesInTheArena()
    {
        const GeneratedSecret passphrase = generate(makeOptions(20, ' ', true, true));
        QCOMPARE(passphrase.secret.arena(), m_arena.get());
        QVERIFY(m_arena->contains(passphrase.secret.data()));
        QVERIFY(m_arena->contains(passphrase.secret.data() + passphrase.secret.size() - 1));
    }

    void entropyIsExact_data()
    {
        QTest::addColumn<int>("words");
        QTest::addColumn<bool>("capitalize");
        QTest::addColumn<bool>("appendDigit");
        QTest::addColumn<double>("bits");
        // words * log2(7776) [+ log2(10 * words)], to 27 significant digits.
        QTest::newRow("6") << 6 << false << false << 77.5488750216346854436121683;
        QTest::newRow("6, capitals") << 6 << true << false << 77.5488750216346854436121683;
        QTest::newRow("6, digit") << 6 << false << true << 83.4557656172432039729362267;
        QTest::newRow("3, capitals, digit") << 3 << true << true << 43.6813281064258612511301425;
        QTest::newRow("20") << 20 << false << false << 258.496250072115618145373894;
        QTest::newRow("20, digit") << 20 << false << true << 266.140106261890342841114533;
    }
    void entropyIsExact()
    {
        QFETCH(int, words);
        QFETCH(bool, capitalize);
        QFETCH(bool, appendDigit);
        QFETCH(double, bits);
        const PassphraseOptions options = makeOptions(words, '-', capitalize, appendDigit);
        test::verifyEntropy<PassphraseGenerator>(*m_arena, options, bits);
    }

    void invalidOptionsAreRejected_data()
    {
        QTest::addColumn<int>("words");
        QTest::addColumn<int>("separator");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("0 words") << 0 << int('-') << "between 3 and 20 words";
        QTest::newRow("2 words") << 2 << int('-') << "between 3 and 20 words";
        QTest::newRow("21 words") << 21 << int('-') << "between 3 and 20 words";
        QTest::newRow("1000 words") << 1000 << int(' ') << "between 3 and 20 words";
        QTest::newRow("newline") << 6 << int('\n') << "not the byte 0x0A";
        QTest::newRow("tab") << 6 << int('\t') << "not the byte 0x09";
        QTest::newRow("NUL") << 6 << 0 << "not the byte 0x00";
        QTest::newRow("DEL") << 6 << 0x7F << "not the byte 0x7F";
        QTest::newRow("UTF-8 lead byte") << 6 << 0xC3 << "not the byte 0xC3";
        QTest::newRow("letter a") << 6 << int('a') << "not the letter 'a'";
        QTest::newRow("letter Z") << 6 << int('Z') << "not the letter 'Z'";
    }
    void invalidOptionsAreRejected()
    {
        QFETCH(int, words);
        QFETCH(int, separator);
        QFETCH(QString, messagePart);
        const PassphraseOptions options = makeOptions(words, char(separator));
        test::verifyRejected<PassphraseGenerator>(*m_arena, options, messagePart);
    }

    void everyPrintableNonLetterSeparatorIsAccepted()
    {
        for (int c = 0x20; c <= 0x7E; ++c) {
            const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            QCOMPARE(PassphraseGenerator::validate(makeOptions(6, char(c))).ok(), !letter);
        }
    }

    void wordsAreUniform()
    {
        // 40,000 passphrases of 6 words: 240,000 draws, ~30.9 per word. Every word must turn up
        // (P(some word missing) ~ 3e-10) and, with 7,775 degrees of freedom,
        // P(chi-square > 8,800) = 1.5e-15 for a uniform choice.
        const PassphraseOptions options = makeOptions(6, ' ');
        PassphraseReader reader(options);
        std::vector<std::size_t> counts(EffLargeWordlist::size, 0);
        const std::size_t passphrases = 40000;
        for (std::size_t sample = 0; sample < passphrases; ++sample) {
            Reading reading;
            QCOMPARE(reader.readings(view(generate(options).secret), reading), 1);
            for (const std::size_t word : reading.words)
                ++counts[word];
        }
        for (std::size_t i = 0; i < counts.size(); ++i)
            QVERIFY2(counts[i] > 0, qPrintable(QString("word %1 never chosen").arg(i)));
        const double statistic = chiSquareUniform(counts, passphrases * 6);
        QVERIFY2(statistic < 8800.0, qPrintable(QString::number(statistic)));
    }

    void digitIsUniformlyPlacedAndChosen()
    {
        const PassphraseOptions options = makeOptions(6, '-', false, true);
        PassphraseReader reader(options);
        std::vector<std::size_t> positions(6, 0);
        std::vector<std::size_t> digits(10, 0);
        const std::size_t passphrases = 30000;
        for (std::size_t sample = 0; sample < passphrases; ++sample) {
            Reading reading;
            QCOMPARE(reader.readings(view(generate(options).secret), reading), 1);
            ++positions[reading.digitWord];
            ++digits[std::size_t(reading.digit)];
        }
        // 5 degrees of freedom: P(chi-square > 70) = 1e-13; 9: P(> 80) = 1.6e-13.
        const double positionStatistic = chiSquareUniform(positions, passphrases);
        QVERIFY2(positionStatistic < 70.0, qPrintable(QString::number(positionStatistic)));
        const double digitStatistic = chiSquareUniform(digits, passphrases);
        QVERIFY2(digitStatistic < 80.0, qPrintable(QString::number(digitStatistic)));
    }
};

QTEST_GUILESS_MAIN(TestPassphraseGenerator)
#include "TestPassphraseGenerator.moc"
