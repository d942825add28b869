// Tests for EffLargeWordlist: the embedded list is exactly the EFF large word list.
#include "generator/EffLargeWordlist.h"

#include <QtTest>
#include <set>
#include <sodium.h>

using namespace arcanum;

class TestEffLargeWordlist : public QObject
{
    Q_OBJECT

private slots:
    void hasTheRightWords()
    {
        QCOMPARE(EffLargeWordlist::size, std::size_t(7776));
        std::set<std::string_view> unique;
        std::size_t longest = 0;
        int hyphenated = 0;
        for (std::size_t i = 0; i < EffLargeWordlist::size; ++i) {
            const std::string_view word = EffLargeWordlist::word(i);
            QVERIFY(word.size() >= 3);
            for (const char c : word)
                QVERIFY((c >= 'a' && c <= 'z') || c == '-');
            QVERIFY(word.front() != '-' && word.back() != '-');
            hyphenated += word.find('-') != std::string_view::npos ? 1 : 0;
            if (i > 0)
                QVERIFY(EffLargeWordlist::word(i - 1) < word); // ascending, so no repeats
            unique.insert(word);
            longest = std::max(longest, word.size());
        }
        QCOMPARE(unique.size(), std::size_t(7776));
        QCOMPARE(longest, EffLargeWordlist::longestWordLength);
        QCOMPARE(hyphenated, 4);
        QCOMPARE(EffLargeWordlist::word(0), std::string_view("abacus"));
        QCOMPARE(EffLargeWordlist::word(7775), std::string_view("zoom"));
        QVERIFY(EffLargeWordlist::word(7776).empty());
    }

    void matchesThePublishedList()
    {
        // SHA-256 of the published words, one per line, without their dice numbers:
        // cut -f2 wordlist_en_eff.txt | sha256sum (Debian 12, diceware 0.10-2).
        QVERIFY(sodium_init() >= 0);
        crypto_hash_sha256_state state;
        crypto_hash_sha256_init(&state);
        for (std::size_t i = 0; i < EffLargeWordlist::size; ++i) {
            const std::string_view word = EffLargeWordlist::word(i);
            crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(word.data()),
                                      word.size());
            crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>("\n"), 1);
        }
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&state, digest);
        char hex[2 * crypto_hash_sha256_BYTES + 1];
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        QCOMPARE(QByteArray(hex),
                 QByteArray("6d557f0693958fb5e650b68b5bee585eb82cf4da32965505c789e924743bc522"));
    }
};

QTEST_GUILESS_MAIN(TestEffLargeWordlist)
#include "TestEffLargeWordlist.moc"
