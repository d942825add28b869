// LockController: decides WHEN the vault should be locked (DESIGN.md §7); never locks itself.
//
// It emits lockRequested(reason) and the owner (the main window) does the locking: wipe and
// unmap the arena, clear our clipboard content, drop entry handles, then call lockFinished().
// Triggers: lockNow() on demand, idle timeout (key/mouse input to any of our windows, seen
// through an application event filter), screen lock and before-sleep (from a LockSignalSource).
// Rules:
//   - it asks only while unlocked (setUnlocked(true) .. lockFinished()/setUnlocked(false));
//   - it holds logind's sleep delay inhibitor only while unlocked with the before-sleep trigger
//     on; on PrepareForSleep(true) it asks to lock and lets the inhibitor go only when the owner
//     calls lockFinished(), so the lock completes before the machine sleeps; after resume it
//     takes the inhibitor again if still unlocked;
//   - idle and screen-lock requests are folded while one is outstanding; lockNow() and
//     BeforeSleep always emit.
// See ui/lock/README.md.
#pragma once

#include "lock/LockReason.h"
#include "lock/LockTriggers.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace arcanum {

class LockSignalSource;

class LockController : public QObject
{
    Q_OBJECT

public:
    // `source` may be null (no desktop events: on demand and idle only). Not owned.
    explicit LockController(LockSignalSource* source, QObject* parent = nullptr);
    ~LockController() override;

    void setTriggers(const LockTriggers& triggers);
    [[nodiscard]] const LockTriggers& triggers() const { return m_triggers; }

    // The vault was unlocked (true) or locked (false).
    void setUnlocked(bool unlocked);
    [[nodiscard]] bool isUnlocked() const { return m_unlocked; }
    // A request was emitted and lockFinished() has not come yet.
    [[nodiscard]] bool isLockRequested() const { return m_requested; }

public slots:
    void lockNow();
    // The owner finished locking (for any reason): same as setUnlocked(false); releases the
    // sleep inhibitor, which lets a pending suspend go ahead.
    void lockFinished();
    // Counts as user input for the idle timeout (the event filter calls it too).
    void noteUserActivity();

signals:
    void lockRequested(arcanum::LockReason reason);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void request(LockReason reason);
    void updateIdleWatch();
    void updateInhibitor();
    void onIdleTimer();
    void onScreenLocked();
    void onPrepareForSleep(bool start);

    QPointer<LockSignalSource> m_source;
    LockTriggers m_triggers;
    QTimer m_idleTimer;
    QElapsedTimer m_sinceActivity;
    bool m_watchingInput = false;
    bool m_unlocked = false;
    bool m_requested = false;
    bool m_sleeping = false;
};

} // namespace arcanum
