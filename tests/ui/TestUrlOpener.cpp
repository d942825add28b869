// Tests for UrlOpener: a web address goes to the OpenURI portal when there is one, else to the
// opener program (a fake xdg-open here) with https:// added when the URL has no scheme; other
// schemes start nothing; failures are reported in words that never contain the URL; the job's
// own secret memory is gone once it is done; an opener destroyed mid-job is not called back.
#include "TestSupport.h"
#include "platform/UrlOpener.h"
#include "support/FakePortal.h"
#include "support/MainWindowFixture.h"

#include <QFile>
#include <QSignalSpy>

using namespace arcanum;
using namespace arcanum::test;
using namespace std::chrono_literals;

class TestUrlOpener : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<PrivateDBus> m_bus;

    // A fake xdg-open that writes its argument to `<script>.log` and exits `status`.
    QString fakeOpener(int status)
    {
        const QString path = m_dir.filePath(QString("xdg-open-%1").arg(status));
        QFile script(path);
        if (!script.open(QIODevice::WriteOnly))
            return {};
        script.write("#!/bin/sh\nprintf '%s' \"$1\" > \"$0.log\"\necho \"no method for $1\" >&2\n"
                     "exit " +
                     QByteArray::number(status) + "\n");
        script.close();
        QFile::remove(path + ".log");
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    static QByteArray handedTo(const QString& opener)
    {
        QFile log(opener + ".log");
        return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
    }

    UrlOpener::Config config(const QString& busAddress, const QString& program)
    {
        UrlOpener::Config config;
        config.busAddress = busAddress.toStdString();
        config.program = program.toStdString();
        config.portalTimeout = 5s;
        return config;
    }

    // Opens `url` and waits for finished(); returns (opened, how).
    static std::pair<bool, QString> openAndWait(UrlOpener& opener, const char* url)
    {
        auto arena = makeArena();
        SecretBuffer text = secret(*arena, url);
        QSignalSpy finished(&opener, &UrlOpener::finished);
        if (opener.open(text.span()) != UrlOpener::Start::Opening)
            return {false, QStringLiteral("not started")};
        text.reset();
        arena.reset(); // the job has its own copy
        if (!finished.wait(20000))
            return {false, QStringLiteral("no answer")};
        return {finished.at(0).at(0).toBool(), finished.at(0).at(1).toString()};
    }

private slots:
    void initTestCase()
    {
        m_bus = std::make_unique<PrivateDBus>();
        QVERIFY2(m_bus->isRunning(), qPrintable(m_bus->error()));
    }

    void thePortalFirst()
    {
        FakePortalHost host(*m_bus);
        QVERIFY(host.isOk());
        UrlOpener opener;
        const QString program = fakeOpener(0);
        opener.setConfig(config(m_bus->address(), program));
        const auto [opened, how] = openAndWait(opener, "example.org/portal");
        QVERIFY(opened);
        QCOMPARE(how, QStringLiteral("through the desktop portal"));
        QCOMPARE(host.portal().calls().size(), 1);
        QCOMPARE(host.portal().calls()[0].uri, QByteArray("https://example.org/portal"));
        QVERIFY(handedTo(program).isEmpty()); // xdg-open was not needed
    }

    void xdgOpenWithoutAPortal()
    {
        UrlOpener opener;
        const QString program = fakeOpener(0);
        opener.setConfig(config(m_bus->address(), program)); // a bus, but no portal on it
        const auto [opened, how] = openAndWait(opener, "HTTPS://Example.org/Path?q=1");
        QVERIFY(opened);
        QCOMPARE(how, "with " + program);
        QCOMPARE(handedTo(program), QByteArray("HTTPS://Example.org/Path?q=1"));

        opener.setConfig(config(QString(), program)); // no bus at all
        QVERIFY(openAndWait(opener, "example.org").first);
        QCOMPARE(handedTo(program), QByteArray("https://example.org"));
    }

    void failuresNeverNameTheUrl_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("no browser (3)") << "3";
        QTest::newRow("browser failed (4)") << "4";
        QTest::newRow("no xdg-open") << "missing";
        QTest::newRow("portal refuses") << "refuse";
    }
    void failuresNeverNameTheUrl()
    {
        QFETCH(QString, how);
        std::unique_ptr<FakePortalHost> host;
        if (how == u"refuse") {
            host = std::make_unique<FakePortalHost>(*m_bus);
            QVERIFY(host->isOk());
            host->portal().setAnswer(FakePortal::Answer::Refuse);
        }
        const QString program =
            how == u"missing" ? m_dir.filePath("no-xdg-open") : fakeOpener(how.toInt());
        UrlOpener opener;
        opener.setConfig(config(m_bus->address(), program));
        const auto [opened, said] = openAndWait(opener, "https://secret-host.example/q");
        QVERIFY(!opened);
        QVERIFY(!said.isEmpty());
        QVERIFY2(!said.contains("secret-host", Qt::CaseInsensitive), qPrintable(said));
        if (how == u"refuse")
            QVERIFY(handedTo(program).isEmpty()); // the portal had it: no second try
    }

    void otherSchemesStartNothing()
    {
        UrlOpener opener;
        const QString program = fakeOpener(0);
        opener.setConfig(config(QString(), program));
        auto arena = makeArena();
        for (const char* url : {"mailto:a@example.org", "file:///etc/passwd", "javascript:x",
                                "/home/me", "-x", "https://a b"}) {
            QCOMPARE(opener.open(secret(*arena, url).span()), UrlOpener::Start::NotWebAddress);
            QCOMPARE(opener.runningJobs(), 0);
        }
        QTest::qWait(100);
        QVERIFY(handedTo(program).isEmpty());
    }

    void theJobsSecretMemoryIsGoneAfterwards()
    {
        const int before = secretMappings();
        UrlOpener opener;
        opener.setConfig(config(QString(), fakeOpener(0)));
        QVERIFY(openAndWait(opener, "https://example.org").first);
        QTRY_COMPARE(opener.runningJobs(), 0);
        QCOMPARE(secretMappings(), before);
    }

    void anOpenerDestroyedMidJobIsNotCalledBack()
    {
        FakePortalHost host(*m_bus);
        QVERIFY(host.isOk());
        host.portal().setAnswer(FakePortal::Answer::Silence);
        auto opener = std::make_unique<UrlOpener>();
        auto settings = config(m_bus->address(), fakeOpener(0));
        settings.portalTimeout = 300ms;
        opener->setConfig(settings);
        auto arena = makeArena();
        QCOMPARE(opener->open(secret(*arena, "https://example.org").span()),
                 UrlOpener::Start::Opening);
        opener.reset(); // the job ends later and finds nobody to tell
        QTest::qWait(600);
    }
};

QTEST_MAIN(TestUrlOpener)
#include "TestUrlOpener.moc"
