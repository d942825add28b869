#!/usr/bin/env bash
# Creates the demo vault (once) and starts Arcanum on it. Called by `quickstart.sh demo`.
#
#   Demo vault:       BUILD_DIR/demo/demo.arcanum
#   Master password:  arcanum-demo
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."

vault="$build_dir/demo/demo.arcanum"
password="arcanum-demo"
cli="$build_dir/app/arcanum-cli"

if [ ! -f "$vault" ]; then
  mkdir -p "$(dirname "$vault")"
  # Modest Argon2 cost so the demo unlocks quickly on any machine; real vaults calibrate.
  printf '%s\n' "$password" | "$cli" init "$vault" --password-fd 0 \
    --kdf-memory 64 --kdf-iterations 2
  printf '%s\n' "$password" | "$cli" import-csv "$vault" packaging/demo/demo-vault.csv \
    --password-fd 0
fi

echo
echo "Demo vault: $vault"
echo "Master password: $password"
echo

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$build_dir/app/arcanum" "$vault"
fi

echo "No graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop"
echo "app cannot open a window. The same vault through arcanum-cli:"
echo
printf '%s\n' "$password" | "$cli" info "$vault" --password-fd 0
echo
printf '%s\n' "$password" | "$cli" ls "$vault" --password-fd 0
echo
echo "Screenshots of the desktop app under Xvfb: bash packaging/screenshots.sh"
