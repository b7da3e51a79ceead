#!/usr/bin/env bash
# Installs what Placard needs from Debian's packages, then configures and builds it.
#   platform/setup.sh [--build-dir DIR] [CMAKE OPTIONS...]
# Safe to run again: it installs only what is missing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${PLACARD_BUILD_DIR:-build}
if [ "${1:-}" = "--build-dir" ]; then build_dir=$2; shift 2; fi

packages=(
  build-essential cmake ninja-build pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev libfribidi-dev libunibreak-dev libqrencode-dev
  libsystemd-dev libcurl4-openssl-dev nlohmann-json3-dev doctest-dev libsodium-dev
  fonts-noto-core fonts-noto-cjk
  python3 python3-jsonschema openssl iproute2 zbar-tools
)

# Installed for this machine's architecture (or for all): a cross-build may have
# put the arm64 build of a -dev package in place of the native one.
arch=$(dpkg --print-architecture)
installed() {
  dpkg-query -W -f='${Status}\n' "$1:$arch" 2>/dev/null | grep -q "install ok installed" ||
    dpkg-query -W -f='${Status} ${Architecture}\n' "$1" 2>/dev/null | grep -qE "^install ok installed (all|$arch)$"
}
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install packages: ${missing[*]}" >&2; exit 3; }
    sudo_=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_ apt-get update -qq
  $sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]/%/:$arch}" >/dev/null
fi

cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
cmake --build "$build_dir"
echo "setup: built into $build_dir/"
