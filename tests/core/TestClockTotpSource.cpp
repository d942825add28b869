// ClockTotpSource: the codes the browser's get-logins / get-totp receive are the RFC 6238 codes
// of the entry's TOTP field (URI or bare Base32) at the clock's second, made in the arena.
#include "AutofillTestSupport.h"
#include "autofill/ClockTotpSource.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// Base32 of RFC 6238's SHA-1 seed "12345678901234567890".
const std::string rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

std::string codeOf(MemoryAutofillVault& vault, const EntryId& id, std::uint64_t at)
{
    autofill::ClockTotpSource source([at] { return at; });
    const auto view = vault.contents().entry(*vault.contents().findEntry(id));
    auto code = source.currentCode(view, vault.arena());
    if (!code)
        return "error: " + code.error().message;
    return std::string(code->span().chars(), code->size());
}

} // namespace

class TestClockTotpSource : public QObject
{
    Q_OBJECT

private slots:
    void rfc6238CodesFromAnOtpauthUri()
    {
        MemoryAutofillVault vault;
        const auto id = vault.addLogin("Bank", "alice", "pw", "https://bank.example",
                                       "otpauth://totp/Bank:alice?secret=" + rfcSecret +
                                           "&digits=8&algorithm=SHA1&period=30");
        QCOMPARE(codeOf(vault, id, 59), std::string("94287082"));
        QCOMPARE(codeOf(vault, id, 1111111109), std::string("07081804"));
        QCOMPARE(codeOf(vault, id, 2000000000), std::string("69279037"));
    }

    void bareBase32MeansSixDigitsEveryThirtySeconds()
    {
        MemoryAutofillVault vault;
        const auto id = vault.addLogin("Mail", "bob", "pw", "https://mail.example", rfcSecret);
        // The last six digits of the 8-digit RFC codes.
        QCOMPARE(codeOf(vault, id, 59), std::string("287082"));
        QCOMPARE(codeOf(vault, id, 1234567890), std::string("005924"));
    }

    void anEntryWithoutOrWithABrokenSettingGivesAnError()
    {
        MemoryAutofillVault vault;
        const auto none = vault.addLogin("Plain", "carol", "pw", "https://plain.example");
        QVERIFY(codeOf(vault, none, 59).starts_with("error: "));
        const auto broken = vault.addLogin("Bad", "dave", "pw", "https://bad.example", "not!base32");
        QVERIFY(codeOf(vault, broken, 59).starts_with("error: "));
    }

    void theDefaultClockIsTheRealTime()
    {
        MemoryAutofillVault vault;
        const auto id = vault.addLogin("Now", "erin", "pw", "https://now.example", rfcSecret);
        autofill::ClockTotpSource source;
        const auto view = vault.contents().entry(*vault.contents().findEntry(id));
        const auto before = static_cast<std::uint64_t>(std::time(nullptr));
        auto code = source.currentCode(view, vault.arena());
        const auto after = static_cast<std::uint64_t>(std::time(nullptr));
        QVERIFY(static_cast<bool>(code));
        QVERIFY(vault.arena().contains(code->span().data()));
        const std::string got(code->span().chars(), code->size());
        QVERIFY(got == codeOf(vault, id, before) || got == codeOf(vault, id, after));
    }
};

QTEST_GUILESS_MAIN(TestClockTotpSource)
#include "TestClockTotpSource.moc"
