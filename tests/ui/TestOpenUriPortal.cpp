// Tests for OpenUriPortal (core/platform, with SessionBus and DBusMessage) against a real
// dbus-daemon and a fake xdg-desktop-portal (tests/ui/support: the D-Bus test helpers live
// here): the call arrives as OpenURI("", uri, {}) with the exact bytes; no portal or no bus says
// NotFound (the caller then tries xdg-open); a refusal and silence say so, without the URL.
#include "TestSupport.h"
#include "platform/OpenUriPortal.h"
#include "platform/SessionBus.h"
#include "platform/WebAddress.h"
#include "support/FakePortal.h"

using namespace arcanum;
using namespace arcanum::test;
using namespace std::chrono_literals;

namespace {

const char* const url = "https://example.org/login?next=%2Fhome&ü=1";

Result<void> openThroughPortal(const QString& busAddress, std::chrono::milliseconds timeout = 5s)
{
    auto arena = makeArena();
    auto address = WebAddress::toOpen(secret(*arena, url).span(), *arena);
    if (!address)
        return address.error();
    return OpenUriPortal::open(address->span(), *arena, busAddress.toStdString(), timeout);
}

} // namespace

class TestOpenUriPortal : public QObject
{
    Q_OBJECT

    std::unique_ptr<PrivateDBus> m_bus;

private slots:
    void initTestCase()
    {
        m_bus = std::make_unique<PrivateDBus>();
        QVERIFY2(m_bus->isRunning(), qPrintable(m_bus->error()));
    }

    void thePortalGetsTheAddress()
    {
        FakePortalHost host(*m_bus);
        QVERIFY(host.isOk());
        ARCANUM_VERIFY_OK(openThroughPortal(m_bus->address()));
        const QList<FakePortal::Call> calls = host.portal().calls();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls[0].interface, FakePortal::openUri);
        QCOMPARE(calls[0].member, QStringLiteral("OpenURI"));
        QCOMPARE(calls[0].signature, QStringLiteral("ssa{sv}"));
        QCOMPARE(calls[0].parentWindow, QString());
        QCOMPARE(calls[0].uri, QByteArray(url));
        QCOMPARE(calls[0].options, 0);
    }

    void anAddressWithPaddingOfEveryLength()
    {
        // The body's string and the empty array's padding depend on the length: try them all.
        FakePortalHost host(*m_bus);
        QVERIFY(host.isOk());
        auto arena = makeArena();
        for (int extra = 0; extra < 9; ++extra) {
            const QByteArray text = "https://e.org/" + QByteArray(extra, 'x');
            auto address = WebAddress::toOpen(secret(*arena, text).span(), *arena);
            ARCANUM_VERIFY_OK(address);
            ARCANUM_VERIFY_OK(
                OpenUriPortal::open(address->span(), *arena, m_bus->address().toStdString(), 5s));
            QCOMPARE(host.portal().calls().last().uri, text);
        }
    }

    void noPortalOrNoBusIsNotFound()
    {
        const Result<void> noPortal = openThroughPortal(m_bus->address());
        QVERIFY(!noPortal.ok());
        QCOMPARE(noPortal.error().code, ErrorCode::NotFound);
        for (const QString& address :
             {QStringLiteral("unix:path=/nonexistent/arcanum-test/bus"), QString(),
              QStringLiteral("tcp:host=localhost,port=1"), QStringLiteral("garbage")}) {
            const Result<void> noBus = openThroughPortal(address);
            QVERIFY(!noBus.ok());
            QCOMPARE(noBus.error().code, ErrorCode::NotFound);
        }
    }

    void aListOfAddressesIsTriedInOrder()
    {
        FakePortalHost host(*m_bus);
        QVERIFY(host.isOk());
        ARCANUM_VERIFY_OK(
            openThroughPortal("unix:path=/nonexistent/bus;tcp:host=x;" + m_bus->address()));
        QCOMPARE(host.portal().calls().size(), 1);
    }

    void refusalAndSilenceAreReportedWithoutTheAddress()
    {
        FakePortalHost host(*m_bus);
        QVERIFY(host.isOk());
        host.portal().setAnswer(FakePortal::Answer::Refuse);
        const Result<void> refused = openThroughPortal(m_bus->address());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::SystemError);
        QVERIFY2(refused.error().message.find("NotAllowed") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(refused.error().message.find("example.org") == std::string::npos);

        host.portal().setAnswer(FakePortal::Answer::Silence);
        QElapsedTimer timer;
        timer.start();
        const Result<void> silent = openThroughPortal(m_bus->address(), 300ms);
        QVERIFY(!silent.ok());
        QCOMPARE(silent.error().code, ErrorCode::Cancelled);
        QVERIFY(timer.elapsed() >= 250);
        QVERIFY(timer.elapsed() < 5000);
    }

    void defaultAddressFollowsTheEnvironment()
    {
        const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        const QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/x/bus");
        QCOMPARE(SessionBus::defaultAddress(), std::string("unix:path=/x/bus"));
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("XDG_RUNTIME_DIR", "/run/user/4242");
        QCOMPARE(SessionBus::defaultAddress(), std::string("unix:path=/run/user/4242/bus"));
        qunsetenv("XDG_RUNTIME_DIR");
        QCOMPARE(SessionBus::defaultAddress(), std::string());
        qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
        qputenv("XDG_RUNTIME_DIR", savedRuntime);
    }
};

QTEST_GUILESS_MAIN(TestOpenUriPortal)
#include "TestOpenUriPortal.moc"
