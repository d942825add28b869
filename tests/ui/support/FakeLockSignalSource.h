// FakeLockSignalSource: a LockSignalSource whose desktop signals tests emit by hand, and which
// records what its controller asked of it (sleep inhibitor). Header-only.
#pragma once

#include "lock/LockSignalSource.h"

namespace arcanum::test {

// Emits the source's signals on demand; records what the controller asked of it.
class FakeLockSignalSource final : public LockSignalSource
{
public:
    void acquireSleepInhibitor() override
    {
        ++acquires;
        held = true;
    }
    void releaseSleepInhibitor() override
    {
        if (held)
            ++releases;
        held = false;
    }
    [[nodiscard]] bool holdsSleepInhibitor() const override { return held; }

    void lockScreen() { emit screenLocked(); }
    void sleep(bool start) { emit prepareForSleep(start); }

    bool held = false;
    int acquires = 0;
    int releases = 0;
};

} // namespace arcanum::test
