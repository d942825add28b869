// ClipboardGuard: puts a secret on the clipboard and takes it off again (DESIGN.md §6, §7).
//
// copy() copies the bytes into a SecretBuffer of its own in the arena (so the entry can change
// or go away meanwhile) and puts a SecretMimeData pointing at it on the clipboard. The clipboard
// owns that QMimeData (Qt deletes it when replaced; Qt 6.4's Wayland plugin never deletes it),
// so the guard only watches it through a QPointer. The guard clears the clipboard after the
// timeout, on clearNow() and on destruction, but only while the clipboard still holds OUR
// object: whatever the user copied since is left alone. Whenever our content leaves the
// clipboard, however that happens, the mime data forgets its span and the buffer is wiped.
//
// Clearing does not drop ownership: it puts SecretMimeData::emptyOffer() on the clipboard (the
// same formats and hint, zero bytes), because a compositor (weston, mutter) or an X11 clipboard
// manager that saved our content at once would offer its saved copy again when we merely let go.
// That empty selection stays behind when Arcanum quits (on the application's aboutToQuit the guard
// clears and, on Wayland, lets the event loop send the request before the connection closes). On
// X11 an XcbSelectionScrubber also
// overwrites what libxcb keeps of a served paste and refuses the Latin-1 targets.
//
// Rule for the owner: call clearNow() before releasing the arena (lock) and before the
// QGuiApplication goes away (quit; on X11 Qt would otherwise hand the content to a clipboard
// manager at exit).
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"
#include "secret/SecretSpan.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>

class QClipboard;

namespace arcanum {

class SecretArena;
class SecretMimeData;
class XcbSelectionScrubber;

class ClipboardGuard : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds defaultClearAfter = std::chrono::seconds(10);

    // `clipboard` defaults to QGuiApplication::clipboard().
    explicit ClipboardGuard(QObject* parent = nullptr);
    ClipboardGuard(QClipboard* clipboard, QObject* parent);
    ~ClipboardGuard() override;

    void setClearAfter(std::chrono::milliseconds delay);
    [[nodiscard]] std::chrono::milliseconds clearAfter() const { return m_clearAfter; }

    // Copies `secret` into `arena` and onto the clipboard, replacing what we put there before.
    // Fails (nothing changes) when the secret is empty or the arena is full.
    [[nodiscard]] Result<void> copy(SecretArena& arena, SecretSpan secret);

    // Our content is on the clipboard right now.
    [[nodiscard]] bool isActive() const;
    // The clipboard holds the empty offer a clear left there.
    [[nodiscard]] bool holdsEmptyOffer() const;
    // Milliseconds until the automatic clear, or -1 when inactive (for a countdown display).
    [[nodiscard]] int remainingMs() const;

public slots:
    // Removes our content if the clipboard still holds it, and wipes our copy either way.
    void clearNow();

signals:
    // We removed our content from the clipboard (timeout, clearNow()).
    void cleared();
    // Our content left the clipboard without us: the user or another app copied something.
    void replaced();

private:
    void onClipboardChanged();
    void onTimeout();
    void onAboutToQuit();
    void dropSecret();
    [[nodiscard]] static bool onWayland();

    QPointer<QClipboard> m_clipboard;
    std::chrono::milliseconds m_clearAfter = defaultClearAfter;
    QTimer m_timer;
    QPointer<SecretMimeData> m_mimeData;
    QPointer<SecretMimeData> m_emptyOffer;
    SecretBuffer m_buffer;
    XcbSelectionScrubber* m_scrubber = nullptr; // X11 only, a child of this guard
    bool m_clearing = false;
};

} // namespace arcanum
