// arcanum: the desktop app. `arcanum [VAULT]` opens the unlock screen of VAULT (or of the most
// recent vault), focused on the password field.
#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ArcanumApplication.h"
#include "autofill/AppTestHooks.h"
#include "autofill/BrowserIntegration.h"
#include "autofill/BrowserPrompter.h"
#include "hardening/ProcessHardening.h"
#include "lock/DBusLockSignalSource.h"
#include "settings/Settings.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QFileInfo>
#include <QIcon>
#include <cstdio>

int main(int argc, char** argv)
{
    using namespace arcanum;
    ProcessHardening::bindSymbolsNow(argv);
    ProcessHardening::apply();

    // notify() keeps keys typed into secret fields from AT-SPI keystroke listeners.
    ArcanumApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Arcanum"));
    QApplication::setOrganizationName(QStringLiteral("Arcanum"));
    QApplication::setApplicationVersion(QStringLiteral(ARCANUM_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.arcanum.Arcanum"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/arcanum.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "A password vault whose unlocked contents live only in "
                                        "secret memory."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("vault"),
                                 QApplication::translate("main", "The vault to unlock."),
                                 QStringLiteral("[VAULT]"));
    // Not parser.process(): it prints an unknown option's name, and a word typed in the wrong
    // place may be a password. Say where it stood instead (as arcanum-cli does).
    const QStringList arguments = QApplication::arguments();
    if (!parser.parse(arguments)) {
        qsizetype position = 0;
        for (qsizetype i = 1; i < arguments.size() && position == 0; ++i)
            if (arguments[i].startsWith(QLatin1Char('-')) && arguments[i] != u"-" &&
                arguments[i] != u"--")
                for (const QString& name : parser.unknownOptionNames())
                    if (arguments[i].section(QLatin1Char('='), 0, 0).endsWith(name))
                        position = i;
        std::fprintf(stderr, "arcanum: unknown option (argument %lld). See arcanum --help.\n",
                     static_cast<long long>(position));
        return 2;
    }
    if (parser.isSet(help))
        parser.showHelp(0);
    if (parser.isSet(version))
        parser.showVersion();

    Settings settings;
    DBusLockSignalSource lockSource;
    MainWindow window(&settings, &lockSource);
    // The browser extension's connection (docs/AUTOFILL.md): the user confirms each browser and
    // each site in the prompter's dialogs.
    BrowserIntegration browser(window.session());
    BrowserPrompter prompter(&browser, window.session(), &window);
    const auto bringForward = [&window] {
        window.showNormal();
        window.raise();
        window.activateWindow();
    };
    QObject::connect(&browser, &BrowserIntegration::unlockRequested, &window,
                     [&settings, bringForward] {
                         if (settings.raiseUnlockOnBrowserRequest())
                             bringForward();
                     });
    QObject::connect(&prompter, &BrowserPrompter::questionShown, &window, bringForward);
    window.setBrowserIntegration(&browser);
    if (settings.browserIntegration() && !browser.start())
        qWarning("Browser integration is off: %s", qPrintable(browser.errorString()));
    if (!parser.positionalArguments().isEmpty())
        window.openVault(QFileInfo(parser.positionalArguments().first()).absoluteFilePath());
    window.show();
    AppTestHooks::unlockFromEnvironment(window); // test builds only
    const int status = app.exec();
    AccessibleTextPool::instance().wipeAll();
    return status;
}
