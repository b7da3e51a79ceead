#!/usr/bin/env bash
# Proves the arm64 build (64-bit Raspberry Pi OS) on a Debian PC: cross-compiles
# Placard with Debian's cross compiler against Debian's arm64 libraries, runs
# the unit tests (core_tests) and the shell tests (shell_tests: the real
# binaries, the fonts and SDL's offscreen driver) under qemu-user, then builds
# the arm64 .deb and runs its binaries.
#   platform/test/cross-test.sh            (build folder: build-arm64, or PLACARD_BUILD_DIR)
# Slow (a quarter of an hour on two cores): run it before a release, not in every CI run.
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${PLACARD_BUILD_DIR:-build-arm64}
jobs=${PLACARD_JOBS:-2}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  else
    command -v sudo >/dev/null || { echo "cross-test: need root or sudo to run: $*" >&2; exit 3; }
    sudo "$@"
  fi
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# --- Packages: the PC's tools, and arm64 copies of every library Placard links ----
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "cross-test: adding arm64 as a second package architecture (dpkg --add-architecture arm64)"
  as_root dpkg --add-architecture arm64
  as_root apt-get update -qq
fi
# The same -dev packages platform/build/setup.sh installs for the PC, in their arm64 builds.
# shellcheck source=platform/build/install-packages.sh
. platform/build/install-packages.sh
mapfile -t libraries < <(printf '%s\n' "${placard_packages[@]}" | grep -E '^lib.+-dev$')
[ ${#libraries[@]} -gt 0 ] || { echo "cross-test: no -dev packages found in platform/build/install-packages.sh" >&2; exit 1; }
wanted=(crossbuild-essential-arm64 qemu-user cmake ninja-build pkg-config dpkg-dev file
        nlohmann-json3-dev doctest-dev fonts-noto-core fonts-noto-cjk)
private=()
for lib in "${libraries[@]}"; do
  info=$(apt-cache show "$lib:arm64" 2>/dev/null || true)
  if grep -q '^Multi-Arch: same' <<<"$info"; then
    wanted+=("$lib:arm64")
  else
    wanted+=("$lib")  # its headers; its arm64 library goes in the private sysroot below
    private+=("$lib")
  fi
done
missing=()
for p in "${wanted[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "cross-test: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A -dev package that is not multi-arch (bookworm's libunibreak-dev installs to
# /usr/lib) cannot sit beside the PC's copy: its arm64 build and the libraries
# it depends on are unpacked into a folder of this build's own instead, and
# its pkg-config file is pointed there. The build's RPATH finds them under qemu.
mkdir -p "$build_dir"
sysroot="$(cd "$build_dir" && pwd)/arm64-private"
private_depends=""
if [ ${#private[@]} -gt 0 ]; then
  if [ "$(cat "$sysroot/packages" 2>/dev/null)" != "${private[*]}" ]; then
    echo "cross-test: unpacking the arm64 builds of ${private[*]} into $sysroot/"
    rm -rf "$sysroot"
    mkdir -p "$sysroot/debs"
    for lib in "${private[@]}"; do
      download=("$lib:arm64")
      mapfile -t runtime < <(apt-cache show "$lib:arm64" | sed -n 's/^Depends: //p' | head -n 1 | tr ',' '\n' |
                             sed 's/^ *//; s/ .*//' | grep '^lib' || true)
      for r in "${runtime[@]}"; do download+=("$r:arm64"); done
      # apt warns that its _apt user cannot write here and downloads as the caller.
      (cd "$sysroot/debs" && apt-get download "${download[@]}")
    done
    for deb in "$sysroot"/debs/*.deb; do dpkg-deb -x "$deb" "$sysroot"; done
    sed -i "s|^prefix=.*|prefix=$sysroot/usr|" "$sysroot"/usr/lib/pkgconfig/*.pc
    echo "${private[*]}" >"$sysroot/packages"
  fi
  for deb in "$sysroot"/debs/*.deb; do
    [ "$(dpkg-deb -f "$deb" Section)" = libdevel ] && continue
    private_depends+="${private_depends:+, }$(dpkg-deb -f "$deb" Package) (>= $(dpkg-deb -f "$deb" Version))"
  done
  export PKG_CONFIG_PATH="$sysroot/usr/lib/pkgconfig"
fi

# --- Build -------------------------------------------------------------------------
# -U: pkg-config is asked again each time, so a change of sysroot takes effect.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE=platform/build/cmake/aarch64-linux-gnu.cmake \
  -U 'pkgcfg_lib_*' -U '__pkg_config_checked_*' -DCMAKE_INSTALL_PREFIX=/usr -DPLACARD_PRIVATE_LIB_DIRS="${private[*]:+$sysroot/usr/lib}" \
  -DPLACARD_PRIVATE_LIB_DEPENDS="$private_depends" >/dev/null
cmake --build "$build_dir" -j "$jobs"
for binary in placard placard-feed; do
  file -b "$build_dir/kiosk/$binary" | grep -q "ARM aarch64" ||
    { echo "cross-test: $build_dir/kiosk/$binary is not an arm64 program: $(file -b "$build_dir/kiosk/$binary")" >&2; exit 1; }
done
echo "cross-test: built arm64 programs in $build_dir/"

# --- Tests under qemu ------------------------------------------------------------------
# Every test that CMake runs through the emulator: the doctest suites. The
# Python suites start the arm64 binaries themselves, which needs binfmt_misc,
# and a container seldom has it.
emulated=$(ctest --test-dir "$build_dir" --show-only=json-v1 | python3 -c '
import json, sys
tests = json.load(sys.stdin)["tests"]
print(",".join(str(i) for i, t in enumerate(tests, 1) if t.get("command") and t["command"][0].endswith("qemu-aarch64")))')
[ -n "$emulated" ] || { echo "cross-test: no test runs under the emulator" >&2; exit 1; }
# Emulated, the kiosk starts about ten times slower, and on a busy machine a
# shell test that signals it after a fixed second can catch it before its first
# frame: a failed test gets up to two more tries. One that fails every time fails.
ctest --test-dir "$build_dir" -I "0,0,0,$emulated" -j "$jobs" --output-on-failure --timeout 600 --repeat until-pass:3

# --- The arm64 package -------------------------------------------------------------------
rm -f "$build_dir"/placard_*.deb
# dpkg-shlibdeps reads DEB_HOST_ARCH: the arm64 objdump and library folders.
(cd "$build_dir" && DEB_HOST_ARCH=arm64 cpack >/dev/null)
deb=$(find "$build_dir" -maxdepth 1 -name 'placard_*_arm64.deb' | head -n 1)
[ -n "$deb" ] || { echo "cross-test: cpack made no arm64 package" >&2; exit 1; }
[ "$(dpkg-deb -f "$deb" Architecture)" = arm64 ] || { echo "cross-test: $deb is not marked arm64" >&2; exit 1; }
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libsdl2-2.0-0 libcurl4 fonts-noto-core fonts-noto-cjk; do
  grep -q "$dep" <<<"$depends" || { echo "cross-test: $deb does not depend on $dep: $depends" >&2; exit 1; }
done
root=$(mktemp -d "${TMPDIR:-/tmp}/placard-cross-test.XXXXXX")
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
# The installed binaries have no build RPATH: qemu looks for the libraries that
# were unpacked privately in that folder first (-L), as a Pi finds them in /usr/lib.
qemu=(qemu-aarch64)
[ ${#private[@]} -eq 0 ] || qemu+=(-L "$sysroot")
"${qemu[@]}" "$root/usr/bin/placard" --version
"${qemu[@]}" "$root/usr/bin/placard-feed" validate "$root/usr/share/placard/demo.json"
echo "cross-test: $deb"
echo "cross-test: Depends: $depends"
echo "cross-test: passed"
