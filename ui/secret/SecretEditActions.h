// SecretEditActions: the editing rules both secret editors share — keys, typed text, paste and
// the context menu — applied to a SecretEditModel.
//
// Owns nothing. Typed text: QKeyEvent::text() is a heap QString that Qt made before any widget
// saw the key; its code points are encoded straight into the arena and the string's characters
// are then zeroed in place (the event and Qt's copies of it share that one buffer). Paste reads
// the clipboard's bytes (text/plain;charset=utf-8, else text/plain) into the arena and zeroes
// the QByteArray Qt returned when no one else holds it. No undo, no drag, copy and cut only
// when the caller allows them (and then only as a request: the caller decides how to copy).
// Read-only editors keep the moving, selecting and copying keys and ignore every edit (a typed
// character is still zeroed in place, then left to the parent).
#pragma once

#include <QClipboard>
#include <QPoint>

class QKeyEvent;
class QWidget;

namespace arcanum {

class SecretEditModel;

class SecretEditActions
{
public:
    struct Rules
    {
        bool multiLine = false;   // Enter inserts a line break; paste keeps line breaks
        bool wordMoves = true;    // Ctrl+Left/Right move by word (else to the start/end)
        bool copyAllowed = false; // Copy/Cut are offered and reported
        bool readOnly = false;    // typing, deleting, pasting and cutting are ignored
    };

    enum class Outcome
    {
        Ignored, // not an editing key: let it propagate (Enter, Escape, Tab, shortcuts)
        Handled, // cursor or selection moved, or nothing to do
        Edited,  // the text changed
        Copy,    // the caller should copy the selection (only when copyAllowed)
        Cut,     // the caller should copy the selection, then remove it (only when copyAllowed)
    };

    // Applies a key press. Single-line editors get Home/End as start/end of the text; multi-line
    // editors handle line keys (Up/Down, Home/End, Page Up/Down) before calling this.
    static Outcome keyPress(SecretEditModel& model, QKeyEvent& event, const Rules& rules);
    // True for keys keyPress() would act on, so a ShortcutOverride for them can be accepted
    // (an application shortcut must not steal Ctrl+A or a typed character).
    [[nodiscard]] static bool wantsKey(const QKeyEvent& event, const Rules& rules);

    // Replaces the selection with the clipboard's text. A single-line editor keeps only the text
    // before the first line break. Edited when something changed; Ignored when read-only.
    static Outcome paste(SecretEditModel& model, const Rules& rules,
                         QClipboard::Mode mode = QClipboard::Clipboard);

    // Shows Paste / Delete / Select All (and Cut / Copy when allowed; only Copy and Select All
    // when read-only) at `globalPosition` and applies the choice.
    static Outcome contextMenu(QWidget* parent, SecretEditModel& model, const Rules& rules,
                               const QPoint& globalPosition);

    // Zeroes the text of a key release in place (the platform made a second heap QString for
    // it); the event is not otherwise used.
    static void forgetKeyText(QKeyEvent& event);

    // True when `event` carries text an editor should insert (QLineEdit's rule: printable,
    // format characters, private use; not with Ctrl unless AltGr; tabs only in multi-line).
    [[nodiscard]] static bool isTextInput(const QKeyEvent& event, const Rules& rules);
};

} // namespace arcanum
