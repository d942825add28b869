#!/usr/bin/env bash
# Starts the real arcanum under Xvfb on the demo vault and saves screenshots of the unlock screen
# and the main window into docs/screenshots/ (the README shows them).
#
#   bash packaging/screenshots.sh [BUILD_DIR]      (after `quickstart.sh demo` or a build)
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
out=docs/screenshots

needed=(xvfb xdotool imagemagick dbus-daemon)
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi

[ -x "$build_dir/app/arcanum" ] || { echo "Build first: bash packaging/quickstart.sh demo" >&2; exit 1; }
if [ ! -f "$build_dir/demo/demo.arcanum" ]; then
  DISPLAY= WAYLAND_DISPLAY= bash packaging/demo.sh "$build_dir" >/dev/null
fi

display=:$((90 + RANDOM % 9))
home=$(mktemp -d)
Xvfb "$display" -screen 0 1200x760x24 >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
sleep 1

export DISPLAY=$display HOME=$home XDG_CONFIG_HOME=$home/.config
dbus-run-session -- "$build_dir/app/arcanum" "$build_dir/demo/demo.arcanum" >/dev/null 2>&1 &
app=$!

window=""
for _ in $(seq 50); do
  window=$(xdotool search --onlyvisible --name "Arcanum" 2>/dev/null | tail -1) && [ -n "$window" ] && break
  sleep 0.2
done
[ -n "$window" ] || { echo "arcanum did not open a window" >&2; exit 1; }
sleep 1
mkdir -p "$out"
# No window manager under Xvfb: give the window the keyboard focus by hand.
xdotool windowfocus --sync "$window"
import -window root -crop 1120x700+0+0 "$out/unlock.png"

xdotool type --delay 20 "arcanum-demo"
xdotool key Return
sleep 3
xdotool windowfocus --sync "$window"
xdotool key ctrl+f
xdotool type --delay 30 "mail"
xdotool key Down
sleep 0.5
import -window root -crop 1120x700+0+0 "$out/main-window.png"
echo "Saved $out/unlock.png and $out/main-window.png"
