# Helpers for test-sandbox.sh (sourced): private buses, display, users and the sandboxed app.
# Each test calls sandbox_setup DIR first; sandbox_cleanup ends every process it started, by pid.

app_id=${app_id:-org.arcanum.Arcanum}
SANDBOX_PIDS=()

sandbox_setup() {
  SANDBOX_DIR=$1
  rm -rf "$SANDBOX_DIR"
  mkdir -p "$SANDBOX_DIR/home"
  chmod 755 "$SANDBOX_DIR"
  SANDBOX_HOME=$SANDBOX_DIR/home
  SANDBOX_USER=root
  SANDBOX_MEMLOCK=
  export HOME=$SANDBOX_HOME
  runtime_dir_for 0
  unset DBUS_SESSION_BUS_ADDRESS DBUS_SYSTEM_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY XAUTHORITY
  unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME
  export QT_QPA_PLATFORMTHEME= LANG=C.UTF-8
}

# A fresh, empty /run/user/UID (a tmpfs in test-sandbox.sh's private mount namespace).
runtime_dir_for() {
  export XDG_RUNTIME_DIR=/run/user/$1
  mkdir -p "$XDG_RUNTIME_DIR"
  mount -t tmpfs -o "mode=700,uid=$1,gid=$1,size=64m" tmpfs "$XDG_RUNTIME_DIR"
}

sandbox_cleanup() {
  local pid
  for pid in "${SANDBOX_PIDS[@]}"; do
    kill_tree "$pid"
  done
  if mountpoint -q "$XDG_RUNTIME_DIR/doc" 2>/dev/null; then
    fusermount3 -u "$XDG_RUNTIME_DIR/doc" 2>/dev/null || umount -l "$XDG_RUNTIME_DIR/doc" || true
  fi
  umount -l "$XDG_RUNTIME_DIR" 2>/dev/null || true
}

# Every descendant of PID (host pids), deepest last.
descendants() {
  local children child
  children=$(ps -o pid= --ppid "$1" 2>/dev/null || true)
  for child in $children; do
    echo "$child"
    descendants "$child"
  done
}

kill_tree() {
  local pids
  pids="$1 $(descendants "$1")"
  kill $pids 2>/dev/null || true
  sleep 0.5
  kill -9 $pids 2>/dev/null || true
}

# Remember a background process for cleanup.
started() { SANDBOX_PIDS+=("$1"); }

sandbox_drop_to_nobody() {
  SANDBOX_USER=nobody
  # flatpak makes a new installation folder 0700; the unprivileged user runs the same one.
  [ -n "${FLATPAK_USER_DIR:-}" ] && chmod o+rx "$FLATPAK_USER_DIR"
  chown -R 65534:65534 "$SANDBOX_HOME"
  umount -l "$XDG_RUNTIME_DIR"
  runtime_dir_for 65534
}

memlock_limit_for_user() { SANDBOX_MEMLOCK=$1; }

# as_user CMD...: CMD as the test's user (root, or uid 65534 with SANDBOX_MEMLOCK as its limit).
as_user() {
  if [ "$SANDBOX_USER" = nobody ]; then
    local limit=()
    [ -n "$SANDBOX_MEMLOCK" ] && limit=(prlimit "--memlock=$SANDBOX_MEMLOCK:$SANDBOX_MEMLOCK")
    "${limit[@]}" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
      env HOME="$HOME" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" "$@"
  else
    "$@"
  fi
}

# in_sandbox [flatpak run options...] [-- app arguments...]
in_sandbox() {
  local options=() arguments=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    options+=("$1")
    shift
  done
  [ $# -gt 0 ] && shift
  arguments=("$@")
  as_user flatpak run --user "${options[@]}" "$app_id" "${arguments[@]}"
}

in_sandbox_cli() { in_sandbox --command=arcanum-cli -- "$@"; }

# in_sandbox_cli_forwarding COMMAND FILE ARGS...: FILE goes through the document portal.
in_sandbox_cli_forwarding() {
  local command=$1 file=$2
  shift 2
  as_user flatpak run --user --command=arcanum-cli --file-forwarding "$app_id" \
    "$command" @@ "$file" @@ "$@"
}

# --- buses ------------------------------------------------------------------------------------

# start_bus KIND CONFIG_BODY: a dbus-daemon of our own; prints its address.
start_bus() {
  local kind=$1 body=$2 config=$SANDBOX_DIR/$1-bus.conf socket=$XDG_RUNTIME_DIR/$1-bus
  cat >"$config" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>$kind</type>
  <listen>unix:path=$socket</listen>
  <auth>EXTERNAL</auth>
  $body
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_type="method_return"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="signal"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
  </policy>
</busconfig>
EOF
  dbus-daemon --config-file="$config" --nofork --nopidfile --print-address=1 \
    >"$SANDBOX_DIR/$kind-bus.address" 2>"$SANDBOX_DIR/$kind-bus.log" &
  started $!
  local i
  for i in $(seq 100); do
    [ -s "$SANDBOX_DIR/$kind-bus.address" ] && break
    sleep 0.1
  done
  chmod 666 "$socket"
  head -n 1 "$SANDBOX_DIR/$kind-bus.address"
}

# A private bus configured as a system bus (<type>system</type>): what Flatpak's proxy connects
# to for --system-talk-name when DBUS_SYSTEM_BUS_ADDRESS points at it.
start_system_bus() {
  DBUS_SYSTEM_BUS_ADDRESS=$(start_bus system '')
  export DBUS_SYSTEM_BUS_ADDRESS
}

start_fake_logind() {
  FAKE_LOGIND_LOG=$SANDBOX_DIR/fake-logind.log
  "$fake_logind" "$DBUS_SYSTEM_BUS_ADDRESS" "$1" >"$FAKE_LOGIND_LOG" 2>&1 &
  started $!
  local i
  for i in $(seq 100); do
    grep -q ready "$FAKE_LOGIND_LOG" && return 0
    sleep 0.1
  done
  cat "$FAKE_LOGIND_LOG"
  return 1
}

# A private session bus on which only the permission store can be activated, and
# xdg-document-portal mounted on $XDG_RUNTIME_DIR/doc.
start_session_bus_with_document_portal() {
  mkdir -p "$SANDBOX_DIR/services"
  cp /usr/share/dbus-1/services/org.freedesktop.impl.portal.PermissionStore.service \
    "$SANDBOX_DIR/services/"
  DBUS_SESSION_BUS_ADDRESS=$(start_bus session "<servicedir>$SANDBOX_DIR/services</servicedir>")
  export DBUS_SESSION_BUS_ADDRESS
  as_user /usr/libexec/xdg-document-portal --replace >"$SANDBOX_DIR/document-portal.log" 2>&1 &
  started $!
  local i
  for i in $(seq 100); do
    mountpoint -q "$XDG_RUNTIME_DIR/doc" && return 0
    sleep 0.1
  done
  cat "$SANDBOX_DIR/document-portal.log"
  return 1
}

# --- display and GUI ------------------------------------------------------------------------

start_xvfb() {
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$SANDBOX_DIR/display" \
    >"$SANDBOX_DIR/xvfb.log" 2>&1 &
  started $!
  local i
  for i in $(seq 100); do
    [ -s "$SANDBOX_DIR/display" ] && break
    sleep 0.1
  done
  export DISPLAY=:$(head -n 1 "$SANDBOX_DIR/display")
}

# start_gui [flatpak run options...] VAULT: the app, with only the manifest's permissions.
start_gui() {
  local vault=${*: -1}
  local options=("${@:1:$#-1}")
  GUI_LOG=$SANDBOX_DIR/gui.log
  as_user flatpak run --user "${options[@]}" "$app_id" "$vault" >"$GUI_LOG" 2>&1 &
  GUI_PID=$!
  started "$GUI_PID"
  wait_for_window
}

start_gui_forwarding() {
  GUI_LOG=$SANDBOX_DIR/gui.log
  as_user flatpak run --user --file-forwarding "$app_id" @@ "$1" @@ >"$GUI_LOG" 2>&1 &
  GUI_PID=$!
  started "$GUI_PID"
  wait_for_window
}

wait_for_window() {
  GUI_WINDOW=$(timeout 60 xdotool search --sync --onlyvisible --name 'Arcanum' | head -n 1)
  [ -n "$GUI_WINDOW" ] || { cat "$GUI_LOG"; return 1; }
}

# wait_for_log PATTERN SECONDS
wait_for_log() {
  local i
  for i in $(seq $(($2 * 10))); do
    grep -q "$1" "$GUI_LOG" && return 0
    sleep 0.1
  done
  return 1
}

gui_keys() {
  xdotool windowfocus --sync "$GUI_WINDOW"
  local key
  for key in "$@"; do
    xdotool key --clearmodifiers "$key"
    sleep 0.3
  done
}

unlock_gui() {
  xdotool windowfocus --sync "$GUI_WINDOW"
  xdotool type --delay 15 "$1"
  xdotool key Return
  wait_for_log 'Unlocked:' 60 || { cat "$GUI_LOG"; return 1; }
  grep 'Unlocked:' "$GUI_LOG"
  sleep 1 # let the window paint the unlocked page
}

gui_type_search() {
  gui_keys ctrl+f
  xdotool type --delay 15 "$1"
}

screenshot() { import -display "$DISPLAY" -window root "$1"; }

# Pixels in the hibernation banner's colour (Fusion's tool-tip base, #ffffdc).
banner_pixels() {
  convert "$1" -fill black +opaque '#ffffdc' -fill white -opaque '#ffffdc' \
    -format '%[fx:int(mean*w*h+0.5)]' info:
}

# The sandboxed arcanum process: a descendant of `flatpak run` whose executable is /app/bin/arcanum.
gui_app_pid() {
  local pid
  for pid in $(descendants "$GUI_PID"); do
    [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = /app/bin/arcanum ] && { echo "$pid"; return 0; }
  done
  return 1
}

# --- canaries -------------------------------------------------------------------------------

# 24+ random letters: a throw-away canary (this shell keeps a copy; only the app is scanned).
canary() {
  local letters
  letters=$(head -c 2048 /dev/urandom | LC_ALL=C tr -dc 'a-zA-Z')
  echo "${letters:0:$1}"
}

# make_canary_vault VAULT: a vault with one entry made of canaries, written with the host's
# arcanum-cli (so no canary ever passed through the sandboxed app before the test).
make_canary_vault() {
  MASTER=$(canary 24) TITLE=$(canary 26) USERNAME=$(canary 27) PASSWORD=$(canary 28)
  URL_HOST=$(canary 29 | tr 'A-Z' 'a-z') NOTES=$(canary 30)
  SEARCH=${TITLE:3:12}
  as_user "$host_cli" init "$1" --kdf-memory 8 --kdf-iterations 1 --kdf-lanes 1 \
    --password-fd 3 3< <(printf '%s\n%s\n' "$MASTER" "$MASTER") >/dev/null
  as_user "$host_cli" add "$1" --title "$TITLE" --username "$USERNAME" \
    --url "https://$URL_HOST.example" --notes "$NOTES" --password-fd 3 --entry-password-fd 4 \
    3< <(printf '%s\n' "$MASTER") 4< <(printf '%s\n' "$PASSWORD") >/dev/null
}

# canary_scan_gui WHEN: arcanum-canary-scan from outside (as root) over the sandboxed process:
# exit 0 = no canary outside secret memory and no secret page readable.
canary_scan_gui() {
  local pid
  pid=$(gui_app_pid)
  echo "== canary scan of pid $pid ($1)"
  "$scan" --pid "$pid" --patterns-fd 3 3< <(printf 'master password\t%s\ntitle\t%s\nuser name\t%s\npassword\t%s\nurl\t%s\nnotes\t%s\nsearch term\t%s\n' \
    "$MASTER" "$TITLE" "$USERNAME" "$PASSWORD" "$URL_HOST" "$NOTES" "$SEARCH")
}
