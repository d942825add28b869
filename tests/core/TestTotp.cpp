// Totp: RFC 6238 Appendix B (SHA-1, SHA-256, SHA-512, 8 digits, 30 s) and RFC 4226 Appendix D
// (HOTP, 6 digits) test vectors, Steam Guard codes (values from KeePassXC's tests, made with a
// throw-away Steam account), digit counts up to 10, the countdown, and codes living in the arena.
#include "TestSupport.h"
#include "totp/Totp.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

std::string text(const SecretBuffer& buffer)
{
    return std::string(buffer.span().chars(), buffer.size());
}

} // namespace

class TestTotp : public QObject
{
    Q_OBJECT

    static TotpParameters rfc6238(SecretArena& arena, TotpAlgorithm algorithm)
    {
        // The RFC's seeds: "12345678901234567890" repeated to 20, 32 and 64 bytes.
        const char* seed = algorithm == TotpAlgorithm::Sha1 ? "12345678901234567890"
                           : algorithm == TotpAlgorithm::Sha256
                               ? "12345678901234567890123456789012"
                               : "1234567890123456789012345678901234567890123456789012345678901234";
        TotpParameters parameters;
        parameters.key = secret(arena, seed);
        parameters.algorithm = algorithm;
        parameters.digits = 8;
        return parameters;
    }

private slots:
    void rfc6238AppendixB_data()
    {
        QTest::addColumn<quint64>("time");
        QTest::addColumn<int>("algorithm");
        QTest::addColumn<QString>("code");
        const int sha1 = int(TotpAlgorithm::Sha1), sha256 = int(TotpAlgorithm::Sha256),
                  sha512 = int(TotpAlgorithm::Sha512);
        QTest::newRow("59 SHA1") << quint64(59) << sha1 << "94287082";
        QTest::newRow("59 SHA256") << quint64(59) << sha256 << "46119246";
        QTest::newRow("59 SHA512") << quint64(59) << sha512 << "90693936";
        QTest::newRow("1111111109 SHA1") << quint64(1111111109) << sha1 << "07081804";
        QTest::newRow("1111111109 SHA256") << quint64(1111111109) << sha256 << "68084774";
        QTest::newRow("1111111109 SHA512") << quint64(1111111109) << sha512 << "25091201";
        QTest::newRow("1111111111 SHA1") << quint64(1111111111) << sha1 << "14050471";
        QTest::newRow("1111111111 SHA256") << quint64(1111111111) << sha256 << "67062674";
        QTest::newRow("1111111111 SHA512") << quint64(1111111111) << sha512 << "99943326";
        QTest::newRow("1234567890 SHA1") << quint64(1234567890) << sha1 << "89005924";
        QTest::newRow("1234567890 SHA256") << quint64(1234567890) << sha256 << "91819424";
        QTest::newRow("1234567890 SHA512") << quint64(1234567890) << sha512 << "93441116";
        QTest::newRow("2000000000 SHA1") << quint64(2000000000) << sha1 << "69279037";
        QTest::newRow("2000000000 SHA256") << quint64(2000000000) << sha256 << "90698825";
        QTest::newRow("2000000000 SHA512") << quint64(2000000000) << sha512 << "38618901";
        QTest::newRow("20000000000 SHA1") << quint64(20000000000) << sha1 << "65353130";
        QTest::newRow("20000000000 SHA256") << quint64(20000000000) << sha256 << "77737706";
        QTest::newRow("20000000000 SHA512") << quint64(20000000000) << sha512 << "47863826";
    }
    void rfc6238AppendixB()
    {
        QFETCH(quint64, time);
        QFETCH(int, algorithm);
        QFETCH(QString, code);
        const auto arena = makeArena();
        const TotpParameters parameters = rfc6238(*arena, static_cast<TotpAlgorithm>(algorithm));
        auto computed = Totp::code(*arena, parameters, time);
        ARCANUM_VERIFY_OK(computed);
        QCOMPARE(text(*computed), code.toStdString());
        QVERIFY(arena->contains(computed->data()));
    }

    void rfc4226AppendixD()
    {
        const auto arena = makeArena();
        const SecretBuffer key = secret(*arena, "12345678901234567890");
        const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                                  "254676", "287922", "162583", "399871", "520489"};
        for (std::uint64_t counter = 0; counter < 10; ++counter) {
            auto code = Totp::hotp(*arena, key.span(), TotpAlgorithm::Sha1, counter, 6);
            ARCANUM_VERIFY_OK(code);
            QCOMPARE(text(*code), std::string(expected[counter]));
        }
    }

    void digitCounts()
    {
        const auto arena = makeArena();
        TotpParameters parameters = rfc6238(*arena, TotpAlgorithm::Sha1);
        // RFC 6238 at t = 59 truncates to 1094287082 (the 8-digit code is its last 8 digits).
        for (const auto& [digits, code] : {std::pair<std::uint32_t, const char*>{6, "287082"},
                                           {7, "4287082"},
                                           {8, "94287082"},
                                           {9, "094287082"},
                                           {10, "1094287082"}}) {
            parameters.digits = digits;
            auto computed = Totp::code(*arena, parameters, 59);
            ARCANUM_VERIFY_OK(computed);
            QCOMPARE(text(*computed), std::string(code));
        }
    }

    void anyPeriod()
    {
        const auto arena = makeArena();
        TotpParameters parameters = rfc6238(*arena, TotpAlgorithm::Sha1);
        parameters.period = 60; // counter 1 at t = 60..119: the RFC 4226 code for counter 1
        parameters.digits = 6;
        auto code = Totp::code(*arena, parameters, 119);
        ARCANUM_VERIFY_OK(code);
        QCOMPARE(text(*code), std::string("287082"));
        QCOMPARE(Totp::secondsRemaining(parameters, 119), 1u);
        QCOMPARE(Totp::secondsRemaining(parameters, 120), 60u);
    }

    void steamGuard()
    {
        const auto arena = makeArena();
        TotpParameters parameters;
        // Base32 63BEDWCQZKTQWPESARIERL5DTTQFCJTK, decoded.
        parameters.key =
            secret(*arena, QByteArray::fromHex("f6c241d850caa70b3c92045048afa39ce051266a"));
        parameters.steam = true;
        parameters.digits = TotpParameters::steamDigits;
        for (const auto& [time, code] :
             {std::pair<quint64, const char*>{1511200518, "FR8RV"}, {1511200714, "9P3VP"}}) {
            auto computed = Totp::code(*arena, parameters, time);
            ARCANUM_VERIFY_OK(computed);
            QCOMPARE(text(*computed), std::string(code));
        }
    }

    void emptyKeyIsRefused()
    {
        const auto arena = makeArena();
        TotpParameters parameters;
        auto code = Totp::code(*arena, parameters, 59);
        QVERIFY(!code);
        QCOMPARE(code.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestTotp)
#include "TestTotp.moc"
