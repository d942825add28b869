// Tests for TotpCodeView: the code for an injected clock (RFC 6238 Appendix B, SHA-1), shown
// grouped and drawn from the arena; the countdown; the next code at the period boundary, by
// refresh() and by its own timer; bare Base32 defaults and Steam codes; no timer without a usable
// setting, with the reason shown; the screen reader gets the code only once revealed; nothing of
// the secret or the code outside the arena after showing it.
#include "SecretTestSupport.h"
#include "accessibility/ScreenReaderAccess.h"
#include "secret/SecretLabel.h"
#include "window/TotpCodeView.h"

#include <QAccessible>
#include <QAccessibleTextInterface>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// RFC 6238 Appendix B: the SHA-1 key is the ASCII "12345678901234567890".
constexpr const char* rfcBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
constexpr const char* rfcUri8 =
    "otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=30";

WallClock fixedSeconds(std::int64_t seconds)
{
    return [seconds] {
        return seconds * 1000;
    };
}

} // namespace

class TestTotpCodeView : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void init() { m_arena = makeArena(); }
    void cleanup()
    {
        ScreenReaderAccess::setOn(false);
        m_arena.reset();
    }

    void showsTheCodeForTheClock_data()
    {
        QTest::addColumn<QByteArray>("setting");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QByteArray>("shown");
        QTest::addColumn<int>("remaining");
        // RFC 6238 Appendix B, SHA-1, 8 digits.
        QTest::newRow("59") << QByteArray(rfcUri8) << qint64(59) << QByteArray("9428 7082") << 1;
        QTest::newRow("1111111109")
            << QByteArray(rfcUri8) << qint64(1111111109) << QByteArray("0708 1804") << 1;
        QTest::newRow("1234567890")
            << QByteArray(rfcUri8) << qint64(1234567890) << QByteArray("8900 5924") << 30;
        QTest::newRow("2000000000")
            << QByteArray(rfcUri8) << qint64(2000000000) << QByteArray("6927 9037") << 10;
        // A bare Base32 secret: SHA-1, 6 digits (the last six of the 8-digit vector), 30 s.
        QTest::newRow("base32") << QByteArray(rfcBase32) << qint64(59) << QByteArray("287 082")
                                << 1;
        QTest::newRow("base32, lower case, spaced")
            << QByteArray("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") << qint64(1111111111)
            << QByteArray("050 471") << 29;
        // A 60 s period counts down from 60.
        QTest::newRow("period 60")
            << QByteArray("otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=60")
            << qint64(61) << QByteArray("287 082") << 59; // counter 1, as at 59 s with 30 s
    }
    void showsTheCodeForTheClock()
    {
        QFETCH(QByteArray, setting);
        QFETCH(qint64, seconds);
        QFETCH(QByteArray, shown);
        QFETCH(int, remaining);
        TotpCodeView view;
        view.setClock(fixedSeconds(seconds));
        const SecretBuffer text = secret(*m_arena, setting);
        ARCANUM_VERIFY_OK(view.showSetting(*m_arena, text.span()));
        QVERIFY(view.hasCode());
        QCOMPARE_TEXT(view.codeLabel()->text(), shown.constData());
        QCOMPARE(view.secondsRemaining(), remaining);
        QCOMPARE(view.countdown()->value(), remaining);
        QVERIFY(!view.codeLabel()->isMasked()); // the code is shown, never bullets
        QVERIFY(view.isTicking());
        // What Ctrl+T copies: the same code, without the grouping space.
        auto code = view.currentCode(*m_arena);
        ARCANUM_VERIFY_OK(code);
        QCOMPARE(code->size(), std::size_t(shown.size() - 1));
    }

    void steamCodesAreFiveCharacters()
    {
        TotpCodeView view;
        view.setClock(fixedSeconds(59));
        const SecretBuffer text =
            secret(*m_arena, "otpauth://totp/Steam:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                             "&encoder=steam");
        ARCANUM_VERIFY_OK(view.showSetting(*m_arena, text.span()));
        const SecretSpan code = view.codeLabel()->text();
        QCOMPARE(code.size(), std::size_t(5));
        for (std::uint8_t c : code)
            QVERIFY(std::string_view("23456789BCDFGHJKMNPQRTVWXY").find(char(c)) !=
                    std::string_view::npos);
    }

    void nextCodeAtThePeriodBoundary()
    {
        std::int64_t now = 1111111109; // the last second of its period
        TotpCodeView view;
        view.setClock([&now] { return now * 1000 + 250; });
        const SecretBuffer text = secret(*m_arena, rfcUri8);
        ARCANUM_VERIFY_OK(view.showSetting(*m_arena, text.span()));
        QCOMPARE_TEXT(view.codeLabel()->text(), "0708 1804");
        QCOMPARE(view.secondsRemaining(), 1);
        now = 1111111110; // a new period begins
        view.refresh();
        QCOMPARE_TEXT(view.codeLabel()->text(), "1405 0471"); // RFC: 14050471 at 1111111111
        QCOMPARE(view.secondsRemaining(), 30);
        now = 1111111111;
        view.refresh();
        QCOMPARE_TEXT(view.codeLabel()->text(), "1405 0471");
        QCOMPARE(view.secondsRemaining(), 29);
        QCOMPARE(view.countdown()->value(), 29);
        QCOMPARE(view.countdown()->maximum(), 30);
    }

    // The view's own timer: a clock that runs in real time from 2 s before a period boundary.
    void itsTimerCountsDownAndTurnsOver()
    {
        QElapsedTimer elapsed;
        elapsed.start();
        const std::int64_t start = 1111111108LL * 1000 + 500; // 1.5 s before 1111111110
        TotpCodeView view;
        view.setClock([&] { return start + elapsed.elapsed(); });
        const SecretBuffer text = secret(*m_arena, rfcUri8);
        ARCANUM_VERIFY_OK(view.showSetting(*m_arena, text.span()));
        QCOMPARE(view.secondsRemaining(), 2);
        QCOMPARE_TEXT(view.codeLabel()->text(), "0708 1804");
        QTRY_COMPARE_WITH_TIMEOUT(view.secondsRemaining(), 1, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(view.secondsRemaining(), 30, 2000);
        QCOMPARE_TEXT(view.codeLabel()->text(), "1405 0471");
        QVERIFY(view.isTicking());
    }

    void noTimerWithoutAUsableSetting_data()
    {
        QTest::addColumn<QByteArray>("setting");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not base32") << QByteArray("hello world!") << "not Base32";
        QTest::newRow("hotp") << QByteArray("otpauth://hotp/x?secret=GEZDGNBV&counter=1") << "HOTP";
        QTest::newRow("no secret") << QByteArray("otpauth://totp/x?digits=6") << "secret";
        QTest::newRow("digits") << QByteArray("otpauth://totp/x?secret=GEZDGNBV&digits=4")
                                << "digits";
    }
    void noTimerWithoutAUsableSetting()
    {
        QFETCH(QByteArray, setting);
        QFETCH(QString, reason);
        TotpCodeView view;
        QVERIFY(!view.isTicking());
        view.setClock(fixedSeconds(59));
        const SecretBuffer text = secret(*m_arena, setting);
        QVERIFY(!view.showSetting(*m_arena, text.span()).ok());
        QVERIFY(!view.hasCode());
        QVERIFY(!view.isTicking());
        QVERIFY(view.codeLabel()->isEmpty());
        QVERIFY2(view.errorLabel()->text().contains(reason, Qt::CaseInsensitive),
                 qPrintable(view.errorLabel()->text()));
        QVERIFY(!view.errorLabel()->isHidden());
        // A usable one afterwards ticks; releasing stops it and wipes the code.
        const SecretBuffer good = secret(*m_arena, rfcBase32);
        ARCANUM_VERIFY_OK(view.showSetting(*m_arena, good.span()));
        QVERIFY(view.isTicking());
        QVERIFY(view.errorLabel()->isHidden());
        view.releaseSecrets();
        QVERIFY(!view.isTicking());
        QVERIFY(view.codeLabel()->isEmpty());
        QVERIFY(!view.hasCode());
    }

    void screenReaderReadsTheCodeOnlyOnceRevealed()
    {
        TotpCodeView view;
        view.setClock(fixedSeconds(59));
        const SecretBuffer text = secret(*m_arena, rfcBase32);
        ARCANUM_VERIFY_OK(view.showSetting(*m_arena, text.span()));
        view.show();
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(view.codeLabel());
        QVERIFY(accessible);
        QCOMPARE(accessible->text(QAccessible::Name), QStringLiteral("TOTP code"));
        QVERIFY(accessible->text(QAccessible::Value).isEmpty());
        QVERIFY(accessible->textInterface() == nullptr); // access off: no text at all

        ScreenReaderAccess::setOn(true);
        QAccessibleTextInterface* readable = accessible->textInterface();
        QVERIFY(readable);
        QCOMPARE(readable->characterCount(), 0); // on screen, but not read before a reveal
        QVERIFY(readable->text(0, 7).isEmpty());
        QVERIFY(accessible->text(QAccessible::Description).contains("once revealed"));

        view.setRevealed(true);
        QCOMPARE(readable->characterCount(), 7);
        QCOMPARE(readable->text(0, 7), QStringLiteral("287 082"));
        view.setRevealed(false);
        QCOMPARE(readable->characterCount(), 0);
    }

    void noCopiesOutsideTheArena()
    {
        // A random 32-character Base32 secret, made in the arena; its current code (10 digits)
        // computed there too.
        SecretBuffer base32 = std::move(m_arena->allocate(32).value());
        Random::fill(base32.bytes());
        constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (std::uint8_t& byte : base32.bytes())
            byte = std::uint8_t(alphabet[byte % 32]);
        const SecretBuffer prefix = secret(*m_arena, "otpauth://totp/x?digits=10&secret=");
        SecretBuffer uri = std::move(m_arena->allocate(prefix.size() + 32).value());
        std::copy(prefix.span().begin(), prefix.span().end(), uri.data());
        std::copy(base32.span().begin(), base32.span().end(), uri.data() + prefix.size());

        TotpCodeView view;
        view.setClock(fixedSeconds(1700000000));
        ARCANUM_VERIFY_OK(view.showSetting(*m_arena, uri.span()));
        view.setRevealed(true);
        view.resize(400, 40);
        (void)view.grab();
        auto code = view.currentCode(*m_arena);
        ARCANUM_VERIFY_OK(code);
        QCOMPARE(code->size(), std::size_t(10));
        const ScanReport report = scanForCopies({{"TOTP secret", base32.span()},
                                                 {"TOTP code", code->span()},
                                                 {"shown code", view.codeLabel()->text()}});
        QVERIFY2(report.clean(), report.summary().c_str());
    }
};

QTEST_MAIN(TestTotpCodeView)
#include "TestTotpCodeView.moc"
