#include "secret/SecretCaret.h"

#include <QGuiApplication>
#include <QStyleHints>
#include <QTimerEvent>

namespace arcanum {

void SecretCaret::start(QObject* receiver)
{
    m_visible = true;
    const int flashTime = QGuiApplication::styleHints()->cursorFlashTime();
    if (flashTime >= 2)
        m_timer.start(flashTime / 2, receiver);
    else
        m_timer.stop();
}

void SecretCaret::stop()
{
    m_timer.stop();
    m_visible = false;
}

void SecretCaret::restart(QObject* receiver)
{
    if (m_visible || m_timer.isActive())
        start(receiver);
}

bool SecretCaret::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_timer.timerId())
        return false;
    m_visible = !m_visible;
    return true;
}

} // namespace arcanum
