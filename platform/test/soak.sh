#!/usr/bin/env bash
# Seven simulated days of Placard in about a quarter of an hour: the rotation
# on a simulated clock, a new feed every hour, a network fault every five
# hours, every slide built into textures and released (tests/soak/soak.cpp).
# Prints RSS at the start, middle and end and each fault's outcome; exits 1
# when memory or SDL objects grow, or the kiosk fails to ride out a fault.
#   platform/test/soak.sh [--hours N] [--size WxH]     (default 168 hours at 1920x1080)
# CI runs one simulated day of it at 1280x720 (ctest's soak.short).
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${PLACARD_BUILD_DIR:-build}
platform/build/setup.sh --build-dir "$build_dir" -DPLACARD_TESTS=ON >/dev/null
exec "$build_dir/tests/soak/placard-soak" --hours 168 "$@"
