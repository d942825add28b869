// LockSignalSource: where the desktop's lock-worthy events come from, for the LockController.
//
// The real one is DBusLockSignalSource (screen savers on the session bus, logind on the system
// bus); tests drive the controller with a fake that emits these signals by hand. A source only
// reports events and manages the sleep inhibitor when told to; it decides nothing.
#pragma once

#include <QObject>

namespace arcanum {

class LockSignalSource : public QObject
{
    Q_OBJECT

public:
    explicit LockSignalSource(QObject* parent = nullptr);
    ~LockSignalSource() override;

    // Asks for a logind "delay" inhibitor on sleep. Idempotent; may complete later, reported
    // by sleepInhibitorChanged(true). A failure leaves holdsSleepInhibitor() false.
    virtual void acquireSleepInhibitor() = 0;
    // Closes the inhibitor now (and abandons a request still in flight), so sleep may proceed.
    virtual void releaseSleepInhibitor() = 0;
    [[nodiscard]] virtual bool holdsSleepInhibitor() const = 0;

signals:
    // A screen locker became active, or logind asked our session to lock.
    void screenLocked();
    // logind's PrepareForSleep: true just before suspend/hibernate, false after resume.
    void prepareForSleep(bool start);
    void sleepInhibitorChanged(bool held);
};

} // namespace arcanum
