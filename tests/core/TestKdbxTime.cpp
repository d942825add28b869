// Tests for KdbxTime::parse: KDBX 4's Base64 seconds (the table-decoded common form must agree
// with libsodium's decoder on every input, valid or not) and KDBX 3.1's ISO 8601 text.
#include "TestSupport.h"
#include "kdbx/KdbxFormat.h"
#include "kdbx/KdbxTime.h"

#include <QtTest>
#include <cstring>
#include <sodium.h>

using namespace arcanum;

namespace {

// What parse() gives for Base64 text, by libsodium alone (the general path).
std::optional<std::int64_t> bySodium(const std::string& text)
{
    std::uint8_t raw[9] = {};
    std::size_t length = 0;
    if (sodium_base642bin(raw, sizeof raw, text.data(), text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length == 0 || length > 8)
        return std::nullopt;
    const auto seconds = static_cast<std::int64_t>(kdbx::readLe64(raw));
    if (seconds < INT64_MIN + kdbx::unixEpochInKdbxSeconds)
        return std::nullopt;
    return seconds - kdbx::unixEpochInKdbxSeconds;
}

} // namespace

class TestKdbxTime : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    std::optional<std::int64_t> parse(const std::string& text)
    {
        return KdbxTime::parse(test::secret(*m_arena, QByteArray::fromStdString(text)).span());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        m_arena = test::makeArena();
    }

    void kdbx4TimesRoundTrip()
    {
        const std::int64_t times[] = {
            0, 1, 1500000000, 1733443200, -62135596800 + 86400, 253402300799, -1};
        for (const std::int64_t t : times) {
            const std::string text = KdbxTime::toKdbx4(t);
            QCOMPARE(text.size(), std::size_t(12));
            QCOMPARE(parse(text), std::optional<std::int64_t>(t));
            QCOMPARE(parse("\n\t " + text + " \r\n"), std::optional<std::int64_t>(t));
        }
    }

    // Twelve-character inputs of every kind: random alphabet text, stray characters, padding in
    // the wrong place, non-zero bits past the 64th. The fast path and libsodium agree.
    void twelveCharactersAgreeWithLibsodium()
    {
        const char alphabet[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.*";
        std::uint32_t seed = 2026;
        auto random = [&seed](std::uint32_t below) {
            seed = seed * 1664525u + 1013904223u;
            return (seed >> 8) % below;
        };
        int agreedValid = 0;
        for (int i = 0; i < 20000; ++i) {
            std::string text(12, 'A');
            for (char& c : text)
                c = alphabet[random(i % 4 == 0 ? sizeof alphabet - 1 : 64)];
            if (i % 2 == 0)
                text[11] = '=';
            const auto expected = bySodium(text);
            QCOMPARE(parse(text), expected);
            agreedValid += expected.has_value();
        }
        QVERIFY(agreedValid > 1000); // the common form was really exercised
        QCOMPARE(parse("AAAAAAAAAAB="), bySodium("AAAAAAAAAAB=")); // bits past the 64th
        QVERIFY(!parse("AAAAAAAAAAB="));
        QCOMPARE(parse("AAAAAAAAAA=="), bySodium("AAAAAAAAAA=="));
    }

    void kdbx3IsoTimes()
    {
        QCOMPARE(parse("2017-07-14T02:40:00Z"), std::optional<std::int64_t>(1500000000));
        QVERIFY(!parse("not a time"));
        QVERIFY(!parse(""));
    }
};

QTEST_GUILESS_MAIN(TestKdbxTime)
#include "TestKdbxTime.moc"
