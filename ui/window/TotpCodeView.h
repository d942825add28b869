// TotpCodeView: the current TOTP code of the shown entry, drawn from the arena, with a countdown.
//
// showSetting() parses the entry's TOTP field (an otpauth:// URI or a bare Base32 secret;
// core/totp) into parameters whose key stays in the vault's arena, computes the code for the
// clock's time into an arena buffer and hands it to a SecretLabel (its own arena copy; never a
// QString). A countdown bar shows the seconds left; a single-shot timer fires at each whole
// second of the clock, updates the countdown and computes the next code when the period turns
// over. The timer runs only while a usable setting is shown: releaseSecrets() (another entry,
// none, lock) stops it and wipes the key and the code. A setting that cannot be used shows why
// (the message names the parameter, never its value) and no timer.
//
// The code is drawn unmasked; a screen reader is given it only while the entry's protected
// fields are revealed (setRevealed, the same Show / Ctrl+H as passwords).
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"
#include "totp/TotpParameters.h"
#include "window/WallClock.h"

#include <QTimer>
#include <QWidget>
#include <cstdint>
#include <optional>

class QLabel;
class QProgressBar;

namespace arcanum {

class SecretArena;
class SecretLabel;

class TotpCodeView : public QWidget
{
    Q_OBJECT

public:
    explicit TotpCodeView(QWidget* parent = nullptr);
    ~TotpCodeView() override;

    void setClock(WallClock clock);
    [[nodiscard]] const WallClock& clock() const { return m_clock; }

    // Parses `setting` (in `arena`) and shows its current code; on failure shows why and keeps
    // nothing. Either way the earlier setting is wiped first.
    Result<void> showSetting(SecretArena& arena, SecretSpan setting);
    // Stops the timer, wipes the key and the code.
    void releaseSecrets();

    // Gives a screen reader the code (while screen-reader access is on) or withholds it.
    void setRevealed(bool revealed);

    // The code for the clock's time now, digits only (no grouping space), in `arena`.
    [[nodiscard]] Result<SecretBuffer> currentCode(SecretArena& arena) const;
    // The code for `setting` at `unixSeconds`, in `arena` (what Ctrl+T copies).
    [[nodiscard]] static Result<SecretBuffer> codeFor(SecretArena& arena, SecretSpan setting,
                                                      std::uint64_t unixSeconds);

    [[nodiscard]] bool hasCode() const { return m_parameters.has_value(); }
    [[nodiscard]] bool isTicking() const { return m_timer.isActive(); }
    [[nodiscard]] int secondsRemaining() const { return m_secondsRemaining; }
    // For tests: the widgets.
    [[nodiscard]] SecretLabel* codeLabel() const { return m_code; }
    [[nodiscard]] QProgressBar* countdown() const { return m_countdown; }
    [[nodiscard]] QLabel* errorLabel() const { return m_error; }

public slots:
    // Re-reads the clock: new code when the period turned over, countdown, next tick.
    void refresh();

private:
    [[nodiscard]] std::uint64_t unixSeconds() const;
    [[nodiscard]] Result<void> showCode(std::uint64_t step);
    void scheduleNextTick();

    WallClock m_clock = systemWallClock();
    SecretArena* m_arena = nullptr;
    std::optional<TotpParameters> m_parameters;
    std::uint64_t m_step = 0; // unix time / period of the code shown
    int m_secondsRemaining = 0;
    SecretLabel* m_code = nullptr;
    QProgressBar* m_countdown = nullptr;
    QLabel* m_error = nullptr;
    QTimer m_timer;
};

} // namespace arcanum
