// Tests for HostName: canonical forms of hosts — IPv4 in every spelling browsers accept, IPv6,
// Punycode and Unicode names — and the hosts that must be refused.
#include "TestSupport.h"
#include "autofill/HostName.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;

Q_DECLARE_METATYPE(HostName::Kind)
Q_DECLARE_METATYPE(HostName::Source)

class TestHostName : public QObject
{
    Q_OBJECT

private slots:
    void canonicalize_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<HostName::Source>("source");
        QTest::addColumn<HostName::Kind>("kind");
        QTest::addColumn<QByteArray>("canonical"); // text for names, hex for addresses
        const auto site = HostName::Source::Site, entry = HostName::Source::Entry;
        const auto name = HostName::Kind::Domain, v4 = HostName::Kind::Ipv4,
                   v6 = HostName::Kind::Ipv6, bad = HostName::Kind::Invalid;
        auto row = [](const char* tag, const QByteArray& host, HostName::Source source,
                      HostName::Kind kind, const QByteArray& canonical) {
            QTest::newRow(tag) << host << source << kind << canonical;
        };
        row("lower-cased", "Example.COM", site, name, "example.com");
        row("trailing dot", "example.com.", site, name, "example.com");
        row("empty label", "a..b", site, bad, "");
        row("empty", "", site, bad, "");
        row("only a dot", ".", site, bad, "");
        row("space", "ex ample.com", site, bad, "");
        row("percent", "ex%61mple.com", site, bad, "");
        row("63-byte label", QByteArray(63, 'a') + ".com", site, name,
            QByteArray(63, 'a') + ".com");
        row("64-byte label", QByteArray(64, 'a') + ".com", site, bad, "");
        row("254-byte name", (QByteArray(62, 'a') + '.').repeated(4) + "abcd", site, bad, "");
        row("dotted IPv4", "127.0.0.1", site, v4, "7f000001");
        row("hex IPv4", "0x7f.1", site, v4, "7f000001");
        row("one number", "2130706433", site, v4, "7f000001");
        row("octal number", "017700000001", site, v4, "7f000001");
        row("two parts", "1.256", site, v4, "01000100");
        row("trailing dot IPv4", "1.2.3.4.", site, v4, "01020304");
        row("largest", "4294967295", site, v4, "ffffffff");
        row("too large", "4294967296", site, bad, "");
        row("octet too large", "256.0.0.1", site, bad, "");
        row("five parts", "1.2.3.4.5", site, bad, "");
        row("9 in octal", "09.1.1.1", site, bad, "");
        row("bare 0x", "0x", site, v4, "00000000");
        row("IPv6 loopback", "[::1]", site, v6, "00000000000000000000000000000001");
        row("IPv6", "[2001:DB8::1]", site, v6, "20010db8000000000000000000000001");
        row("IPv6 with IPv4", "[::ffff:1.2.3.4]", site, v6, "00000000000000000000ffff01020304");
        row("IPv6 full", "[1:2:3:4:5:6:7:8]", site, v6, "00010002000300040005000600070008");
        row("IPv6 ending in ::", "[1:2:3:4:5:6:7::]", site, v6, "00010002000300040005000600070000");
        row("IPv6 nine pieces", "[1:2:3:4:5:6:7:8:9]", site, bad, "");
        row("IPv6 two ::", "[::1::2]", site, bad, "");
        row("IPv6 five digits", "[12345::]", site, bad, "");
        row("IPv6 unclosed", "[::1", site, bad, "");
        row("Punycode", "xn--mnchen-3ya.example", site, name, "münchen.example");
        row("upper-case Punycode", "XN--MNCHEN-3YA.Example", site, name, "münchen.example");
        row("Greek Punycode", "xn--hxargifdar.gr", site, name, "ελληνικά.gr");
        row("emoji Punycode", "xn--x-iv3s.example", site, name, "😀x.example");
        row("Punycode of an upper-case letter", "xn--wca.example", site, bad, "");
        row("Punycode of ASCII only", "xn--abc-.example", site, bad, "");
        row("Unicode from a site", "münchen.example", site, bad, "");
        row("Unicode from an entry", "München.Example", entry, name, "münchen.example");
        row("Cyrillic entry", "ПРИМЕР.рф", entry, name, "пример.рф");
        row("invalid UTF-8 entry", "\xc3(.example", entry, bad, "");
    }
    void canonicalize()
    {
        QFETCH(QByteArray, host);
        QFETCH(HostName::Source, source);
        QFETCH(HostName::Kind, kind);
        QFETCH(QByteArray, canonical);
        auto arena = test::makeArena();
        SecretBuffer input = test::secret(*arena, host);
        SecretBuffer out = arena->allocate(HostName::maxCanonicalBytes).value();
        SecretBuffer scratch =
            arena->allocate(HostName::scratchCodePoints * sizeof(char32_t)).value();
        const auto result = HostName::canonicalize(
            input.span(), source, out.bytes(),
            {reinterpret_cast<char32_t*>(scratch.data()), HostName::scratchCodePoints});
        QCOMPARE(result.kind, kind);
        if (kind == HostName::Kind::Invalid)
            return;
        const QByteArray bytes(reinterpret_cast<const char*>(out.data()), qsizetype(result.length));
        QCOMPARE(kind == HostName::Kind::Domain ? bytes : bytes.toHex(), canonical);
    }
};

QTEST_GUILESS_MAIN(TestHostName)
#include "TestHostName.moc"
