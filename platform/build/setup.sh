#!/usr/bin/env bash
# Installs what Placard needs from Debian's packages, then configures and builds it.
#   platform/build/setup.sh [--build-dir DIR] [CMAKE OPTIONS...]
# Safe to run again: it installs only what is missing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir=${PLACARD_BUILD_DIR:-build}
if [ "${1:-}" = "--build-dir" ]; then build_dir=$2; shift 2; fi

. platform/build/install-packages.sh
install_missing setup "${placard_packages[@]}"

cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
cmake --build "$build_dir"
echo "setup: built into $build_dir/"
