// TotpUri and TotpLegacy: every way KeePassXC (and authenticator apps) write TOTP settings —
// otpauth:// URIs with each parameter, Steam's encoder, KeeOTP text, bare Base32, KeePassXC's
// "TOTP Seed" + "TOTP Settings" — and clear errors for what is not TOTP. Also Base32 itself and
// writing an otpauth URI that reads back the same.
#include "TestSupport.h"
#include "totp/Base32.h"
#include "totp/Totp.h"
#include "totp/TotpLegacy.h"
#include "totp/TotpUri.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

class TestTotpUri : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("algorithm");
        QTest::addColumn<int>("digits");
        QTest::addColumn<int>("period");
        QTest::addColumn<bool>("steam");
        const QByteArray hello("Hello!\xde\xad\xbe\xef", 10);
        const int sha1 = int(TotpAlgorithm::Sha1);
        QTest::newRow("bare Base32") << "JBSWY3DPEHPK3PXP" << hello << sha1 << 6 << 30 << false;
        QTest::newRow("bare, lower case and spaces")
            << " jbsw y3dp ehpk 3pxp " << hello << sha1 << 6 << 30 << false;
        QTest::newRow("otpauth, defaults")
            << "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
            << hello << sha1 << 6 << 30 << false;
        QTest::newRow("otpauth, everything")
            << "otpauth://totp/ACME%20Co:john?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co"
               "&algorithm=SHA512&digits=8&period=60"
            << hello << int(TotpAlgorithm::Sha512) << 8 << 60 << false;
        QTest::newRow("otpauth, padded and percent-encoded secret")
            << "OTPAUTH://TOTP/x?SECRET=JBSWY3DPEHPK3PXP%3D%3D&algorithm=sha256&digits=10" << hello
            << int(TotpAlgorithm::Sha256) << 10 << 30 << false;
        QTest::newRow("otpauth, steam (KeePassXC)")
            << "otpauth://totp/Steam:player?secret=JBSWY3DPEHPK3PXP&period=30&digits=5"
               "&issuer=Steam&encoder=steam"
            << hello << sha1 << 5 << 30 << true;
        QTest::newRow("KeeOTP") << "key=JBSWY3DPEHPK3PXP&size=8&step=45&otpHashMode=SHA256" << hello
                                << int(TotpAlgorithm::Sha256) << 8 << 45 << false;
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, key);
        QFETCH(int, algorithm);
        QFETCH(int, digits);
        QFETCH(int, period);
        QFETCH(bool, steam);
        const auto arena = makeArena();
        SecretBuffer input = secret(*arena, text.toUtf8());
        auto parsed = TotpUri::parse(*arena, input.span());
        ARCANUM_VERIFY_OK(parsed);
        QCOMPARE(QByteArray(parsed->key.span().chars(), int(parsed->key.size())), key);
        QVERIFY(arena->contains(parsed->key.data()));
        QCOMPARE(int(parsed->algorithm), algorithm);
        QCOMPARE(int(parsed->digits), digits);
        QCOMPARE(int(parsed->period), period);
        QCOMPARE(parsed->steam, steam);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        const int invalid = int(ErrorCode::InvalidArgument);
        QTest::newRow("empty") << "  " << invalid << "no secret";
        QTest::newRow("not Base32") << "JBSWY3DP!HPK3PXP" << invalid << "character 9";
        QTest::newRow("HOTP") << "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1"
                              << int(ErrorCode::Unsupported) << "HOTP";
        QTest::newRow("no secret") << "otpauth://totp/x?digits=6" << invalid << "no secret";
        QTest::newRow("5 digits") << "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5" << invalid
                                  << "6 to 10 digits";
        QTest::newRow("11 digits")
            << "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=11" << invalid << "6 to 10 digits";
        QTest::newRow("period 0") << "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0" << invalid
                                  << "period";
        QTest::newRow("MD5") << "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5" << invalid
                             << "algorithm";
        QTest::newRow("unknown encoder")
            << "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&encoder=x" << invalid << "encoder";
    }
    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(int, code);
        QFETCH(QString, words);
        const auto arena = makeArena();
        SecretBuffer input = secret(*arena, text.toUtf8());
        auto parsed = TotpUri::parse(*arena, input.span());
        QVERIFY(!parsed);
        QCOMPARE(int(parsed.error().code), code);
        QVERIFY2(parsed.error().message.find(words.toStdString()) != std::string::npos,
                 parsed.error().message.c_str());
        QVERIFY(parsed.error().message.find("JBSWY3DP") == std::string::npos);
    }

    void legacyFields_data()
    {
        QTest::addColumn<QString>("settings");
        QTest::addColumn<int>("digits");
        QTest::addColumn<int>("period");
        QTest::addColumn<bool>("steam");
        QTest::newRow("empty: defaults") << "" << 6 << 30 << false;
        QTest::newRow("30;6") << "30;6" << 6 << 30 << false;
        QTest::newRow("60;8") << "60;8" << 8 << 60 << false;
        QTest::newRow("30;S: Steam") << "30;S" << 5 << 30 << true;
    }
    void legacyFields()
    {
        QFETCH(QString, settings);
        QFETCH(int, digits);
        QFETCH(int, period);
        QFETCH(bool, steam);
        const auto arena = makeArena();
        SecretBuffer seed = secret(*arena, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        SecretBuffer text = secret(*arena, settings.toUtf8());
        auto parsed = TotpLegacy::parse(*arena, seed.span(), text.span());
        ARCANUM_VERIFY_OK(parsed);
        QVERIFY(equals(parsed->key.span(), "12345678901234567890"));
        QCOMPARE(int(parsed->digits), digits);
        QCOMPARE(int(parsed->period), period);
        QCOMPARE(parsed->steam, steam);
    }

    void legacySettingsMayHoldAUri()
    {
        const auto arena = makeArena();
        SecretBuffer seed = secret(*arena, "");
        SecretBuffer settings =
            secret(*arena, "otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8");
        auto parsed = TotpLegacy::parse(*arena, seed.span(), settings.span());
        ARCANUM_VERIFY_OK(parsed);
        QCOMPARE(parsed->digits, 8u);
    }

    void legacyRefusesBadSettings()
    {
        const auto arena = makeArena();
        SecretBuffer seed = secret(*arena, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        for (const char* bad : {"0;6", "30;4", "30;x", ";6"}) {
            SecretBuffer settings = secret(*arena, bad);
            auto parsed = TotpLegacy::parse(*arena, seed.span(), settings.span());
            QVERIFY2(!parsed, bad);
            QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
        }
    }

    void base32RoundTrips()
    {
        const auto arena = makeArena();
        for (int length = 1; length <= 40; ++length) {
            QByteArray bytes(length, '\0');
            for (int i = 0; i < length; ++i)
                bytes[i] = char(i * 37 + length);
            SecretBuffer raw = secret(*arena, bytes);
            auto encoded = Base32::encode(*arena, raw.span());
            ARCANUM_VERIFY_OK(encoded);
            auto decoded = Base32::decode(*arena, encoded->span());
            ARCANUM_VERIFY_OK(decoded);
            QCOMPARE(QByteArray(decoded->span().chars(), int(decoded->size())), bytes);
        }
        SecretBuffer rfc = secret(*arena, "foobar");
        auto encoded = Base32::encode(*arena, rfc.span());
        QVERIFY(equals(encoded->span(), "MZXW6YTBOI")); // RFC 4648 section 10, unpadded
    }

    void formatReadsBack()
    {
        const auto arena = makeArena();
        SecretBuffer input = secret(
            *arena, "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=7&period=45");
        auto parameters = TotpUri::parse(*arena, input.span());
        ARCANUM_VERIFY_OK(parameters);
        SecretBuffer issuer = secret(*arena, "ACME Co");
        SecretBuffer account = secret(*arena, "jo@example.com");
        auto uri = TotpUri::format(*arena, *parameters, issuer.span(), account.span());
        ARCANUM_VERIFY_OK(uri);
        QVERIFY(equals(uri->span(), "otpauth://totp/ACME%20Co:jo%40example.com?secret="
                                    "JBSWY3DPEHPK3PXP&period=45&digits=7&issuer=ACME%20Co"
                                    "&algorithm=SHA256"));
        auto again = TotpUri::parse(*arena, uri->span());
        ARCANUM_VERIFY_OK(again);
        QCOMPARE(again->digits, 7u);
        QCOMPARE(again->period, 45u);
        QCOMPARE(again->algorithm, TotpAlgorithm::Sha256);
        auto first = Totp::code(*arena, *parameters, 1000);
        auto second = Totp::code(*arena, *again, 1000);
        QVERIFY(equals(second->span(), std::string(first->span().chars(), first->size()).c_str()));
    }
};

QTEST_GUILESS_MAIN(TestTotpUri)
#include "TestTotpUri.moc"
