#!/usr/bin/env bash
# Builds the .deb for this machine's architecture and checks it without
# installing it: its control data and dependencies, its files, the binaries
# run from an extracted copy, the systemd unit, and the maintainer scripts run
# for real against a scratch /etc in a private mount namespace.
#   platform/test/package-test.sh            (build folder: build-deb, or PLACARD_BUILD_DIR)
# Ends with "N passed, N failed"; exits non-zero when any check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${PLACARD_BUILD_DIR:-build-deb}
jobs=${PLACARD_JOBS:-2}

need=(dpkg-dev file shellcheck util-linux)
. platform/build/install-packages.sh
install_missing package-test "${need[@]}"

CMAKE_BUILD_PARALLEL_LEVEL=$jobs platform/build/setup.sh --build-dir "$build_dir" \
  -DPLACARD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr
rm -f "$build_dir"/placard_*.deb
(cd "$build_dir" && cpack >/dev/null)
arch=$(dpkg --print-architecture)
version=$(sed -n 's/^project(placard VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
deb="$build_dir/placard_${version}_${arch}.deb"
[ -f "$deb" ] || { echo "package-test: cpack made no $deb" >&2; exit 1; }
echo "package-test: $deb"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/placard-package-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
check() {  # check "what" command...: one line per check
  local what=$1
  shift
  if "$@" >"$scratch/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $what"
  else
    failed=$((failed + 1))
    echo "FAIL  $what"
    sed 's/^/      /' "$scratch/out" | head -n 20
  fi
}
has_line() { grep -qE -- "$1" "$2"; }

# --- Control data ----------------------------------------------------------------
dpkg-deb -I "$deb" >"$scratch/info"
dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' >"$scratch/depends"
check "package name and version" has_line "^ Package: placard$" "$scratch/info"
check "architecture $arch" has_line "^ Architecture: $arch$" "$scratch/info"
for dep in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libcurl4 libmosquitto1 libfontconfig1 libc6 libstdc++6 \
           fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri passwd; do
  check "depends on $dep" grep -qx "$dep" "$scratch/depends"
done
for script in postinst prerm postrm; do
  check "has a $script" has_line "^ +[0-9]+ bytes, +[0-9]+ lines +\*? *$script " "$scratch/info"
done

# --- Files -------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{ print $6 }' >"$scratch/files"
for f in ./usr/bin/placard ./usr/bin/placard-feed ./usr/lib/systemd/system/placard.service \
         ./usr/share/placard/demo.json ./usr/share/placard/placard.json.example \
         ./usr/share/doc/placard/README.raspberry-pi.md ./usr/lib/systemd/system/placard-wifi.service \
         ./usr/share/doc/placard/LICENSE ./usr/share/doc/placard/NOTICE ./usr/share/placard/EDITORS.md \
         ./usr/share/placard/SIGNING.md ./usr/share/placard/FORMAT.md \
         ./usr/lib/placard/placard-wifi ./usr/lib/placard/placard-fetch ./usr/lib/placard/placard-mqtt.so \
         ./usr/sbin/placard-kiosk-setup; do
  check "installs ${f#.}" grep -qx "$f" "$scratch/files"
done
check "installs nothing under /etc (the config is the organiser's, made by postinst)" \
  bash -c "! grep -q '^\./etc/' '$scratch/files'"

# --- The binaries, extracted -------------------------------------------------------
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
check "every shared library is found" bash -c "! ldd '$root/usr/bin/placard' '$root/usr/bin/placard-feed' '$root/usr/lib/placard/placard-wifi' \
  '$root/usr/lib/placard/placard-fetch' '$root/usr/lib/placard/placard-mqtt.so' | grep 'not found'"
check "the kiosk links no network library (downloads run in placard-fetch, MQTT in placard-mqtt.so)" \
  bash -c "! ldd '$root/usr/bin/placard' | grep -E 'libcurl|libssl|libcrypto|libgnutls|libmosquitto'"
check "the extracted placard-fetch downloads a feed for the kiosk" \
  bash -c "echo '{}' >'$scratch/empty.json' && PLACARD_FETCH_PROGRAM='$root/usr/lib/placard/placard-fetch' \
    '$root/usr/bin/placard' --config '$scratch/empty.json' --cache-dir '$scratch/fetch-cache' --check \
    --feed 'file://$root/usr/share/placard/demo.json' | grep -qx 'Result: accepted'"
check "placard-wifi --help" bash -c "'$root/usr/lib/placard/placard-wifi' --help | grep -q 'placard-wifi.txt'"
check "placard --help" bash -c "'$root/usr/bin/placard' --help | grep -q -- '--video-driver'"
check "placard --version is $version" bash -c "'$root/usr/bin/placard' --version | grep -qx 'placard $version'"
check "placard-kiosk-setup --dry-run enables both services" \
  bash -c "'$root/usr/sbin/placard-kiosk-setup' --dry-run | grep -q 'enable placard-wifi.service'"
check "placard-wifi.service runs the installed placard-wifi" \
  has_line "^ExecStart=/usr/lib/placard/placard-wifi " "$root/usr/lib/systemd/system/placard-wifi.service"
check "placard-feed validate the installed demo feed" "$root/usr/bin/placard-feed" validate "$root/usr/share/placard/demo.json"
check "the installed example config is accepted as it stands" \
  bash -c "'$root/usr/bin/placard' --config '$root/usr/share/placard/placard.json.example' --check | grep -q 'demo feed'"

# --- The unit ------------------------------------------------------------------------
unit="$root/usr/lib/systemd/system/placard.service"
check "the unit starts /usr/bin/placard, which finds its config itself" has_line "^ExecStart=/usr/bin/placard$" "$unit"
for line in "Type=notify" "WatchdogSec=" "Restart=always" "NoNewPrivileges=yes" "ProtectSystem=strict" \
            "ProtectHome=yes" "PrivateTmp=yes" "CacheDirectory=placard" "ConfigurationDirectory=placard" \
            "DeviceAllow=char-drm rw" "DeviceAllow=char-input r"; do
  check "the unit has $line" has_line "^$line" "$unit"
done
check "the unit does not wait for the clock or the network" bash -c "! grep -qE '^(After|Wants|Requires)=.*(time-sync|network-online)' '$unit'"
if command -v systemd-analyze >/dev/null; then
  # Verified in a root with the package's files and this system's own units,
  # so that ExecStart= and the targets it names resolve.
  mkdir -p "$scratch/verify"
  cp -a "$root/." "$scratch/verify/"
  cp -rn /usr/lib/systemd/system/. "$scratch/verify/usr/lib/systemd/system/"
  check "systemd-analyze verify" systemd-analyze verify --man=no --root="$scratch/verify" /usr/lib/systemd/system/placard.service
  systemd-analyze security --offline=yes --root="$scratch/verify" placard.service 2>/dev/null | grep 'Overall exposure' |
    sed 's/^→ */      /' || true
fi

# --- Maintainer scripts, run for real in a private mount namespace -------------------
dpkg-deb -e "$deb" "$scratch/control"
check "maintainer scripts pass shellcheck" shellcheck -s sh "$scratch/control/postinst" "$scratch/control/prerm" "$scratch/control/postrm"
check "postinst copies the example from /usr/share/placard" has_line "/usr/share/placard/placard.json.example" "$scratch/control/postinst"
if [ "$(id -u)" = 0 ] && unshare -rm true 2>/dev/null; then
  # A scratch /etc (with the groups a Raspberry Pi has) and the package's
  # /usr/share stand in for the real ones, for this namespace only. Only root
  # is mapped into it, so the copy belongs to root alone (useradd keeps the
  # shadow file's group, which would otherwise be unmapped).
  mkdir -p "$scratch/etc"
  cp -a /etc/. "$scratch/etc/"
  chown -R 0:0 "$scratch/etc"
  for g in video render input; do
    grep -q "^$g:" "$scratch/etc/group" || echo "$g:x:$((900 + ${#g})):" >>"$scratch/etc/group"
  done
  cat >"$scratch/maintainer.sh" <<'EOF'
set -eu
mount --bind "$1/etc" /etc
mount --bind "$2/usr/share" /usr/share
c=$3
rm -rf /etc/placard
"$c/postinst" configure
getent passwd placard | grep -q '/usr/sbin/nologin' || { echo "no system user placard"; exit 1; }
for g in video render input; do id -nG placard | tr ' ' '\n' | grep -qx "$g" || { echo "placard not in $g"; exit 1; }; done
cmp /etc/placard/placard.json /usr/share/placard/placard.json.example || { echo "config not made from the example"; exit 1; }
echo '{"feed": "https://example.org/organiser.json"}' > /etc/placard/placard.json
"$c/postinst" configure   # again, as an upgrade does
[ "$(grep -c '^placard:' /etc/passwd)" = 1 ] || { echo "a second placard user"; exit 1; }
grep -q organiser.json /etc/placard/placard.json || { echo "the organiser's config was overwritten"; exit 1; }
"$c/prerm" remove
"$c/postrm" remove
[ -f /etc/placard/placard.json ] || { echo "remove deleted the config"; exit 1; }
"$c/postrm" purge
[ ! -e /etc/placard ] || { echo "purge left /etc/placard"; exit 1; }
EOF
  check "postinst makes the user and the config once, keeps the organiser's; purge cleans up" \
    unshare -rm sh "$scratch/maintainer.sh" "$scratch" "$root" "$scratch/control"
else
  echo "skip  maintainer scripts in a namespace: needs root and unshare (user and mount namespaces)"
fi

echo "package-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
