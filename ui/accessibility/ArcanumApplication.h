// ArcanumApplication: the QApplication of the desktop app. It exists for one reason: notify() is
// the only place that sees an event before the application's event filters, and one of those
// (Qt's AT-SPI bridge) forwards keystrokes to other programs. KeystrokeShield decides which key
// events must not go there; notify() hands those to QCoreApplication::sendEvent(), which
// clears their spontaneous flag (the bridge forwards spontaneous key events only) and delivers
// them as usual.
#pragma once

#include <QApplication>

namespace arcanum {

class ArcanumApplication : public QApplication
{
    Q_OBJECT

public:
    ArcanumApplication(int& argc, char** argv);

    bool notify(QObject* receiver, QEvent* event) override;
};

} // namespace arcanum
