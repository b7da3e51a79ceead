#!/usr/bin/env bash
# Renders the pictures in images/ from the bundled demo feed with the real fonts:
# every demo slide at 1920x1080, and the first statement and tally in portrait.
#   platform/make-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
platform/setup.sh >/dev/null
build_dir=${PLACARD_BUILD_DIR:-build}
rm -rf images/demo images/portrait
"$build_dir/kiosk/placard-feed" preview demo --out images/demo --size 1920x1080
"$build_dir/kiosk/placard-feed" preview demo --out images/portrait --size 1920x1080 --rotation 90
# Portrait: keep the first statement and the first tally only.
find images/portrait -name 'slide-*.png' ! -name slide-001.png ! -name slide-004.png -delete
rm -f images/portrait/layout.json
