#!/usr/bin/env bash
# Builds Arcanum's Flatpak offline and installs it as a --user Flatpak (README "Flatpak"):
#
#   bash packaging/flatpak/build-local.sh
#
# 1. the Debian 12 runtime and SDK (build-runtime.sh; cached, so reused when unchanged),
#    installed from their local OSTree repo;
# 2. the app with flatpak-builder from org.arcanum.Arcanum.debian.yml into build/flatpak/repo;
# 3. the app installed from that repo, and build/Arcanum.flatpak (a single-file bundle).
#
# Honours FLATPAK_USER_DIR (a private installation for tests and CI) and BUILD_DIR (default
# build). flatpak-builder's state (downloads, ccache) lives beside the runtime cache
# (ARCANUM_FLATPAK_CACHE), so a second build on the same machine recompiles only what changed.
set -euo pipefail

cd "$(dirname "$0")/../.."
here=packaging/flatpak
build_dir=${BUILD_DIR:-build}
out=$build_dir/flatpak
app_id=org.arcanum.Arcanum
mkdir -p "$out"
started=$SECONDS
log() { echo "build-local: $*" >&2; }

runtime_repo=$(bash "$here/build-runtime.sh")
cache_root=$(dirname "$(dirname "$runtime_repo")")

step=$SECONDS
flatpak --user remote-add --if-not-exists --no-gpg-verify arcanum-debian "file://$runtime_repo"
flatpak --user remote-modify --no-gpg-verify --url="file://$runtime_repo" arcanum-debian
# Reinstall only what changed: `update` is a no-op for the same commit.
for ref in runtime/org.arcanum.Debian.Platform/x86_64/12 runtime/org.arcanum.Debian.Sdk/x86_64/12; do
  if flatpak --user info "$ref" >/dev/null 2>&1; then
    flatpak --user update -y --noninteractive "$ref" >&2
  else
    flatpak --user install -y --noninteractive arcanum-debian "$ref" >&2
  fi
done
log "runtime and SDK installed: $((SECONDS - step)) s"

# flatpak-builder --ccache keeps its cache in STATE/ccache. Where the host has ccache, that is
# the host's own cache, so the app build reuses what the host build compiled with the same
# compiler and flags (the manifest's CCACHE_* settings; packaging/quickstart.sh builds the host
# tree with ccache and the same settings). ARCANUM_FLATPAK_SHARED_CCACHE=0 keeps them apart.
mkdir -p "$cache_root/builder-state"
if [ "${ARCANUM_FLATPAK_SHARED_CCACHE:-1}" = 1 ] && host_ccache=$(ccache -k cache_dir 2>/dev/null) &&
  [ -n "$host_ccache" ]; then
  mkdir -p "$host_ccache"
  [ -L "$cache_root/builder-state/ccache" ] || rm -rf "$cache_root/builder-state/ccache"
  ln -sfn "$host_ccache" "$cache_root/builder-state/ccache"
  log "ccache shared with the host: $host_ccache"
elif [ -L "$cache_root/builder-state/ccache" ]; then
  rm "$cache_root/builder-state/ccache"
fi
ccache_before=$(ccache -d "$cache_root/builder-state/ccache" --print-stats 2>/dev/null | grep -E '^(direct_cache_hit|preprocessed_cache_hit|cache_miss)\s' || true)

step=$SECONDS
flatpak-builder --user --force-clean --disable-rofiles-fuse --ccache \
  --state-dir="$cache_root/builder-state" --repo="$out/repo" \
  --subject="Arcanum $(git rev-parse --short HEAD 2>/dev/null || echo local)" \
  "$out/app" "$here/$app_id.debian.yml" >&2
log "app built: $((SECONDS - step)) s"
if [ -n "$ccache_before" ]; then
  ccache_after=$(ccache -d "$cache_root/builder-state/ccache" --print-stats 2>/dev/null |
    grep -E '^(direct_cache_hit|preprocessed_cache_hit|cache_miss)\s' || true)
  # Counters of the whole cache: the difference is this build's (and any other build using
  # the same cache meanwhile).
  hits=$(( $(awk '/_cache_hit/ {s += $2} END {print s + 0}' <<<"$ccache_after") -
    $(awk '/_cache_hit/ {s += $2} END {print s + 0}' <<<"$ccache_before") ))
  misses=$(( $(awk '/cache_miss/ {print $2}' <<<"$ccache_after") -
    $(awk '/cache_miss/ {print $2}' <<<"$ccache_before") ))
  log "app build ccache: $hits hits, $misses misses"
fi

step=$SECONDS
flatpak --user remote-add --if-not-exists --no-gpg-verify arcanum-local "file://$PWD/$out/repo"
flatpak --user remote-modify --no-gpg-verify --url="file://$PWD/$out/repo" arcanum-local
flatpak --user install -y --noninteractive --reinstall arcanum-local "$app_id" >&2
flatpak build-bundle "$out/repo" "$build_dir/Arcanum.flatpak" "$app_id" >&2
log "installed, bundle $build_dir/Arcanum.flatpak ($(du -h "$build_dir/Arcanum.flatpak" | cut -f1)): $((SECONDS - step)) s"
log "total $((SECONDS - started)) s"
