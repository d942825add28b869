#include "accessibility/ArcanumApplication.h"

#include "accessibility/KeystrokeShield.h"

namespace arcanum {

ArcanumApplication::ArcanumApplication(int& argc, char** argv) : QApplication(argc, argv) {}

bool ArcanumApplication::notify(QObject* receiver, QEvent* event)
{
    if (KeystrokeShield::shouldShield(*event))
        return QCoreApplication::sendEvent(receiver, event); // comes back here, not spontaneous
    return QApplication::notify(receiver, event);
}

} // namespace arcanum
