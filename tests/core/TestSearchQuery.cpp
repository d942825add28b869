// Tests for SearchQuery: case-insensitive substring matching in place. The ASCII matcher checks
// eight start positions at a time, so matches at every offset, at the edges of those words and
// in texts just shorter or longer than a word are covered, and the whole matcher is compared
// with a plain byte-by-byte search over many generated texts.
#include "TestSupport.h"
#include "text/CaseFold.h"
#include "text/SearchQuery.h"

#include <random>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// The obvious search, byte by byte: what SearchQuery must agree with for ASCII queries.
bool plainSearch(SecretSpan text, SecretSpan query)
{
    if (query.size() > text.size())
        return false;
    for (std::size_t at = 0; at + query.size() <= text.size(); ++at) {
        std::size_t k = 0;
        while (k < query.size() &&
               CaseFold::foldAscii(text[at + k]) == CaseFold::foldAscii(query[k]))
            ++k;
        if (k == query.size())
            return true;
    }
    return false;
}

} // namespace

class TestSearchQuery : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    bool matches(const QByteArray& query, const QByteArray& text)
    {
        SecretBuffer q = secret(*m_arena, query);
        SecretBuffer t = secret(*m_arena, text);
        auto compiled = SearchQuery::create(q.span(), *m_arena);
        if (!compiled)
            qFatal("SearchQuery::create: %s", compiled.error().message.c_str());
        return compiled->matches(t.span());
    }

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void matches_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("expected");
        QTest::newRow("empty query, empty text") << QByteArray() << QByteArray() << true;
        QTest::newRow("empty query") << QByteArray() << QByteArray("anything") << true;
        QTest::newRow("empty text") << QByteArray("a") << QByteArray() << false;
        QTest::newRow("query longer than text")
            << QByteArray("bank1") << QByteArray("bank") << false;
        QTest::newRow("whole text") << QByteArray("BANK") << QByteArray("bank") << true;
        QTest::newRow("one byte, last of 9") << QByteArray("z") << QByteArray("aaaaaaaaZ") << true;
        QTest::newRow("one byte, absent")
            << QByteArray("z") << QByteArray("aaaaaaaaaaaaaaaaa") << false;
        QTest::newRow("end of a 16-byte text")
            << QByteArray("Xyz") << QByteArray("abcdefghijklmXYZ") << true;
        QTest::newRow("across the first word")
            << QByteArray("ghij") << QByteArray("abcdefGHIJklmnop") << true;
        QTest::newRow("first and last bytes, not between")
            << QByteArray("bank") << QByteArray("bonk bunk bink bAnK") << true;
        QTest::newRow("first and last bytes only")
            << QByteArray("bank") << QByteArray("bonk bunk bink bxnk") << false;
        // Bit 5 joins '@' with '`' and '[' with '{' in the word test; only letters fold.
        QTest::newRow("@ is not `")
            << QByteArray("a@b") << QByteArray("xxxxxxxxxa`bxxxxxxx") << false;
        QTest::newRow("[ is not {")
            << QByteArray("[x]") << QByteArray("zzzzzzzzz{x}zzzzz") << false;
        QTest::newRow("@ itself") << QByteArray("a@B") << QByteArray("xxxxxxxxxA@bxxxxxxx") << true;
        QTest::newRow("repeated bytes")
            << QByteArray("aab") << QByteArray("aaaaaaaaaaaaaaaab") << true;
        QTest::newRow("URL") << QByteArray("example.COM/login")
                             << QByteArray("https://www.Example.com/login?next=/") << true;
        QTest::newRow("ASCII query, non-ASCII text")
            << QByteArray("strae") << QByteArray("Straße") << false;
        QTest::newRow("non-ASCII query, ASCII text")
            << QByteArray("müller") << QByteArray("mueller muller") << false;
        QTest::newRow("mojibake is not the letter")
            << QByteArray("müller") << QByteArray("mÃ¼ller") << false;
        QTest::newRow("non-ASCII, other case, word-long text")
            << QByteArray("MÜLLER") << QByteArray("Bäckerei Müller, Hauptstraße 1") << true;
        QTest::newRow("non-ASCII at the very end")
            << QByteArray("é") << QByteArray("abcdefghijklmnopqrsté") << true;
        QTest::newRow("non-ASCII query, stray byte in the text") << QByteArray("ü")
                                                                 << QByteArray("abc\xFC"
                                                                               "def")
                                                                 << false;
        QTest::newRow("stray bytes both read as U+FFFD")
            << QByteArray("\xFF") << QByteArray("abcdefgh\xFE") << true;
    }
    void matches()
    {
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, text);
        QFETCH(bool, expected);
        QCOMPARE(matches(query, text), expected);
    }

    void findsAMatchAtEveryOffset()
    {
        for (int length = 1; length <= 40; ++length) {
            for (int at = 0; at + 3 <= length; ++at) {
                QByteArray text(length, 'x');
                text.replace(at, 3, "AbC");
                QVERIFY2(matches("abc", text), text.constData());
                QVERIFY2(!matches("abd", text), text.constData());
            }
        }
    }

    void agreesWithAPlainSearch()
    {
        // Few distinct bytes, including pairs that differ only in bit 5, so that near misses
        // and overlapping candidates are common.
        const char alphabet[] = "aAbB@`[{";
        std::mt19937 random(20261127);
        std::uniform_int_distribution<int> pick(0, int(sizeof alphabet) - 2);
        for (int round = 0; round < 20000; ++round) {
            QByteArray text(int(random() % 41), '\0');
            for (char& c : text)
                c = alphabet[pick(random)];
            QByteArray query(int(1 + random() % 6), '\0');
            for (char& c : query)
                c = alphabet[pick(random)];
            SecretBuffer q = secret(*m_arena, query);
            SecretBuffer t = secret(*m_arena, text);
            const bool expected = plainSearch(t.span(), q.span());
            if (matches(query, text) != expected)
                QFAIL(qPrintable("query \"" + query + "\" in \"" + text + "\" should give " +
                                 (expected ? "true" : "false")));
        }
    }
};

QTEST_GUILESS_MAIN(TestSearchQuery)
#include "TestSearchQuery.moc"
