// LockReason: why the LockController asks for the vault to be locked.
#pragma once

#include <QString>

namespace arcanum {

enum class LockReason
{
    OnDemand,     // the user asked (menu, shortcut, tray)
    IdleTimeout,  // no keyboard or mouse input in our windows for the configured time
    ScreenLocked, // the desktop's screen locker came on, or logind locked our session
    BeforeSleep,  // logind is about to suspend or hibernate the machine
};

// A short status-bar sentence, e.g. "Locked because the screen was locked." (translated)
[[nodiscard]] QString lockReasonText(LockReason reason);

} // namespace arcanum
