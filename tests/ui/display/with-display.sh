#!/usr/bin/env bash
# Runs one command inside a private display server, for the tests that need a real one.
#
#   with-display.sh x11     CMD...   Xvfb; QT_QPA_PLATFORM=xcb, DISPLAY set
#   with-display.sh wayland CMD...   Xvfb, then weston's X11 backend with the kiosk shell inside it
#                                    (headless weston has no seat); QT_QPA_PLATFORM=wayland,
#                                    WAYLAND_DISPLAY set, DISPLAY unset for CMD
#   with-display.sh atspi   CMD...   Xvfb and a private D-Bus session bus, on which the AT-SPI bus
#                                    launcher and registry are started on demand (what a desktop
#                                    with a screen reader has); QT_QPA_PLATFORM=xcb
#
# Every run has its own XDG_RUNTIME_DIR and HOME, Xvfb picks a free display (-displayfd), and
# everything started here is stopped when CMD ends. Exit status: CMD's, or 1 when a server did
# not come up.
set -euo pipefail

mode=$1
shift

runtime=$(mktemp -d /tmp/arcanum-display.XXXXXX)
chmod 700 "$runtime"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$runtime"
}
trap cleanup EXIT

export XDG_RUNTIME_DIR=$runtime
export HOME=$runtime/home
mkdir -p "$HOME"
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS

wait_for() { # wait_for SECONDS TEST...
  local tries=$(($1 * 20))
  shift
  while ! "$@"; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.05
  done
}

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$runtime/display" 2>"$runtime/xvfb.log" &
pids+=($!)
if ! wait_for 20 test -s "$runtime/display"; then
  echo "with-display.sh: Xvfb did not start" >&2
  cat "$runtime/xvfb.log" >&2
  exit 1
fi
export DISPLAY=":$(head -n1 "$runtime/display")"

case "$mode" in
  x11)
    export QT_QPA_PLATFORM=xcb
    "$@"
    ;;
  wayland)
    weston --backend=x11-backend.so --shell=kiosk-shell.so --socket=wayland-arcanum \
      --idle-time=0 --width=1024 --height=768 >"$runtime/weston.log" 2>&1 &
    pids+=($!)
    if ! wait_for 20 test -S "$runtime/wayland-arcanum"; then
      echo "with-display.sh: weston did not start" >&2
      cat "$runtime/weston.log" >&2
      exit 1
    fi
    export WAYLAND_DISPLAY=wayland-arcanum QT_QPA_PLATFORM=wayland
    env -u DISPLAY "$@"
    ;;
  atspi)
    export QT_QPA_PLATFORM=xcb
    dbus-run-session -- "$@"
    ;;
  *)
    echo "usage: with-display.sh x11|wayland|atspi CMD..." >&2
    exit 2
    ;;
esac
