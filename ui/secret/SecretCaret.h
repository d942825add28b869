// SecretCaret: the blinking text cursor of the secret editors (no text, only a timer and a flag).
//
// Blinks at the platform's cursor flash time and stays steady while the user types; a flash time
// of 0 means a steady cursor.
#pragma once

#include <QBasicTimer>

class QObject;
class QTimerEvent;

namespace arcanum {

class SecretCaret
{
public:
    // Shows the caret and (re)starts blinking, with timer events going to `receiver`.
    void start(QObject* receiver);
    // Hides the caret and stops the timer.
    void stop();
    // Shows the caret now (after typing or moving) and restarts the blink phase.
    void restart(QObject* receiver);
    // Handles the blink timer: true (and the visibility flipped) when `event` was ours.
    bool timerEvent(QTimerEvent* event);

    [[nodiscard]] bool visible() const { return m_visible; }

private:
    QBasicTimer m_timer;
    bool m_visible = false;
};

} // namespace arcanum
