#!/usr/bin/env bash
# Placard against a Chromium kiosk showing the same slides on this machine,
# side by side, then the core benchmarks. The README's table and plot come
# from here; anyone can run it again and compare.
#   platform/bench.sh [--seconds N]     (default 60 s a program; about 3 minutes in all)
# Installs what it needs (Chromium, Xvfb, ImageMagick) with apt-get, builds
# with PLACARD_BENCH=ON in build-bench/, writes out/bench/results.json and
# results.md, and images/bench/ (the plot and a screenshot of each).
# Nothing leaves the machine: the page is a local file and Chromium is told
# to stay offline (tests/bench/run_bench.py lists the flags).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    *) echo "usage: platform/bench.sh [--seconds N]" >&2; exit 2 ;;
  esac
done
[ "$seconds" -ge 30 ] || { echo "bench: --seconds must be at least 30 (the steady-state window is 10-25 s)" >&2; exit 2; }

# The benchmark's own packages; platform/setup.sh installs the build's.
. platform/install-packages.sh
install_missing bench chromium xvfb imagemagick

build_dir=${PLACARD_BENCH_BUILD_DIR:-build-bench}
platform/setup.sh --build-dir "$build_dir" -DPLACARD_BENCH=ON >/dev/null
echo "bench: built into $build_dir/; the machine's load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
exec python3 tests/bench/run_bench.py --build-dir "$build_dir" --out out/bench --images images/bench --seconds "$seconds"
