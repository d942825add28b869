// arcanum: the desktop app. `arcanum [VAULT]` opens the unlock screen of VAULT (or of the most
// recent vault), focused on the password field.
#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ArcanumApplication.h"
#include "autofill/BrowserIntegration.h"
#include "hardening/ProcessHardening.h"
#include "lock/DBusLockSignalSource.h"
#include "settings/Settings.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>

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
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("vault"),
                                 QApplication::translate("main", "The vault to unlock."),
                                 QStringLiteral("[VAULT]"));
    parser.process(app);

    Settings settings;
    DBusLockSignalSource lockSource;
    MainWindow window(&settings, &lockSource);
    // The browser extension's connection (docs/AUTOFILL.md). Until the association and site
    // dialogs exist it has no prompter, so it refuses to associate anything.
    BrowserIntegration browser(window.session());
    if (!browser.start())
        qWarning("Browser integration is off: %s", qPrintable(browser.errorString()));
    if (!parser.positionalArguments().isEmpty())
        window.openVault(QFileInfo(parser.positionalArguments().first()).absoluteFilePath());
    window.show();
    const int status = app.exec();
    AccessibleTextPool::instance().wipeAll();
    return status;
}
