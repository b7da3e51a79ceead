# shellcheck shell=bash
# Sourced by the platform scripts: install_missing NAME PACKAGE... installs, with
# apt-get (as root, or through sudo), those packages that are not installed for
# this machine's architecture (or for all). A cross build may have put the arm64
# build of a -dev package in place of the native one, so the check names the
# architecture. NAME prefixes the messages.

install_missing() {
  local name=$1; shift
  local arch; arch=$(dpkg --print-architecture)
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p:$arch" 2>/dev/null | grep -q "install ok installed" ||
      dpkg-query -W -f='${Status} ${Architecture}\n' "$p" 2>/dev/null | grep -qE "^install ok installed (all|$arch)$" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "$name: installing ${missing[*]}"
  local sudo_=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "$name: need root or sudo to install: ${missing[*]}" >&2; exit 3; }
    sudo_=sudo
  fi
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]/%/:$arch}" >/dev/null
}

# Sourced the same way: enable_arm64_programs NAME lets this amd64 machine run
# arm64 programs through qemu-user and binfmt_misc, as mmdebstrap needs for an
# arm64 root (platform/image.sh, platform/release/install-test.sh).
enable_arm64_programs() {
  install_missing "$1" qemu-user-static binfmt-support arch-test
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64
}

# What building and testing Placard needs (platform/build/setup.sh, platform/test/fuzz.sh).
# shellcheck disable=SC2034
placard_packages=(
  build-essential cmake ninja-build pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev libfribidi-dev libunibreak-dev libqrencode-dev
  libsystemd-dev libcurl4-openssl-dev nlohmann-json3-dev doctest-dev libsodium-dev libcsv-dev libgumbo-dev libicu-dev
  fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-symbola
  python3 python3-jsonschema openssl iproute2 zbar-tools
  python3-gi gir1.2-glib-2.0 gir1.2-nm-1.0
  libmosquitto-dev mosquitto mosquitto-clients
)

# Only for the tests (platform/test.sh), not for building: LibreOffice without
# its desktop front end, whose headless soffice turns the spreadsheet that
# tests/sheets/test_spreadsheet.py writes into CSV, as an editor's would.
# shellcheck disable=SC2034
# Chromium, headless, opens the browser checker's page in tests/check; npm
# installs the library that drives it (playwright-core, from tests/check's
# package-lock.json).
placard_test_packages=(libreoffice-calc-nogui chromium)
command -v npm >/dev/null || placard_test_packages+=(npm)  # a Node.js from elsewhere brings its own

# What platform/build/checker.sh needs to build the browser checker: emscripten
# (clang and libc++ for WebAssembly), dpkg-dev for apt-get source, and
# fontTools and fontconfig to read which characters the screen's fonts have.
# shellcheck disable=SC2034
placard_checker_packages=(emscripten dpkg-dev python3-fonttools fontconfig)

# What platform/bench/fleet-bench.sh needs besides the above: the HTTP server the simulated screens poll.
# shellcheck disable=SC2034
fleet_bench_packages=(nginx-light)
