// Tests for WebAddress: which entry URLs are opened (http, https, no scheme = https) and which
// are refused (other schemes, paths, option-like words, spaces and control characters), and
// the exact NUL-terminated bytes handed over, built in the arena.
#include "TestSupport.h"
#include "platform/WebAddress.h"

using namespace arcanum;
using namespace arcanum::test;

Q_DECLARE_METATYPE(WebAddress::Kind)

class TestWebAddress : public QObject
{
    Q_OBJECT

private slots:
    void classifiesAndBuilds_data()
    {
        using Kind = WebAddress::Kind;
        QTest::addColumn<QByteArray>("url");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QByteArray>("handedOver"); // empty: nothing is opened
        const auto row = [](const char* name, const QByteArray& url, Kind kind,
                            const QByteArray& handedOver = {}) {
            QTest::newRow(name) << url << kind << handedOver;
        };
        row("https", "https://example.org/login?a=1#x", Kind::Web,
            "https://example.org/login?a=1#x");
        row("http, any case", "HTTP://Example.org", Kind::Web, "HTTP://Example.org");
        row("https, mixed case", "hTTpS://example.org", Kind::Web, "hTTpS://example.org");
        row("non-ASCII host", "https://müller.example/ä", Kind::Web, "https://müller.example/ä");
        row("no scheme", "example.org/login", Kind::NoScheme, "https://example.org/login");
        row("no scheme, with a port", "example.org:8443/x", Kind::NoScheme,
            "https://example.org:8443/x");
        row("host and port only", "localhost:8080", Kind::NoScheme, "https://localhost:8080");
        row("no scheme, non-ASCII", "www.müller.de", Kind::NoScheme, "https://www.müller.de");
        row("mailto", "mailto:someone@example.org", Kind::OtherScheme);
        row("javascript", "javascript:alert(1)", Kind::OtherScheme);
        row("file", "file:///etc/passwd", Kind::OtherScheme);
        row("ftp", "ftp://example.org", Kind::OtherScheme);
        row("an application's scheme", "x-my-app+v2://open", Kind::OtherScheme);
        row("data", "data:text/html,hello", Kind::OtherScheme);
        row("user and password, no scheme", "user:secret@example.org", Kind::OtherScheme);
        row("empty", "", Kind::NotAnAddress);
        row("scheme only", "https://", Kind::NotAnAddress);
        row("http scheme only", "http://", Kind::NotAnAddress);
        row("a path", "/etc/passwd", Kind::NotAnAddress);
        row("an option", "--help", Kind::NotAnAddress);
        row("a colon first", ":8080", Kind::NotAnAddress);
        row("a space", "https://example.org/a b", Kind::NotAnAddress);
        row("leading space", " https://example.org", Kind::NotAnAddress);
        row("a newline", "https://example.org\n--flag", Kind::NotAnAddress);
        row("a tab", "example.org\tx", Kind::NotAnAddress);
        row("DEL", "https://example.org\x7f", Kind::NotAnAddress);
        row("a NUL", QByteArray("https://a\0b", 11), Kind::NotAnAddress);
    }
    void classifiesAndBuilds()
    {
        QFETCH(QByteArray, url);
        QFETCH(WebAddress::Kind, kind);
        QFETCH(QByteArray, handedOver);
        auto arena = makeArena();
        SecretBuffer stored = secret(*arena, url);
        QCOMPARE(WebAddress::classify(stored.span()), kind);
        auto built = WebAddress::toOpen(stored.span(), *arena);
        if (handedOver.isEmpty()) {
            QVERIFY(!built.ok());
            QCOMPARE(built.error().code, ErrorCode::InvalidArgument);
            return;
        }
        ARCANUM_VERIFY_OK(built);
        QCOMPARE(QByteArray(built->span().chars(), qsizetype(built->size())), handedOver);
        QCOMPARE(built->data()[built->size()], std::uint8_t(0)); // NUL-terminated
        QVERIFY(arena->contains(built->data()));
    }
};

QTEST_GUILESS_MAIN(TestWebAddress)
#include "TestWebAddress.moc"
