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

. platform/install-packages.sh
install_missing setup "${packages[@]}"

cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
cmake --build "$build_dir"
echo "setup: built into $build_dir/"
