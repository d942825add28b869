#!/usr/bin/env bash
# Static checks of the Flatpak packaging (run by test-sandbox.sh, and alone):
#
#   bash packaging/flatpak/lint.sh
#
# - both manifests parse (`flatpak-builder --show-manifest`; any warning is a failure);
# - finish-args policy: exactly the permissions Arcanum needs (README "Flatpak"), the same in both
#   manifests; never host/home file-system access, never the network;
# - the user manifest pins every download with a sha256 and builds what the KDE SDK lacks;
# - the desktop file validates (desktop-file-validate) and forwards files (%F);
# - the AppStream metainfo validates (`appstreamcli validate --pedantic`, offline) and has
#   screenshots, releases and a content rating.
# Prints "lint: <check>: ok|FAILED ..." per check; exits 1 if any failed.
set -uo pipefail

cd "$(dirname "$0")/../.."
here=packaging/flatpak
manifests=("$here/org.arcanum.Arcanum.yml" "$here/org.arcanum.Arcanum.debian.yml")
desktop=resources/org.arcanum.Arcanum.desktop
metainfo=resources/org.arcanum.Arcanum.metainfo.xml
failed=0

ok() { echo "lint: $1: ok"; }
fail() {
  echo "lint: $1: FAILED: $2"
  failed=1
}

# The finish-args a manifest asks for, one per line, as flatpak-builder reads them.
finish_args() {
  flatpak-builder --show-manifest "$1" 2>/dev/null |
    python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin).get("finish-args", [])))'
}

expected_args='--socket=wayland
--socket=fallback-x11
--device=dri
--share=ipc
--talk-name=org.freedesktop.ScreenSaver
--system-talk-name=org.freedesktop.login1'

for manifest in "${manifests[@]}"; do
  name=$(basename "$manifest")
  if ! out=$(flatpak-builder --show-manifest "$manifest" 2>&1 >/dev/null); then
    fail "$name parses" "$out"
  elif [ -n "$out" ]; then
    fail "$name parses" "warnings: $out"
  else
    ok "$name parses"
  fi

  args=$(finish_args "$manifest")
  forbidden=$(grep -E -e '^--filesystem=(host|home|~|/)' -e '^--share=network' \
    -e '^--socket=(system-bus|session-bus|ssh-auth|pcsc)' -e '^--device=all' \
    -e '^--talk-name=org.freedesktop.(Flatpak|secrets)$' <<<"$args")
  if [ -n "$forbidden" ]; then
    fail "$name finish-args policy" "forbidden: $(tr '\n' ' ' <<<"$forbidden")"
  elif grep -q -e '^--filesystem' <<<"$args"; then
    fail "$name finish-args policy" "asks for file-system access: vaults go through the portal"
  elif [ "$args" != "$expected_args" ]; then
    fail "$name finish-args policy" "expected exactly: $(tr '\n' ' ' <<<"$expected_args"), got: $(tr '\n' ' ' <<<"$args")"
  else
    ok "$name finish-args policy"
  fi
done

# Every archive or file the user manifest downloads is pinned.
unpinned=$(flatpak-builder --show-manifest "${manifests[0]}" 2>/dev/null | python3 -c '
import json, sys
for module in json.load(sys.stdin).get("modules", []):
    for source in module.get("sources", []):
        if "url" in source and len(source.get("sha256", "")) != 64:
            print(module["name"], source["url"])')
if [ -n "$unpinned" ]; then
  fail "sources pinned" "no sha256: $unpinned"
else
  ok "sources pinned"
fi

# What the KDE SDK lacks is built as a module (CMakeLists.txt's dependencies; nettle, zlib, expat
# and libxcb come with the freedesktop SDK underneath it).
modules=$(flatpak-builder --show-manifest "${manifests[0]}" 2>/dev/null |
  python3 -c 'import json, sys; print(" ".join(m["name"] for m in json.load(sys.stdin)["modules"]))')
if [ "$modules" != "libsodium libargon2 rapidjson arcanum" ]; then
  fail "user manifest modules" "expected libsodium libargon2 rapidjson arcanum, got: $modules"
else
  ok "user manifest modules"
fi

if ! out=$(desktop-file-validate "$desktop" 2>&1) || grep -qE '(error|warning):' <<<"$out"; then
  fail "desktop file" "$out"
elif ! grep -qE '^Exec=arcanum %F$' "$desktop"; then
  fail "desktop file" "Exec must forward files with %F (Flatpak's file forwarding)"
else
  ok "desktop file"
fi

if ! out=$(appstreamcli validate --pedantic --no-net "$metainfo" 2>&1); then
  fail "metainfo validates" "$out"
else
  ok "metainfo validates"
fi
for element in screenshot release content_rating; do
  grep -q "<$element[ >]" "$metainfo" || fail "metainfo has <$element>" "missing"
done

exit "$failed"
