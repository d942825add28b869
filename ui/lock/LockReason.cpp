#include "lock/LockReason.h"

#include <QCoreApplication>

namespace arcanum {

QString lockReasonText(LockReason reason)
{
    switch (reason) {
    case LockReason::OnDemand:
        return QCoreApplication::translate("LockReason", "Locked.");
    case LockReason::IdleTimeout:
        return QCoreApplication::translate("LockReason", "Locked after a period of inactivity.");
    case LockReason::ScreenLocked:
        return QCoreApplication::translate("LockReason", "Locked because the screen was locked.");
    case LockReason::BeforeSleep:
        return QCoreApplication::translate("LockReason",
                                           "Locked because the computer went to sleep.");
    }
    return {};
}

} // namespace arcanum
