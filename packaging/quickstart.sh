#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (README "Quick start", and CI via .ci/run).
#
#   bash packaging/quickstart.sh demo   install build deps, build, start Arcanum on a demo vault
#   bash packaging/quickstart.sh test   install build deps, build, run every test (ctest, then
#                                       the Flatpak built and tested in its sandbox)
#
# Environment: BUILD_DIR (default build), ARCANUM_WERROR (default ON), JOBS (default nproc).
set -euo pipefail

mode=${1:-}
case "$mode" in
  demo|test) ;;
  *) echo "usage: bash packaging/quickstart.sh demo|test" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}

# Every Debian package the build, the tests and the demo need.
packages=(
  build-essential cmake ninja-build pkg-config
  libsodium-dev libargon2-dev rapidjson-dev
  nettle-dev zlib1g-dev libexpat1-dev
  qt6-base-dev qt6-base-dev-tools
  libgl-dev libvulkan-dev
  fonts-dejavu-core fonts-wqy-microhei dbus-daemon libqt6svg6
  desktop-file-utils appstream
  # tests/ui/display: a real X server, Wayland compositor and AT-SPI bus (clipboard, accessibility)
  libxcb1-dev xvfb xclip xdotool weston qt6-wayland wl-clipboard
  dbus-bin at-spi2-core python3-gi gir1.2-atspi-2.0
  keepassxc python3-pykeepass  # the KeePass peers the KDBX tests read and write against
  # tests/browser: a real browser and the extension (Node.js and npm come with the test if missing)
  firefox-esr webext-keepassxc-browser
  # The Flatpak (packaging/flatpak): runtime from Debian packages, app build, sandbox tests.
  flatpak flatpak-builder mmdebstrap ostree fuse3 imagemagick xdg-desktop-portal
  ccache  # the host build's objects reused by the Flatpak's app build (packaging/flatpak/README.md)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Through ccache, with the settings the Flatpak's app build uses (org.arcanum.Arcanum.debian.yml),
# so that build compiles only what the host build did not.
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=true CCACHE_COMPILERCHECK=content
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DARCANUM_WERROR="${ARCANUM_WERROR:-ON}" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
cmake --build "$build_dir" -j "$jobs"

if [ "$mode" = test ]; then
  (cd "$build_dir" && ctest --output-on-failure -j "$jobs")
  # The Flatpak, in a private installation: the Debian 12 runtime and SDK (cached by input hash
  # where the machine keeps /var/cache/arcanum-flatpak), the app, then the tests in the sandbox.
  export FLATPAK_USER_DIR=${FLATPAK_USER_DIR:-$PWD/$build_dir/flatpak/user}
  BUILD_DIR=$build_dir bash packaging/flatpak/build-local.sh
  exec env BUILD_DIR="$build_dir" bash packaging/flatpak/test-sandbox.sh
fi

exec bash packaging/demo.sh "$build_dir"
