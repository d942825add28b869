// XcbSelectionScrubber on a real X server (Xvfb, run by with-display.sh x11): after another
// client (xclip) pastes our secret, no copy of it is left anywhere in our process — not in
// libxcb's output queue, not in a Latin-1 conversion — and the Latin-1 targets are neither
// offered nor served (issue 11). The scan is tests/security's CanaryScanner over a forked copy of
// this process (outside it, and seeing the dead stack too).
#include "canary/CanaryScanner.h"
#include "canary/CanarySet.h"
#include "clipboard/ClipboardGuard.h"
#include "clipboard/XcbSelectionScrubber.h"
#include "crypto/Random.h"
#include "secret/SecretArena.h"

#include <QGuiApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

using namespace arcanum;

namespace {

// Runs `command` in sh to its end while this process keeps serving the clipboard.
int shell(const QString& command, QByteArray* output = nullptr)
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
    if (!finished.wait(10000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (output)
        *output = process.readAllStandardOutput();
    return process.exitCode();
}

} // namespace

class TestXcbSelectionScrubber : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<CanarySet> m_set;
    std::unique_ptr<SecretArena> m_arena;
    std::unique_ptr<ClipboardGuard> m_guard;
    QString m_canaryFile; // the canary, for `cmp` in the shell; page cache, not our memory

    SecretSpan canary() const { return m_set->pattern(0, CanaryEncoding::Utf8); }

    void expectNoCopy(const char* when)
    {
        auto forked = CanaryScanner::scanForkedCopy(*m_set);
        QVERIFY2(forked.ok(), forked.ok() ? "" : forked.error().message.c_str());
        QVERIFY2(forked->clean(), (std::string(when) + ": " + forked->summary()).c_str());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() == u"xcb", "run through with-display.sh x11");
        auto set = CanarySet::create();
        QVERIFY(set.ok());
        m_set.emplace(std::move(set.value()));
        m_arena = std::move(SecretArena::create().value());
        {
            static constexpr char letters[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
            SecretBuffer value = std::move(m_arena->allocate(32).value());
            for (std::size_t i = 0; i < value.size(); ++i)
                value.data()[i] = std::uint8_t(letters[Random::uniform(sizeof letters - 1)]);
            QVERIFY(m_set->add("password", value.span()).ok());
        }
        m_canaryFile = m_dir.filePath(QStringLiteral("canary"));
        const int fd = ::open(m_canaryFile.toLocal8Bit().constData(), O_WRONLY | O_CREAT, 0600);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, canary().data(), canary().size()), ssize_t(canary().size()));
        ::close(fd);

        m_guard = std::make_unique<ClipboardGuard>();
        QVERIFY(m_guard->copy(*m_arena, canary()).ok());
    }

    void anotherClientPastesTheSecretAsUtf8()
    {
        for (const char* target : {"UTF8_STRING", "text/plain;charset=utf-8", "text/plain"})
            QVERIFY2(shell(QStringLiteral("xclip -selection clipboard -o -t '%1' | cmp -s - '%2'")
                               .arg(QLatin1String(target), m_canaryFile)) == 0,
                     target);
        const auto* scrubber = m_guard->findChild<XcbSelectionScrubber*>();
        QVERIFY(scrubber != nullptr);
        QTRY_VERIFY(scrubber->scrubCount() > 0);
    }

    void noCopyIsLeftAfterThePaste() { expectNoCopy("after xclip pasted it"); }

    void latin1TargetsAreNeitherOfferedNorServed()
    {
        QByteArray targets;
        QCOMPARE(shell(QStringLiteral("xclip -selection clipboard -o -t TARGETS"), &targets), 0);
        const QList<QByteArray> list = targets.split('\n');
        QVERIFY2(list.contains("UTF8_STRING"), targets.constData());
        QVERIFY2(list.contains("x-kde-passwordManagerHint"), targets.constData());
        for (const char* refused : {"STRING", "TEXT", "COMPOUND_TEXT", "MULTIPLE"})
            QVERIFY2(!list.contains(refused), targets.constData());
        for (const char* refused : {"STRING", "TEXT", "COMPOUND_TEXT"}) {
            QByteArray count;
            shell(QStringLiteral("xclip -selection clipboard -o -t %1 2>/dev/null | wc -c")
                      .arg(QLatin1String(refused)),
                  &count);
            QCOMPARE(count.trimmed(), QByteArray("0"));
        }
        expectNoCopy("after Latin-1 requests");
    }

    void clearingLeavesAnEmptyOffer()
    {
        m_guard->clearNow();
        QVERIFY(m_guard->holdsEmptyOffer());
        QByteArray count;
        QCOMPARE(
            shell(QStringLiteral("xclip -selection clipboard -o -t UTF8_STRING | wc -c"), &count),
            0);
        QCOMPARE(count.trimmed(), QByteArray("0"));
        expectNoCopy("after the clear");
    }

    void cleanupTestCase()
    {
        m_guard.reset();
        m_arena.reset();
    }
};

QTEST_MAIN(TestXcbSelectionScrubber)
#include "TestXcbSelectionScrubber.moc"
