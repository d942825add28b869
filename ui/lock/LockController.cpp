#include "lock/LockController.h"

#include "lock/LockSignalSource.h"

#include <QCoreApplication>
#include <QEvent>
#include <algorithm>

namespace arcanum {

namespace {

bool isUserInput(QEvent::Type type)
{
    switch (type) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
    case QEvent::TabletMove:
        return true;
    default:
        return false;
    }
}

} // namespace

LockController::LockController(LockSignalSource* source, QObject* parent)
    : QObject(parent), m_source(source)
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &LockController::onIdleTimer);
    if (m_source) {
        connect(m_source, &LockSignalSource::screenLocked, this, &LockController::onScreenLocked);
        connect(m_source, &LockSignalSource::prepareForSleep, this,
                &LockController::onPrepareForSleep);
    }
}

LockController::~LockController()
{
    if (m_watchingInput && QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
    if (m_source)
        m_source->releaseSleepInhibitor();
}

void LockController::setTriggers(const LockTriggers& triggers)
{
    m_triggers = triggers;
    m_triggers.idleTimeout = std::max(m_triggers.idleTimeout, std::chrono::milliseconds(0));
    updateIdleWatch();
    updateInhibitor();
}

void LockController::setUnlocked(bool unlocked)
{
    m_unlocked = unlocked;
    m_requested = false;
    m_sinceActivity.start();
    updateIdleWatch();
    updateInhibitor();
}

void LockController::lockNow()
{
    if (m_unlocked)
        request(LockReason::OnDemand);
}

void LockController::lockFinished()
{
    setUnlocked(false);
}

void LockController::noteUserActivity()
{
    m_sinceActivity.start();
}

bool LockController::eventFilter(QObject* watched, QEvent* event)
{
    if (isUserInput(event->type()))
        noteUserActivity();
    return QObject::eventFilter(watched, event);
}

void LockController::request(LockReason reason)
{
    const bool folds = reason == LockReason::IdleTimeout || reason == LockReason::ScreenLocked;
    if (folds && m_requested)
        return;
    m_requested = true;
    emit lockRequested(reason);
}

void LockController::updateIdleWatch()
{
    const bool watch = m_unlocked && m_triggers.idleTimeout.count() > 0;
    if (watch != m_watchingInput && QCoreApplication::instance()) {
        if (watch)
            QCoreApplication::instance()->installEventFilter(this);
        else
            QCoreApplication::instance()->removeEventFilter(this);
        m_watchingInput = watch;
    }
    if (watch)
        m_idleTimer.start(m_triggers.idleTimeout); // re-armed in onIdleTimer if input came
    else
        m_idleTimer.stop();
}

void LockController::onIdleTimer()
{
    if (!m_unlocked || m_triggers.idleTimeout.count() <= 0)
        return;
    // Input only stamps m_sinceActivity (cheap on every mouse move); the timer re-arms for
    // whatever is left of the timeout.
    const auto idle = std::chrono::milliseconds(m_sinceActivity.elapsed());
    if (idle < m_triggers.idleTimeout) {
        m_idleTimer.start(m_triggers.idleTimeout - idle);
        return;
    }
    request(LockReason::IdleTimeout);
}

void LockController::onScreenLocked()
{
    if (m_unlocked && m_triggers.onScreenLock)
        request(LockReason::ScreenLocked);
}

void LockController::onPrepareForSleep(bool start)
{
    m_sleeping = start;
    if (start) {
        // The inhibitor stays until lockFinished(): logind waits for it (up to its
        // InhibitDelayMaxSec), so the arena is wiped before the machine sleeps.
        if (m_unlocked && m_triggers.beforeSleep)
            request(LockReason::BeforeSleep);
        return;
    }
    updateInhibitor(); // resumed: take it again if we are still unlocked
}

void LockController::updateInhibitor()
{
    if (!m_source)
        return;
    if (!(m_unlocked && m_triggers.beforeSleep))
        m_source->releaseSleepInhibitor();
    else if (!m_sleeping)
        m_source->acquireSleepInhibitor();
}

} // namespace arcanum
