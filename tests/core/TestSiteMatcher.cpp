// Tests for SiteMatcher: which entry URLs belong to a page. A table of the tricks a page can
// play (look-alike hosts, user information, backslashes, IP spellings, IDNA, ports, schemes)
// and of what must still match.
#include "TestSupport.h"
#include "autofill/SiteMatcher.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;

namespace {
constexpr int siteInvalid = -1;
}

class TestSiteMatcher : public QObject
{
    Q_OBJECT

private slots:
    void matches_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QByteArray>("site");
        QTest::addColumn<bool>("allowHttp");
        QTest::addColumn<int>("score");
        auto row = [](const char* name, const char* entry, const char* site, int score,
                      bool allowHttp = false) {
            QTest::newRow(name) << QByteArray(entry) << QByteArray(site) << allowHttp << score;
        };
        const int no = SiteMatcher::NoMatch, sub = SiteMatcher::Subdomain,
                  host = SiteMatcher::SameHost, path = SiteMatcher::SamePath;
        // same host
        row("exact", "https://example.com", "https://example.com/login", host);
        row("entry without scheme", "example.com", "https://example.com/", host);
        row("entry path is a prefix", "https://example.com/login", "https://example.com/login/x",
            path);
        row("entry path elsewhere", "https://example.com/account", "https://example.com/login",
            host);
        row("entry query ignored", "https://example.com/?a=1", "https://example.com/x", host);
        row("upper case", "https://EXAMPLE.Com", "https://example.com/", host);
        row("user in entry", "https://bob@example.com", "https://example.com/", host);
        row("spaces around entry", "  https://example.com  ", "https://example.com/", host);
        row("underscore", "https://my_host.example", "https://my_host.example/", host);
        row("localhost", "http://localhost:8080", "http://localhost:8080/", host);
        // subdomains (KeePassXC's default), on label boundaries only
        row("subdomain", "example.com", "https://login.example.com/", sub);
        row("deep subdomain", "example.com", "https://a.b.example.com/", sub);
        row("entry subdomain, page parent", "login.example.com", "https://example.com/", no);
        row("sibling subdomain", "login.example.com", "https://mail.example.com/", no);
        row("single label entry", "com", "https://example.com/", no);
        row("localhost subdomain", "localhost", "https://a.localhost/", no);
        // look-alike hosts
        row("entry host as prefix", "example.com", "https://example.com.evil.net/", no);
        row("hyphen", "example.com", "https://evil-example.com/", no);
        row("no dot boundary", "example.com", "https://badexample.com/", no);
        row("no dot boundary, same base domain", "foo.example.com", "https://barfoo.example.com/",
            no);
        row("user information", "example.com", "https://example.com@evil.net/", no);
        row("user information with port", "https://example.com",
            "https://example.com:443@evil.net/", no);
        row("user and password", "example.com", "https://example.com:x@evil.net/", no);
        row("backslash ends the host", "example.com", "https://evil.net\\@example.com/", no);
        row("homograph (Cyrillic e)", "https://example.com", "https://xn--xample-2of.com/", no);
        // the quick test before parsing (SiteMatcher::clearlyElsewhere): the site's last two
        // labels must be in the entry URL in some case, unless it has non-ASCII or Punycode
        row("quick: upper-case entry", "HTTPS://LOGIN.EXAMPLE.COM", "https://login.example.com/",
            host);
        row("quick: mixed case, subdomain", "https://Example.COM", "https://a.b.example.com/", sub);
        row("quick: tail only in the path", "https://evil.net/example.com", "https://example.com/",
            no);
        row("quick: tail in the user information", "https://example.com@evil.net",
            "https://example.com/", no);
        row("quick: tail at the very end", "evil.net/x.example.com", "https://example.com/", no);
        row("quick: single-label site", "http://LOCALHOST:8080/", "http://localhost:8080/", host);
        row("quick: entry in Punycode, ASCII site", "https://xn--mnchen-3ya.example",
            "https://xn--mnchen-3ya.example/", host);
        row("quick: upper-case Punycode entry", "https://XN--MNCHEN-3YA.example",
            "https://xn--mnchen-3ya.example/", host);
        row("quick: Unicode entry, Punycode site", "https://M\xc3\xbcnchen.example",
            "https://xn--mnchen-3ya.example/", host);
        row("quick: Unicode entry, ASCII site", "https://\xc3\xa9xample.com",
            "https://example.com/", no);
        // trailing dots
        row("trailing dot on the page", "example.com", "https://example.com./", host);
        row("trailing dot in the entry", "example.com.", "https://example.com/", host);
        row("two trailing dots", "example.com..", "https://example.com/", no);
        // schemes
        row("https entry, http page", "https://example.com", "http://example.com/", no);
        row("https entry, http page, allowed", "https://example.com", "http://example.com/", host,
            true);
        row("no scheme counts as https", "example.com", "http://example.com/", no);
        row("http entry, https page", "http://example.com", "https://example.com/", host);
        row("http entry, http page", "http://example.com", "http://example.com/", host);
        row("ftp entry", "ftp://example.com", "https://example.com/", no);
        row("android entry", "androidapp://com.example", "https://example.com/", no);
        row("file page", "example.com", "file:///etc/passwd", siteInvalid);
        row("javascript page", "example.com", "javascript:alert(1)", siteInvalid);
        // ports
        row("entry port", "https://example.com:8443", "https://example.com:8443/", host);
        row("other port", "https://example.com:8443", "https://example.com:9443/", no);
        row("page on another port", "example.com", "https://example.com:8443/", no);
        row("explicit default port", "https://example.com:443", "https://example.com/", host);
        row("page with explicit default port", "example.com", "https://example.com:443/", host);
        row("http default port", "http://example.com", "http://example.com:80/", host);
        row("port out of range", "https://example.com:99999", "https://example.com/", no);
        row("port not a number", "https://example.com:8o", "https://example.com/", no);
        // IP addresses
        row("IPv4", "http://192.168.1.1", "http://192.168.1.1/", host);
        row("IPv4 as one decimal", "http://3232235777", "http://192.168.1.1/", host);
        row("IPv4 in octal", "http://0300.0250.1.1", "http://192.168.1.1/", host);
        row("IPv4 in hex", "http://0xc0.0xa8.1.1", "http://192.168.1.1/", host);
        row("IPv4 short form", "http://127.1", "http://127.0.0.1/", host);
        row("other IPv4", "http://192.168.1.1", "http://192.168.1.2/", no);
        row("no subdomains of addresses", "http://2.3.4", "http://1.2.3.4/", no);
        row("IPv4 over 255", "http://256.1.1.1", "http://256.1.1.1/", siteInvalid);
        row("five parts", "example.com", "http://1.2.3.4.5/", siteInvalid);
        row("address in a domain", "http://1.2.3.4", "http://1.2.3.4.evil.net/", no);
        row("IPv6", "http://[::1]:8080", "http://[::1]:8080/", host);
        row("IPv6 long form", "http://[0:0:0:0:0:0:0:1]:8080", "http://[::1]:8080/", host);
        row("other IPv6", "http://[::2]:8080", "http://[::1]:8080/", no);
        row("IPv4-mapped IPv6", "http://[::ffff:192.168.1.1]", "http://[::ffff:c0a8:101]/", host);
        row("unclosed IPv6", "http://[::1", "http://[::1]/", no);
        // IDNA
        row("Unicode entry, Punycode page", "https://münchen.example",
            "https://xn--mnchen-3ya.example/", host);
        row("upper-case Unicode entry", "https://MÜNCHEN.example",
            "https://xn--mnchen-3ya.example/", host);
        row("Punycode entry", "https://xn--mnchen-3ya.example", "https://xn--mnchen-3ya.example/",
            host);
        row("upper-case Punycode", "https://XN--MNCHEN-3YA.example",
            "https://xn--mnchen-3ya.example/", host);
        row("IDN subdomain", "https://münchen.example", "https://login.xn--mnchen-3ya.example/",
            sub);
        row("CJK", "https://日本語.jp", "https://xn--wgv71a119e.jp/", host);
        row("page sends Unicode", "münchen.example", "https://münchen.example/", siteInvalid);
        row("upper case inside Punycode", "https://ü.example", "https://xn--wca.example/",
            siteInvalid);
        row("broken Punycode", "example.com", "https://xn--zz-.example/", siteInvalid);
        // not hosts
        row("empty host", "example.com", "https:///path", siteInvalid);
        row("entry is a path", "/login", "https://example.com/login", no);
        row("space in host", "exa mple.com", "https://example.com/", no);
        row("percent in host", "https://ex%61mple.com", "https://example.com/", no);
        row("tab inside", "https://exa\tmple.com", "https://example.com/", no);
        row("empty entry", "", "https://example.com/", no);
    }
    void matches()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QByteArray, site);
        QFETCH(bool, allowHttp);
        QFETCH(int, score);
        auto arena = test::makeArena();
        SecretBuffer siteUrl = test::secret(*arena, site);
        SecretBuffer entryUrl = test::secret(*arena, entry);
        auto matcher = SiteMatcher::create(siteUrl.span(), *arena);
        if (score == siteInvalid) {
            QVERIFY(!matcher);
            QCOMPARE(matcher.error().code, ErrorCode::InvalidArgument);
            return;
        }
        ARCANUM_VERIFY_OK(matcher);
        QCOMPARE(int(matcher->score(entryUrl.span(), allowHttp)), score);
    }

    void origin_data()
    {
        QTest::addColumn<QByteArray>("site");
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("plain") << QByteArray("https://Login.Example.com/path?q#f")
                               << QByteArray("https://login.example.com");
        QTest::newRow("port") << QByteArray("http://example.com:8080/")
                              << QByteArray("http://example.com:8080");
        QTest::newRow("default port")
            << QByteArray("https://example.com:443/") << QByteArray("https://example.com");
        QTest::newRow("trailing dot")
            << QByteArray("https://example.com./") << QByteArray("https://example.com");
        QTest::newRow("user") << QByteArray("https://a:b@example.com/")
                              << QByteArray("https://example.com");
        QTest::newRow("IPv4") << QByteArray("http://0x7f.1:3000/")
                              << QByteArray("http://127.0.0.1:3000");
        QTest::newRow("IPv6") << QByteArray("http://[::1]/") << QByteArray("http://[::1]");
        QTest::newRow("IDN stays Punycode") << QByteArray("https://xn--mnchen-3ya.example/")
                                            << QByteArray("https://xn--mnchen-3ya.example");
    }
    void origin()
    {
        QFETCH(QByteArray, site);
        QFETCH(QByteArray, origin);
        auto arena = test::makeArena();
        SecretBuffer url = test::secret(*arena, site);
        auto matcher = SiteMatcher::create(url.span(), *arena);
        ARCANUM_VERIFY_OK(matcher);
        const SecretSpan text = matcher->origin();
        QCOMPARE(QByteArray(text.chars(), qsizetype(text.size())), origin);
        QVERIFY(arena->contains(text.data())); // built in the arena
    }

    void hostIsUnicode()
    {
        auto arena = test::makeArena();
        SecretBuffer url = test::secret(*arena, "https://xn--mnchen-3ya.example/");
        auto matcher = SiteMatcher::create(url.span(), *arena);
        ARCANUM_VERIFY_OK(matcher);
        QVERIFY(test::equals(matcher->host(), "münchen.example"));
    }
};

QTEST_GUILESS_MAIN(TestSiteMatcher)
#include "TestSiteMatcher.moc"
