#!/usr/bin/env bash
# Builds a Flatpak runtime and SDK from Debian 12 (bookworm) packages, for building and testing
# Arcanum's Flatpak where Flathub's KDE runtime cannot be downloaded (README "Flatpak").
#
#   bash packaging/flatpak/build-runtime.sh     prints the path of an OSTree repo holding
#                                               runtime/org.arcanum.Debian.Platform/x86_64/12
#                                               runtime/org.arcanum.Debian.Sdk/x86_64/12
#
# How: mmdebstrap makes a minimal bookworm tree with the packages in debian/runtime.packages
# (and one with debian/sdk.packages on top for the SDK); /etc is copied into usr/etc (Flatpak
# mounts a runtime's files/etc as /etc) and each tree's usr/ becomes the runtime's files with
# `flatpak build-export --runtime --files=usr`.
#
# The repo is cached under $ARCANUM_FLATPAK_CACHE (default /var/cache/arcanum-flatpak as root,
# else ~/.cache/arcanum-flatpak), keyed on the hash of this script and both package lists: a
# second run with the same inputs reuses it in seconds; any change to them builds anew (older
# keys are removed). Packages come from the Debian sources the host's apt uses (bookworm entries
# of /etc/apt/sources.list{,.d/*}), or from the files named in $ARCANUM_DEBIAN_SOURCES.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
branch=12
platform_id=org.arcanum.Debian.Platform
sdk_id=org.arcanum.Debian.Sdk

if [ "$(id -u)" -eq 0 ]; then
  cache_root=${ARCANUM_FLATPAK_CACHE:-/var/cache/arcanum-flatpak}
  mode=root
else
  cache_root=${ARCANUM_FLATPAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/arcanum-flatpak}
  mode=unshare
fi
key=$(cat "$here/build-runtime.sh" "$here/debian/runtime.packages" "$here/debian/sdk.packages" |
  sha256sum | cut -c1-16)
entry=$cache_root/runtime-$key
repo=$entry/repo

log() { echo "build-runtime: $*" >&2; }

if [ -f "$entry/complete" ]; then
  log "reusing $repo (inputs unchanged, key $key)"
  echo "$repo"
  exit 0
fi

packages() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$@" | tr -s '[:space:]' ',' | sed 's/,$//'; }

sources=()
if [ -n "${ARCANUM_DEBIAN_SOURCES:-}" ]; then
  read -r -a sources <<<"$ARCANUM_DEBIAN_SOURCES"
else
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && grep -q 'bookworm' "$f" && sources+=("$f")
  done
fi
[ ${#sources[@]} -gt 0 ] || { log "no Debian bookworm apt sources found; set ARCANUM_DEBIAN_SOURCES"; exit 1; }

mkdir -p "$cache_root"
find "$cache_root" -mindepth 1 -maxdepth 1 -name 'runtime-*' ! -name "runtime-$key" -exec rm -rf {} +
rm -rf "$entry"
mkdir -p "$entry"
work=$entry/work
debs=$entry/debs
mkdir -p "$work" "$debs"

# Docs, man pages and translations are not needed inside the sandbox.
trim=(--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias')

# tree NAME PACKAGE_LIST...: a bookworm tree in $work/NAME. The .debs the first tree downloads
# are handed to the second, so each package crosses the network once.
tree() {
  local name=$1
  shift
  local started=$SECONDS
  mmdebstrap --variant=essential --mode="$mode" --include="$(packages "$@")" "${trim[@]}" \
    --dpkgopt=force-unsafe-io \
    --aptopt='Acquire::Languages "none"' \
    --setup-hook="mkdir -p \"\$1/var/cache/apt/archives\"" \
    --setup-hook="sync-in '$debs' /var/cache/apt/archives" \
    --skip=essential/unlink \
    --customize-hook="sync-out /var/cache/apt/archives '$debs'" \
    --customize-hook='chroot "$1" fc-cache -f >/dev/null 2>&1 || true' \
    bookworm "$work/$name" "${sources[@]}" >&2
  # Flatpak mounts the runtime's files/etc as /etc.
  cp -a "$work/$name/etc" "$work/$name/usr/etc"
  log "$name tree: $((SECONDS - started)) s, $(du -sh "$work/$name/usr" | cut -f1)"
}

# export DIR ID: DIR's usr/ as runtime ID in $repo.
export_runtime() {
  local dir=$1 id=$2
  local started=$SECONDS
  cat >"$dir/metadata" <<EOF
[Runtime]
name=$id
runtime=$platform_id/x86_64/$branch
sdk=$sdk_id/x86_64/$branch

[Environment]
LANG=C.UTF-8
EOF
  flatpak build-export --no-update-summary --runtime --files=usr \
    --subject="$id from Debian 12 packages ($(basename "$here")/build-runtime.sh key $key)" \
    "$repo" "$dir" "$branch" >&2
  log "$id export: $((SECONDS - started)) s"
}

# bare-user-only, the mode of a --user installation's own repo: no compression on export, and
# `flatpak install` from it hard-links objects instead of unpacking them.
ostree init --repo="$repo" --mode=bare-user-only
tree platform "$here/debian/runtime.packages"
# The SDK tree (mostly downloading and unpacking) overlaps the platform's export (checksumming).
tree sdk "$here/debian/runtime.packages" "$here/debian/sdk.packages" &
sdk_tree=$!
export_runtime "$work/platform" "$platform_id"
rm -rf "$work/platform"
wait "$sdk_tree"
export_runtime "$work/sdk" "$sdk_id"
flatpak build-update-repo --no-update-appstream "$repo" >&2
rm -rf "$work" "$debs"
touch "$entry/complete"
log "built $repo (key $key)"
echo "$repo"
