// Tests for PublicBase64: whatever it decodes, libsodium decodes to the same bytes; what it
// declines (nullopt) is left to libsodium. Random canonical and damaged inputs of many lengths.
#include "kdbx/PublicBase64.h"

#include <QtTest>
#include <cstring>
#include <sodium.h>
#include <string>
#include <vector>

using namespace arcanum;

namespace {

std::span<const std::uint8_t> bytesOf(const std::string& text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// libsodium's decoding, surrounding whitespace ignored as the reader asks it to.
std::optional<std::vector<std::uint8_t>> bySodium(const std::string& text, std::size_t room)
{
    std::vector<std::uint8_t> out(room);
    std::size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), " \t\r\n", &length,
                          nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    out.resize(length);
    return out;
}

} // namespace

class TestPublicBase64 : public QObject
{
    Q_OBJECT

    std::uint32_t m_seed = 7;
    std::uint32_t random(std::uint32_t below)
    {
        m_seed = m_seed * 1664525u + 1013904223u;
        return (m_seed >> 8) % below;
    }

    // Decodes `text` both ways. `taken`: the table decoder decoded it. Returns false only when
    // it did and libsodium refuses the text or gives other bytes.
    static bool consistent(const std::string& text, std::size_t room, bool& taken)
    {
        std::vector<std::uint8_t> out(room);
        const auto fast = PublicBase64::decode(bytesOf(text), out);
        taken = fast.has_value();
        if (!fast)
            return true;
        out.resize(*fast);
        const auto reference = bySodium(text, room);
        return reference && out == *reference;
    }

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void canonicalTextOfEveryLengthDecodesAsLibsodiumDoes()
    {
        for (std::size_t length = 1; length <= 40; ++length) {
            for (int i = 0; i < 50; ++i) {
                std::vector<std::uint8_t> data(length);
                randombytes_buf(data.data(), data.size());
                std::string text(sodium_base64_ENCODED_LEN(length, sodium_base64_VARIANT_ORIGINAL),
                                 '\0');
                sodium_bin2base64(text.data(), text.size(), data.data(), data.size(),
                                  sodium_base64_VARIANT_ORIGINAL);
                text.resize(std::strlen(text.c_str()));
                if (i % 3 == 0)
                    text = "\n\t\t" + text + "\r\n ";
                std::vector<std::uint8_t> out(length + 3);
                const auto fast = PublicBase64::decode(bytesOf(text), out);
                QVERIFY(fast);
                QCOMPARE(*fast, length);
                QVERIFY(std::memcmp(out.data(), data.data(), length) == 0);
            }
        }
    }

    // Damaged text: wrong characters, padding in the wrong place, stray bits, inner line
    // breaks, odd lengths. Whatever the table decoder accepts, libsodium accepts identically.
    void damagedTextIsDeclinedOrDecodedIdentically()
    {
        const char characters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                                  "= \n-_.";
        int taken = 0, declined = 0;
        for (int i = 0; i < 40000; ++i) {
            std::string text(1 + random(30), 'A');
            const std::uint32_t range = i % 4 == 0 ? sizeof characters - 1 : 64;
            for (char& c : text)
                c = characters[random(range)];
            if (i % 2 == 0 && text.size() > 2)
                text[text.size() - 1] = '=';
            if (i % 8 == 0 && text.size() > 3)
                text[text.size() - 2] = '=';
            bool took = false;
            QVERIFY2(consistent(text, 32, took), text.c_str());
            ++(took ? taken : declined);
        }
        QVERIFY(taken > 1000);
        QVERIFY(declined > 1000);
        std::vector<std::uint8_t> out(16);
        QVERIFY(!PublicBase64::decode(bytesOf("AB=="), out)); // stray bits: libsodium's call
        QVERIFY(!PublicBase64::decode(bytesOf("QU JD"), out));
        QVERIFY(!PublicBase64::decode(bytesOf("QUJDRA=="), std::span(out).first(3))); // too small
    }
};

QTEST_GUILESS_MAIN(TestPublicBase64)
#include "TestPublicBase64.moc"
