#!/usr/bin/python3
"""Arcanum with a screen reader's eyes: the real app on a real AT-SPI bus and registry.

Run inside `with-display.sh atspi` (Xvfb + a private session bus, on which the AT-SPI bus
launcher and registry start on demand). Uses libatspi through GObject introspection (what
pyatspi and Orca use). Two sessions of the real `arcanum` on a vault made with `arcanum-cli`:

  on   screen-reader access on: the rows' titles and user names, the selected entry's fields
       and the editor's fields are readable; the password only while revealed; the search box
       reads back and its keys reach keystroke listeners; keys of the master password do not.
  off  no choice made yet: the app asks once (answered by keyboard, "Keep entries private");
       then no field text anywhere in the tree, and still no master-password keys.

Both sessions also check that no accessible event carries the master password or a password
(and, with access off, no field text at all). The first also walks every dialog of an unlocked
vault by keyboard alone: its shortcut or menu mnemonics open it, Tab reaches every enabled
control, every control has a name, Enter has a default button, Escape closes it. Prints "N passed, N failed"; exit status 1 on any failure.
"""
import os
import random
import string
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

ARCANUM, CLI = sys.argv[1], sys.argv[2]
passed = []
failed = []


def check(condition, what):
    (passed if condition else failed).append(what)
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    return condition


def canary(n=20):
    return "".join(random.choice(string.ascii_letters) for _ in range(n))


def pump(seconds):
    """Lets libatspi deliver events (and answer the registry) for `seconds`."""
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while context.pending():
            context.iteration(False)
        time.sleep(0.01)


def run_pumping(args):
    """Runs a command while pumping events (keystroke listeners must answer during typing)."""
    process = subprocess.Popen(args)
    while process.poll() is None:
        pump(0.05)
    pump(0.3)
    return process.returncode


def xdo(*args):
    return run_pumping(["xdotool", *args])


# --- events and keystrokes --------------------------------------------------------------------
events = []
keys = []


last_focus = [None]


def on_event(event):
    if event.type.startswith("object:state-changed:focused") and event.detail1 == 1:
        last_focus[0] = event.source
    data = event.any_data
    try:
        source = event.source.get_name() if event.source else ""
    except GLib.Error:
        source = ""
    events.append((event.type, source, str(data) if data is not None else ""))


def on_key(event):
    keys.append((event.event_string or "", event.id, event.hw_code))
    return False  # not consumed: the app gets the key


event_listener = Atspi.EventListener.new(on_event)
key_listener = Atspi.DeviceListener.new(on_key)


def listen():
    for kind in ("object:", "focus:", "window:"):
        event_listener.register(kind)
    mask = Atspi.KeyListenerSyncType.NOSYNC
    for modifiers in range(0, 16):
        Atspi.register_keystroke_listener(
            key_listener, None, modifiers,
            (1 << Atspi.EventType.KEY_PRESSED_EVENT) | (1 << Atspi.EventType.KEY_RELEASED_EVENT),
            mask)


# --- the tree ---------------------------------------------------------------------------------
def find_app(timeout=20):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app and app.get_name() in ("Arcanum", "arcanum"):
                return app
        pump(0.2)
    return None


def walk(node, depth=0, limit=4000):
    out = []
    stack = [node]
    while stack and len(out) < limit:
        n = stack.pop()
        if n is None:
            continue
        out.append(n)
        try:
            count = n.get_child_count()
        except GLib.Error:
            continue
        for i in reversed(range(min(count, 400))):
            try:
                stack.append(n.get_child_at_index(i))
            except GLib.Error:
                pass
    return out


def role(n):
    try:
        return n.get_role_name()
    except GLib.Error:
        return ""


def name(n):
    try:
        return n.get_name() or ""
    except GLib.Error:
        return ""


def text_of(n):
    try:
        t = n.get_text_iface()
    except GLib.Error:
        return None
    if t is None:
        return None
    try:
        return t.get_text(0, t.get_character_count())
    except GLib.Error:
        return None


def states(n):
    try:
        return n.get_state_set()
    except GLib.Error:
        return None


def showing(n):
    s = states(n)
    return bool(s and s.contains(Atspi.StateType.SHOWING))


def everything_said(app):
    """Every name, description and text in the app's tree (what a screen reader could read)."""
    said = []
    for n in walk(app):
        said.append(name(n))
        try:
            said.append(n.get_description() or "")
        except GLib.Error:
            pass
        t = text_of(n)
        if t:
            said.append(t)
    return "\n".join(said)


def find(app, predicate, timeout=5):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for n in walk(app):
            if predicate(n):
                return n
        pump(0.2)
    return None


def labelled(app, label, roles=("static", "label", "text", "entry", "password text")):
    return find(app, lambda n: name(n) == label and role(n) in roles and showing(n))


def windows(app):
    out = []
    for i in range(app.get_child_count()):
        w = app.get_child_at_index(i)
        if w and showing(w):
            out.append(w)
    return out


def wait_for_window(app, title_part, timeout=8):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for w in windows(app):
            if title_part in name(w):
                return w
        pump(0.2)
    return None


def dump(app, limit=120):
    for n in walk(app)[:limit]:
        print(f"    {role(n)!r:20} {name(n)!r}", flush=True)


def focused():
    """What the last focus event named (what a screen reader announces). The FOCUSED state
    alone is ambiguous: Qt also reports it on a button box around the focused button and on a
    tab bar's current tab."""
    return last_focus[0]


def press(chord):
    """Presses a chord as a person does: modifiers first and held a moment. (While any AT-SPI
    listener exists, Qt 6.4's bridge holds every key event until the registry answers and then
    re-sends it; an Alt press re-sent after the V that opened its menu closes that menu again.
    xdotool's instant chord loses that race, a person's finger does not.)"""
    *modifiers, key = chord.split("+")
    for m in modifiers:
        xdo("keydown", m)
        pump(0.2)
    xdo("key", key)
    for m in reversed(modifiers):
        xdo("keyup", m)
    pump(0.5)


def focus_main(app):
    """No window manager: give the main window the keyboard (back) and wait until Qt has made it
    the active window, which menus and shortcuts need."""
    xdo("search", "--sync", "--name", "— Arcanum", "windowfocus", "--sync")
    end = time.monotonic() + 5
    while time.monotonic() < end:
        main = [w for w in windows(app) if "— Arcanum" in name(w)]
        if main and states(main[0]).contains(Atspi.StateType.ACTIVE):
            break
        pump(0.1)
    pump(0.3)


# --- keyboard checks of a dialog --------------------------------------------------------------
# (Tab reaches a tab bar as a whole, "page tab list"; its tabs are chosen with arrows.)
CONTROL_ROLES = ("push button", "text", "password text", "check box", "spin button", "combo box",
                 "radio button", "entry", "slider", "list", "tree", "table", "page tab list")


def check_dialog(app, open_keys, title_part, default_button=True):
    """Opens a dialog with `open_keys` (shortcut or menu mnemonics), then: Tab reaches every
    enabled control, every control has a name, a default button exists (or, with
    default_button=False, deliberately none), Escape closes it."""
    focus_main(app)
    for k in open_keys:
        press(k)
    dialog = wait_for_window(app, title_part)
    if not check(dialog is not None, f"'{title_part}' opens from the keyboard ({' '.join(open_keys)})"):
        print("    windows:", [name(w) for w in windows(app)], "focus:", focused() and name(focused()))
        return
    xdo("search", "--sync", "--name", title_part, "windowfocus", "--sync")
    controls = [n for n in walk(dialog)
                if showing(n) and role(n) in CONTROL_ROLES
                and states(n).contains(Atspi.StateType.FOCUSABLE)
                and states(n).contains(Atspi.StateType.ENABLED)]
    wanted = {(role(n), name(n)) for n in controls}
    reached = set()
    for _ in range(len(controls) + 6):
        f = focused()
        if f is not None:
            reached.add((role(f), name(f)))
        xdo("key", "Tab")
    missing = wanted - reached
    check(not missing, f"'{title_part}': Tab reaches every control"
          + (f" (missing {sorted(missing)})" if missing else ""))
    unnamed = sorted({role(n) for n in controls if not name(n)})
    check(not unnamed, f"'{title_part}': every control has a name"
          + (f" (unnamed: {unnamed})" if unnamed else ""))
    buttons = [n for n in walk(dialog) if role(n) == "push button" and showing(n)]
    has_default = any(states(b).contains(Atspi.StateType.IS_DEFAULT) for b in buttons)
    check(has_default == default_button,
          f"'{title_part}': " + ("Enter has a default button" if default_button
                                 else "Enter triggers no button, by design"))
    xdo("key", "Escape")
    end = time.monotonic() + 5
    while time.monotonic() < end and any(title_part in name(w) for w in windows(app)):
        pump(0.2)
    check(not any(title_part in name(w) for w in windows(app)), f"'{title_part}': Escape closes it")


# --- one session ------------------------------------------------------------------------------
def make_vault(folder, master, entries):
    path = os.path.join(folder, "a11y.arcanum")
    def cli(*args, stdin=""):
        r = subprocess.run([CLI, *args], input=stdin.encode(), capture_output=True)
        if r.returncode != 0:
            sys.exit(f"arcanum-cli {args[0]} failed: {r.stderr.decode()}")
        return r
    cli("init", path, "--kdf-memory", "8", "--kdf-iterations", "1", "--kdf-lanes", "1",
        "--password-fd", "0", stdin=master + "\n")
    for e in entries:
        r, w = os.pipe()
        os.write(w, (master + "\n").encode())
        os.close(w)
        r2, w2 = os.pipe()
        os.write(w2, (e["password"] + "\n").encode())
        os.close(w2)
        subprocess.run([CLI, "add", path, "--title", e["title"], "--username", e["username"],
                        "--url", "https://" + e["url"] + ".example", "--notes", e["notes"],
                        "--password-fd", str(r), "--entry-password-fd", str(r2)],
                       pass_fds=(r, r2), check=True, capture_output=True)
        os.close(r)
        os.close(r2)
    # One earlier version, so the entry history dialog has something to show.
    first = sorted(entries, key=lambda e: e["title"].lower())[0]
    r, w = os.pipe()
    os.write(w, (master + "\n").encode())
    os.close(w)
    subprocess.run([CLI, "edit", path, first["title"], "--tag", "edited", "--password-fd", str(r)],
                   pass_fds=(r,), check=True, capture_output=True)
    os.close(r)
    return path


def write_settings(home, access):
    folder = os.path.join(home, ".config", "Arcanum")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "Arcanum.conf"), "w") as f:
        f.write("[lock]\nidleMinutes=0\n")
        if access is not None:
            f.write(f"[accessibility]\nscreenReaderAccess={'true' if access else 'false'}\n")


def session(mode):
    print(f"--- session: screen-reader access {mode}", flush=True)
    del events[:]
    del keys[:]
    folder = tempfile.mkdtemp()
    master = canary(22)
    entries = [dict(title="T" + canary(12), username="u" + canary(12), password="P" + canary(18),
                    url="w" + canary(8).lower(), notes="n" + canary(14)) for _ in range(3)]
    vault = make_vault(folder, master, entries)
    write_settings(os.environ["HOME"], True if mode == "on" else None)

    app_process = subprocess.Popen([ARCANUM, vault], stderr=subprocess.DEVNULL)
    try:
        app = find_app()
        if not check(app is not None, f"[{mode}] arcanum appears on the accessibility bus"):
            return
        if mode == "off":
            # No choice made yet: the app asks once, in an accessible dialog.
            dialog = wait_for_window(app, "Screen reader", timeout=10)
            if check(dialog is not None, "[off] the app asks whether a screen reader may read entries"):
                said = everything_said(dialog)
                check("accessibility bus" in said and "Passwords" in said,
                      "[off] the question says what leaves secret memory and where")
                xdo("search", "--sync", "--name", "Screen reader", "windowfocus", "--sync")
                xdo("key", "alt+k")  # "&Keep entries private"
                end = time.monotonic() + 5
                while time.monotonic() < end and any("Screen reader" in name(w) for w in windows(app)):
                    pump(0.2)
                check(not any("Screen reader" in name(w) for w in windows(app)),
                      "[off] Alt+K answers 'keep entries private'")
        main = wait_for_window(app, "Arcanum")
        if mode == "on":
            check_dialog(app, ["alt+c"], "New Vault")  # from the unlock screen
        xdo("search", "--sync", "--name", "— Arcanum", "windowfocus", "--sync")
        pump(0.5)

        # Keystrokes of the master password never reach a keystroke listener.
        del keys[:]
        xdo("type", "--delay", "40", master)
        typed = list(keys)
        check(typed == [] or all(len(s) != 1 and i not in {ord(c) for c in master} for s, i, _ in typed),
              f"[{mode}] a keystroke listener got none of the master password's {len(master)} keys"
              f" (got {len(typed)} events)")
        xdo("key", "Return")
        table = find(app, lambda n: role(n) in ("table", "tree table", "tree") and name(n) == "Entries", timeout=20)
        if not check(table is not None, f"[{mode}] unlocked: the entry list is in the tree"):
            dump(app)
            return
        pump(1.0)

        # Every dialog of the unlocked vault, by keyboard alone.
        if mode == "on":
            check_dialog(app, ["ctrl+e"], "Edit Entry")
            check_dialog(app, ["ctrl+n"], "New Entry")
            check_dialog(app, ["ctrl+g"], "Password Generator")
            # Enter in the list of versions must not restore one (EntryHistoryDialog).
            check_dialog(app, ["ctrl+shift+h"], "Entry History", default_button=False)
            check_dialog(app, ["ctrl+shift+n"], "Group")
            check_dialog(app, ["alt+v", "s"], "Settings")
            check_dialog(app, ["alt+v", "m"], "Change Master Password")
        focus_main(app)

        cells = " ".join(name(n) for n in walk(table) if role(n) in ("table cell", "tree item"))
        said = everything_said(app)
        if mode == "on":
            check(all(e["title"] in cells and e["username"] in cells for e in entries),
                  "[on] the rows read their titles and user names")
            # The first row is selected; its fields read in the detail pane.
            first = sorted(entries, key=lambda e: e["title"].lower())[0]
            user = labelled(app, "User name", roles=("static", "label"))
            check(user is not None and text_of(user) == first["username"],
                  "[on] the detail pane reads the selected entry's user name")
            title = labelled(app, "Title", roles=("static", "label"))
            check(title is not None and text_of(title) == first["title"],
                  "[on] the detail pane reads the selected entry's title")
            notes = find(app, lambda n: name(n) == "Notes" and showing(n))
            check(notes is not None and text_of(notes) == first["notes"], "[on] the notes read")
            password = labelled(app, "Password", roles=("static", "label"))
            check(password is not None and not text_of(password) and first["password"] not in said,
                  "[on] the password is not readable before it is revealed")
            xdo("key", "ctrl+h")
            pump(0.5)
            check(password is not None and text_of(password) == first["password"],
                  "[on] the revealed password reads")
            xdo("key", "ctrl+h")
            pump(0.5)
            check(password is not None and not text_of(password),
                  "[on] hidden again, the password no longer reads")
            # The editor's fields read back; its password field only as bullets.
            xdo("key", "ctrl+e")
            editor = wait_for_window(app, "Edit")
            if check(editor is not None, "[on] the entry editor opens"):
                fields = {name(n): text_of(n) for n in walk(editor)
                          if role(n) in ("text", "entry", "password text") and showing(n)}
                check(first["title"] in fields.values() and first["username"] in fields.values(),
                      "[on] the editor's title and user name fields read back")
                check(first["password"] not in "".join(v or "" for v in fields.values()),
                      "[on] the editor's password field reads as bullets, not the password")
                xdo("key", "Escape")
                pump(0.5)
            # Search: keys reach the listener and the text reads back.
            del keys[:]
            xdo("search", "--sync", "--name", "— Arcanum", "windowfocus", "--sync")
            xdo("key", "ctrl+f")
            xdo("type", "--delay", "40", "xq")
            pump(1.0)
            check(any(s == "x" for s, _, _ in keys) and any(s == "q" for s, _, _ in keys),
                  "[on] keys typed into the search box reach keystroke listeners")
            search = find(app, lambda n: name(n) == "Search" and showing(n))
            check(search is not None and text_of(search) == "xq",
                  f"[on] the search box reads back ({search and role(search)!r}: {search and text_of(search)!r})")
            xdo("key", "Escape")
        else:
            leaked = [e[k] for e in entries for k in ("title", "username", "url", "notes", "password")
                      if e[k] in said]
            check(not leaked, f"[off] no field text anywhere in the tree ({len(leaked)} found)")
            check("Entry 1 of 3" in cells, "[off] rows read as 'Entry N of M'")


        pump(0.5)
        secrets = [master] + [e["password"] for e in entries]
        carried = [t for t, s, d in events if any(x in d or x in s for x in secrets)]
        check(not carried, f"[{mode}] no accessible event carries a password ({len(events)} events)")
        if mode == "off":
            fields = [e[k] for e in entries for k in ("title", "username", "url", "notes")]
            carried = [t for t, s, d in events if any(x in d or x in s for x in fields)]
            check(not carried, "[off] no accessible event carries field text")
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()


def main():
    # What a desktop does when a screen reader starts.
    for prop in ("IsEnabled", "ScreenReaderEnabled"):
        subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
                        "org.freedesktop.DBus.Properties.Set", "string:org.a11y.Status",
                        f"string:{prop}", "variant:boolean:true"], check=True, capture_output=True)
    Atspi.init()
    listen()
    pump(0.5)
    for mode in sys.argv[3:] or ["on", "off"]:
        session(mode)
    print(f"{len(passed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
