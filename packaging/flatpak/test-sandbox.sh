#!/usr/bin/env bash
# Tests Arcanum inside the real Flatpak sandbox (`flatpak run`: the real bwrap and Flatpak's own
# seccomp filter), against the installation build-local.sh made:
#
#   bash packaging/flatpak/build-local.sh && bash packaging/flatpak/test-sandbox.sh
#
# Run as root, like CI: the canary scan reads the sandboxed process's memory from outside, and
# the unprivileged case drops to uid 65534 with setpriv. Needs the host build in $BUILD_DIR
# (default build) for arcanum-canary-scan, arcanum-fake-logind, arcanum-cli, arcanum-browser-host
# and arcanum-browser-test-client, and Xvfb,
# xdotool, dbus-daemon, xdg-document-portal, ImageMagick (all in packaging/quickstart.sh).
# Honours FLATPAK_USER_DIR like build-local.sh. Every test gets private XDG_RUNTIME_DIR, HOME,
# buses and X display; nothing of the machine's own is used.
#
# Prints "test-sandbox: NAME: ok|FAILED (...)" per test, then "sandbox: N passed, M failed".
# Artefacts (logs, screenshots) stay in $BUILD_DIR/flatpak/test-sandbox/.
set -uo pipefail

# A private mount namespace, so that each test can have a fresh /run/user/UID (Flatpak maps
# document-portal paths and proxy sockets as if XDG_RUNTIME_DIR were there) without touching
# the machine's.
if [ -z "${ARCANUM_SANDBOX_NAMESPACE:-}" ]; then
  exec env ARCANUM_SANDBOX_NAMESPACE=1 unshare --mount --propagation private bash "$0" "$@"
fi

cd "$(dirname "$0")/../.."
here=packaging/flatpak
build_dir=${BUILD_DIR:-build}
app_id=org.arcanum.Arcanum
scan=$PWD/$build_dir/tests/security/arcanum-canary-scan
fake_logind=$PWD/$build_dir/tests/tools/arcanum-fake-logind
host_cli=$PWD/$build_dir/app/arcanum-cli
host_browser_host=$PWD/$build_dir/app/arcanum-browser-host
browser_client=$PWD/$build_dir/tests/tools/arcanum-browser-test-client
out=$PWD/$build_dir/flatpak/test-sandbox
rm -rf "$out"
mkdir -p "$out"
chmod 755 "$out"
source "$here/sandbox-support.sh"

passed=0
failed=0
# refute CMD...: fails when CMD succeeds (`! CMD` would not stop a `set -e` test).
refute() {
  if "$@"; then
    echo "unexpected success: $*"
    return 1
  fi
}
# run_test NAME FUNCTION: runs FUNCTION in a subshell with `set -e` (its own temp dir, cleaned
# up with every process it started), prints the verdict.
run_test() {
  local name=$1 fn=$2 started=$SECONDS status
  # Not inside `if`: there bash would ignore the subshell's `set -e`.
  (
    set -eEuo pipefail
    trap 'echo "test-sandbox: failed at line $LINENO: $BASH_COMMAND"' ERR
    trap sandbox_cleanup EXIT
    sandbox_setup "$out/$name"
    "$fn"
  ) >"$out/$name.log" 2>&1
  status=$?
  if [ "$status" -eq 0 ]; then
    echo "test-sandbox: $name: ok ($((SECONDS - started)) s)"
    passed=$((passed + 1))
  else
    echo "test-sandbox: $name: FAILED ($((SECONDS - started)) s); last lines of $out/$name.log:"
    tail -n 25 "$out/$name.log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

# --- lint ------------------------------------------------------------------------------------
test_lint() { bash "$here/lint.sh"; }

# --- secret memory ----------------------------------------------------------------------------
# arcanum-cli init + info --require-secret-memory inside the sandbox; the caller sets the user.
secret_memory_check() {
  local vault=$SANDBOX_HOME/.var/app/$app_id/data/secret.arcanum
  as_user mkdir -p "$(dirname "$vault")"
  in_sandbox_cli init "$vault" --kdf-memory 8 --kdf-iterations 1 --kdf-lanes 1 \
    --password-fd 3 3< <(printf 'sandbox-pw\nsandbox-pw\n')
  in_sandbox_cli info "$vault" --require-secret-memory --password-fd 3 \
    3< <(printf 'sandbox-pw\n') | tee "$SANDBOX_DIR/info.txt"
  grep -qi 'secret memory' "$SANDBOX_DIR/info.txt"
  grep -qi 'memfd_secret\|secret memory' "$SANDBOX_DIR/info.txt"
  refute grep -qi 'fallback\|locked memory' "$SANDBOX_DIR/info.txt"
}

test_secret_memory_root() {
  # bwrap drops every capability: even root is charged for secret memory inside the sandbox.
  secret_memory_check
}

test_secret_memory_unprivileged() {
  sandbox_drop_to_nobody
  memlock_limit_for_user 8388608
  [ "$(in_sandbox --command=sh -- -c 'echo "$(id -u) $(ulimit -l)"')" = "65534 8192" ]
  secret_memory_check
}

# --- /sys/power and the hibernation probe ----------------------------------------------------
test_sys_power_hidden() {
  [ -e /sys/power/state ] || echo "note: this host has no /sys/power/state either"
  in_sandbox --command=sh -- -c 'test ! -e /sys/power/state && test ! -e /sys/power'
}

# gui_unlock_with_logind ANSWER [flatpak run options...]: a vault in the app's data folder,
# unlocked in the real GUI; sets GUI_LOG to the app's log.
gui_session() {
  local vault=$SANDBOX_HOME/.var/app/$app_id/data/gui.arcanum
  as_user mkdir -p "$(dirname "$vault")"
  make_canary_vault "$vault"
  start_xvfb
  start_gui "$@" "$vault"
  unlock_gui "$MASTER"
}

test_hibernation_logind_yes() {
  start_system_bus
  start_fake_logind yes
  gui_session
  grep -q 'Unlocked: Protected: secret memory; hibernation: can hibernate (logind CanHibernate answered "yes"); banner shown' "$GUI_LOG"
  grep -q 'call CanHibernate' "$FAKE_LOGIND_LOG"
  screenshot "$out/banner-yes.png"
  banner_pixels "$out/banner-yes.png" >"$SANDBOX_DIR/pixels"
  [ "$(cat "$SANDBOX_DIR/pixels")" -gt 5000 ] # the banner's yellow, as a person sees it
}

test_hibernation_logind_no() {
  start_system_bus
  start_fake_logind no
  gui_session
  grep -q 'Unlocked: Protected: secret memory; hibernation: cannot hibernate (logind CanHibernate answered "no"); banner hidden' "$GUI_LOG"
  grep -q 'call CanHibernate' "$FAKE_LOGIND_LOG"
  screenshot "$out/banner-no.png"
  [ "$(banner_pixels "$out/banner-no.png")" -lt 100 ]
}

test_hibernation_without_login1_permission() {
  start_system_bus
  start_fake_logind yes
  local started=$SECONDS
  gui_session --system-no-talk-name=org.freedesktop.login1
  # Flatpak's bus proxy hides logind: the call fails at once with ServiceUnknown.
  grep -q 'Unlocked: Protected: secret memory; hibernation: unknown (.*org.freedesktop.DBus.Error.ServiceUnknown); banner hidden' "$GUI_LOG"
  refute grep -q 'call CanHibernate' "$FAKE_LOGIND_LOG"   # the proxy never let the call through
  [ $((SECONDS - started)) -lt 60 ]
}

# --- the GUI and the canary scan ---------------------------------------------------------------
test_gui_canary_scan() {
  start_system_bus
  start_fake_logind no
  gui_session
  # Browse: first entry, reveal protected fields, copy the password, search.
  gui_keys Down ctrl+h ctrl+c
  gui_type_search "$SEARCH"
  sleep 2
  screenshot "$out/gui-unlocked.png"
  canary_scan_gui "after unlock, reveal, copy and search" | tee "$SANDBOX_DIR/scan.txt"
  grep -Eq 'secret mappings: [1-9]' "$SANDBOX_DIR/scan.txt" # the vault is in secret memory
  # Control: the same scan does find what is in ordinary memory, the vault's file name (argv, the
  # window title): exit status 1, hits reported.
  local status=0
  "$scan" --pid "$(gui_app_pid)" --patterns-fd 3 3< <(printf 'file name\tgui.arcanum\n') || status=$?
  [ "$status" -eq 1 ]
  gui_keys ctrl+l
  wait_for_log 'Clipboard cleared\|Locked' 5 || true
  sleep 1
  canary_scan_gui "after locking"
}

# --- the document portal ----------------------------------------------------------------------
test_document_portal() {
  start_session_bus_with_document_portal
  local host_vault=$SANDBOX_DIR/outside/portal.arcanum
  as_user mkdir -p "$(dirname "$host_vault")"
  make_canary_vault "$host_vault"
  rm "$host_vault.bak" # made by the host's arcanum-cli while filling the vault
  local inode_before
  inode_before=$(stat -c %i "$host_vault")
  # `flatpak run --file-forwarding` is what the desktop file's %F does: the file goes through
  # the document portal and the app gets /run/user/UID/doc/ID/portal.arcanum.
  in_sandbox_cli_forwarding add "$host_vault" --title "Added through the portal" \
    --password-fd 3 --entry-password-fd 4 3< <(printf '%s\n' "$MASTER") 4< <(printf 'x\n')
  # Saved by temp file + rename in the portal: a new inode outside, new content, no litter.
  [ "$(stat -c %i "$host_vault")" != "$inode_before" ]
  as_user "$host_cli" ls "$host_vault" --password-fd 3 3< <(printf '%s\n' "$MASTER") |
    grep -q 'Added through the portal'
  ls -la "$(dirname "$host_vault")"
  [ "$(ls -A "$(dirname "$host_vault")")" = "portal.arcanum" ]
  # The backup went to the app's data folder.
  ls "$SANDBOX_HOME/.var/app/$app_id/data/arcanum/backups/"*-portal.arcanum.bak
  # And the GUI opens and unlocks a vault handed over through the portal.
  start_xvfb
  start_gui_forwarding "$host_vault"
  unlock_gui "$MASTER"
  # No system bus was given to this sandbox at all: the probe says so instead of hanging.
  grep -q 'Unlocked: Protected: secret memory; hibernation: unknown (.*no system bus.*); banner hidden' "$GUI_LOG"
}

# --- Qt-version-dependent no-copy paths, re-checked against the runtime's Qt -----------------
test_qt_no_copy_suites() {
  local suites
  suites=$(in_sandbox --command=ls -- /app/libexec/arcanum-tests)
  [ -n "$suites" ]
  for suite in $suites; do
    echo "== $suite"
    in_sandbox --env=QT_QPA_PLATFORM=offscreen --command="/app/libexec/arcanum-tests/$suite" -- -silent
  done
}

# --- browser autofill ---------------------------------------------------------------------------
# A browser starts the native-messaging host as `flatpak run --command=arcanum-browser-host
# org.arcanum.Arcanum` (README "Flatpak"). The app, sandboxed too, listens on
# $XDG_RUNTIME_DIR/app/org.arcanum.Arcanum/autofill.socket: the one folder Flatpak shares between
# the host and the app's sandboxes. arcanum-browser-test-client plays the browser: a key exchange
# (change-public-keys), then an encrypted get-databasehash whose reply must decrypt.
autofill_socket() { echo "$XDG_RUNTIME_DIR/app/$app_id/autofill.socket"; }

test_autofill_host_in_sandbox() {
  # Before the app runs, the sandboxed host answers "not running" (code 5) itself.
  as_user "$browser_client" --expect-not-running --     flatpak run --user --command=arcanum-browser-host "$app_id"
  gui_session
  refute grep -q 'Browser integration is off' "$GUI_LOG"
  # The app's socket, made inside its sandbox, is visible outside in the shared folder.
  test -S "$(autofill_socket)"
  stat -c '%a %U' "$(dirname "$(autofill_socket)")" | tee "$SANDBOX_DIR/socket-folder"
  [ "$(cut -d' ' -f1 "$SANDBOX_DIR/socket-folder")" = 700 ]
  as_user "$browser_client" -- flatpak run --user --command=arcanum-browser-host "$app_id" |
    tee "$SANDBOX_DIR/client.txt"
  grep -q '^change-public-keys: server key received' "$SANDBOX_DIR/client.txt"
  grep -Eq '^get-databasehash: reply decrypts, hash [0-9a-f]{64}$' "$SANDBOX_DIR/client.txt"
}

test_autofill_host_outside_sandbox() {
  # The host installed outside Flatpak (a distribution's package, or a build tree) reaches the
  # sandboxed app through the same shared folder.
  gui_session
  test -S "$(autofill_socket)"
  as_user "$browser_client" -- "$host_browser_host" | tee "$SANDBOX_DIR/client.txt"
  grep -q '^change-public-keys: server key received' "$SANDBOX_DIR/client.txt"
  grep -Eq '^get-databasehash: reply decrypts, hash [0-9a-f]{64}$' "$SANDBOX_DIR/client.txt"
}

run_test lint test_lint
run_test secret-memory-root test_secret_memory_root
run_test secret-memory-unprivileged test_secret_memory_unprivileged
run_test sys-power-hidden test_sys_power_hidden
run_test hibernation-logind-yes test_hibernation_logind_yes
run_test hibernation-logind-no test_hibernation_logind_no
run_test hibernation-without-login1-permission test_hibernation_without_login1_permission
run_test gui-canary-scan test_gui_canary_scan
run_test document-portal test_document_portal
run_test qt-no-copy-suites test_qt_no_copy_suites
run_test autofill-host-in-sandbox test_autofill_host_in_sandbox
run_test autofill-host-outside-sandbox test_autofill_host_outside_sandbox

echo "sandbox: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
