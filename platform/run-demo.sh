#!/usr/bin/env bash
# Builds Placard and shows the bundled demo feed full-screen. Where there is no
# display, it says so and renders the demo slides to PNG files instead.
#   platform/run-demo.sh [placard options, e.g. --size 1280x720]
set -euo pipefail
cd "$(dirname "$0")/.."
platform/build/setup.sh
build_dir=${PLACARD_BUILD_DIR:-build}

has_display() {
  [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] && return 0
  # A Linux console with a KMS device (a Raspberry Pi without a desktop).
  [ -e /dev/dri/card0 ] && tty -s 2>/dev/null && [[ "$(tty)" == /dev/tty[0-9]* ]]
}

if has_display; then
  exec "$build_dir/kiosk/placard" "$@"
fi
out=${PLACARD_PREVIEW_DIR:-out/demo-slides}
echo "run-demo: no display found (no DISPLAY or WAYLAND_DISPLAY, not on a console)."
echo "run-demo: rendering the demo slides to PNG files in $out/ instead."
"$build_dir/kiosk/placard-feed" preview demo --out "$out" --size 1920x1080
