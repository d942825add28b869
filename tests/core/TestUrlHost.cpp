// Tests for UrlHost: the host of a URL as a sub-span of it, for titles of imported entries.
#include "import/UrlHost.h"

#include <QtTest>

using namespace arcanum;

class TestUrlHost : public QObject
{
    Q_OBJECT

private slots:
    void findsTheHost_data()
    {
        QTest::addColumn<QByteArray>("url");
        QTest::addColumn<QByteArray>("host");
        QTest::newRow("plain") << QByteArray("https://example.com") << QByteArray("example.com");
        QTest::newRow("path, query, fragment")
            << QByteArray("https://a.example.com/x/y?q=1#top") << QByteArray("a.example.com");
        QTest::newRow("query right after host")
            << QByteArray("http://b.example?x=/") << QByteArray("b.example");
        QTest::newRow("port") << QByteArray("https://c.example:8443/") << QByteArray("c.example");
        QTest::newRow("user information")
            << QByteArray("ftp://me:p@ss@d.example:21/") << QByteArray("d.example");
        QTest::newRow("IPv6") << QByteArray("http://[2001:db8::1]:8080/")
                              << QByteArray("2001:db8::1");
        QTest::newRow("unclosed IPv6") << QByteArray("http://[2001:db8") << QByteArray("2001:db8");
        QTest::newRow("no scheme") << QByteArray("e.example/login") << QByteArray("e.example");
        QTest::newRow("no scheme, port") << QByteArray("e.example:80") << QByteArray("e.example");
        QTest::newRow("non-ASCII host")
            << QByteArray("https://münchen.example/") << QByteArray("münchen.example");
        QTest::newRow("android app")
            << QByteArray("android://AbC=@com.example.app/") << QByteArray("com.example.app");
        QTest::newRow("spaces around")
            << QByteArray("  https://f.example  ") << QByteArray("f.example");
        QTest::newRow("scheme only") << QByteArray("https://") << QByteArray("");
        QTest::newRow("empty") << QByteArray("") << QByteArray("");
        QTest::newRow("colon first") << QByteArray(":x") << QByteArray("");
    }
    void findsTheHost()
    {
        QFETCH(QByteArray, url);
        QFETCH(QByteArray, host);
        const SecretSpan span(reinterpret_cast<const std::uint8_t*>(url.constData()),
                              std::size_t(url.size()));
        const SecretSpan found = UrlHost::of(span);
        QCOMPARE(QByteArray(found.chars(), qsizetype(found.size())), host);
        if (!found.empty()) // a sub-span of the URL, never a copy
            QVERIFY(found.data() >= span.data() && found.end() <= span.end());
    }
};

QTEST_GUILESS_MAIN(TestUrlHost)
#include "TestUrlHost.moc"
