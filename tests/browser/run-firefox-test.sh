#!/usr/bin/env bash
# ctest BrowserAutofillFirefox: Firefox ESR + Debian's KeePassXC-Browser fill a login form from
# the real Arcanum app through the real arcanum-browser-host (firefox-fill.cjs says how).
#
#   run-firefox-test.sh CACHE_DIR ARCANUM ARCANUM_CLI ARCANUM_BROWSER_HOST [--break-url]
#
# Needs firefox-esr, webext-keepassxc-browser and xvfb (packaging/quickstart.sh installs
# them) and Node.js: when `node` is missing it installs Debian's nodejs and npm (as root, or
# through sudo). puppeteer-core, pinned, is installed once into CACHE_DIR (in the build folder)
# from the npm registry. --break-url gives the vault's entry another port, to see the test fail.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=$(realpath -m "$1")
shift
puppeteer_version=24.43.1
extension=/usr/share/webext/keepassxc-browser
firefox=${ARCANUM_FIREFOX:-/usr/bin/firefox-esr}

missing=()
[ -x "$firefox" ] || missing+=(firefox-esr)
[ -f "$extension/manifest.json" ] || missing+=(webext-keepassxc-browser)
command -v Xvfb >/dev/null || missing+=(xvfb)
if [ ${#missing[@]} -gt 0 ]; then
  echo "run-firefox-test.sh: missing Debian packages: ${missing[*]} (packaging/quickstart.sh lists them)" >&2
  exit 1
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "run-firefox-test.sh: installing Debian's nodejs and npm"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends nodejs npm
fi

modules=$cache/node_modules
if ! grep -qs "\"version\": \"$puppeteer_version\"" "$modules/puppeteer-core/package.json"; then
  echo "run-firefox-test.sh: installing puppeteer-core $puppeteer_version into $cache"
  mkdir -p "$cache"
  # One installer at a time, should two builds share the folder.
  flock "$cache/.lock" npm install --prefix "$cache" --no-audit --no-fund --no-save \
    --loglevel=error "puppeteer-core@$puppeteer_version"
fi

echo "Firefox: $("$firefox" --version 2>/dev/null); extension: $(sed -n 's/^ *"version": "\(.*\)",/\1/p' "$extension/manifest.json"); node $(node --version)"
export ARCANUM_NODE_MODULES=$modules ARCANUM_FIREFOX=$firefox
# A private Xvfb, HOME and XDG_RUNTIME_DIR (so a private native-messaging manifest and socket).
exec "$here/../ui/display/with-display.sh" x11 node "$here/firefox-fill.cjs" "$1" "$2" "$3" \
  "$extension" "${@:4}"
