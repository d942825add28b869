// LockTriggers: which automatic reasons to lock are switched on (the settings, as one value).
#pragma once

#include <chrono>

namespace arcanum {

struct LockTriggers
{
    // Lock after this long without keyboard or mouse input in our windows; zero = never.
    std::chrono::milliseconds idleTimeout = std::chrono::minutes(5);
    // Lock when the screen locker comes on or logind locks our session.
    bool onScreenLock = true;
    // Lock before suspend/hibernate, holding a logind delay inhibitor while unlocked.
    bool beforeSleep = true;
};

} // namespace arcanum
