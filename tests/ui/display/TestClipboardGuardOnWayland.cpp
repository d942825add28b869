// ClipboardGuard on a real Wayland compositor (weston, run by with-display.sh wayland): weston
// reads the selection the moment it is set and offers its saved copy again when the owner lets
// go, so a clear must replace our content with an empty offer of our own, after the timeout and
// after Arcanum quits (issue 12). wl-paste plays the other program.
#include "clipboard/ClipboardGuard.h"
#include "clipboard/SecretMimeData.h"
#include "crypto/Random.h"
#include "secret/SecretArena.h"

#include <QGuiApplication>
#include <QProcess>
#include <QRasterWindow>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QtTest>
#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace arcanum;
using namespace std::chrono_literals;

namespace {

// Not a canary scan: the test may hold the secret in ordinary memory.
QByteArray randomSecret()
{
    static constexpr char letters[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QByteArray text;
    for (int i = 0; i < 28; ++i)
        text += letters[Random::uniform(sizeof letters - 1)];
    return text;
}

// Runs a command to its end while this process keeps serving the clipboard.
QByteArray run(const QString& program, const QStringList& arguments, int* exitCode = nullptr)
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    if (!finished.wait(10000)) {
        process.kill();
        process.waitForFinished();
    }
    if (exitCode)
        *exitCode = process.exitCode();
    return process.readAllStandardOutput();
}

QByteArray wlPaste()
{
    return run(QStringLiteral("wl-paste"), {QStringLiteral("--no-newline")});
}

// What a paste of text gives (nothing when no text type is offered).
QByteArray wlPasteText()
{
    return run(QStringLiteral("wl-paste"),
               {QStringLiteral("--no-newline"), QStringLiteral("--type"),
                SecretMimeData::utf8TextFormat()});
}

QStringList wlPasteTypes()
{
    return QString::fromUtf8(run(QStringLiteral("wl-paste"), {QStringLiteral("--list-types")}))
        .split(u'\n', Qt::SkipEmptyParts);
}

// A window of our own: a Wayland client sets the selection with its seat's serial.
std::unique_ptr<QRasterWindow> showWindow()
{
    auto window = std::make_unique<QRasterWindow>();
    window->resize(200, 100);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("the window was never exposed");
    QTest::qWait(200); // keyboard focus (the selection serial) arrives after the first frame
    return window;
}

// The child: copies the secret read from stdin, says "copied", quits when stdin closes.
int childMain(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    auto arena = std::move(SecretArena::create().value());
    auto buffer = std::move(arena->allocate(256).value());
    const ssize_t got = ::read(STDIN_FILENO, buffer.data(), buffer.size());
    if (got <= 1)
        return 3;
    (void)buffer.resize(std::size_t(got - 1)); // without the newline
    auto window = showWindow();
    auto guard = std::make_unique<ClipboardGuard>();
    guard->setClearAfter(1h);
    if (!guard->copy(*arena, buffer.span()).ok())
        return 4;
    std::fputs("copied\n", stdout);
    std::fflush(stdout);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char byte = 0;
        if (::read(STDIN_FILENO, &byte, 1) <= 0)
            app.quit();
    });
    app.exec();
    guard.reset(); // as MainWindow does on quit: clearNow() before the application goes
    buffer.reset();
    return 0;
}

} // namespace

class TestClipboardGuardOnWayland : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName().startsWith(u"wayland"),
                 "run through with-display.sh wayland");
    }

    void timeoutLeavesAnEmptyOfferNotTheCompositorsCopy()
    {
        auto window = showWindow();
        auto arena = std::move(SecretArena::create().value());
        const QByteArray text = randomSecret();
        auto secret = std::move(
            arena
                ->copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>(text.constData()),
                                    std::size_t(text.size())))
                .value());
        ClipboardGuard guard;
        guard.setClearAfter(3s);
        QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
        QVERIFY(guard.copy(*arena, secret.span()).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wlPaste(), text, 2000); // weston has read it by now

        QVERIFY(cleared.wait(5000));
        QVERIFY(guard.holdsEmptyOffer());
        const QByteArray after = wlPaste();
        QVERIFY2(!after.contains(text), "the compositor still offers the password");
        QVERIFY(wlPasteText().isEmpty());
        // weston refuses a second set_selection with the same input serial, so what it offers
        // now is its own saved copy of our first type: the hint, not the text.
        QVERIFY(wlPasteTypes().contains(SecretMimeData::passwordManagerHintFormat()));
    }

    void quitLeavesAnEmptySelectionBehind()
    {
        const QByteArray text = randomSecret();
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ARCANUM_TEST_CLIPBOARD_CHILD"), QStringLiteral("1"));
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        child.write(text + '\n');
        QByteArray said; // QTRY evaluates its condition more than once: read into a buffer
        QTRY_VERIFY_WITH_TIMEOUT((said += child.readAllStandardOutput()).contains("copied"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(wlPaste(), text, 3000);

        child.closeWriteChannel(); // Arcanum quits
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitCode(), 0);
        const QByteArray after = wlPaste();
        QVERIFY2(!after.contains(text), "the compositor offers the password after Arcanum quit");
        // weston's clipboard saved one type of ours, the first: the hint, never the text.
        QVERIFY(wlPasteText().isEmpty());
    }
};

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsSet("ARCANUM_TEST_CLIPBOARD_CHILD"))
        return childMain(argc, argv);
    QGuiApplication app(argc, argv);
    TestClipboardGuardOnWayland test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestClipboardGuardOnWayland.moc"
