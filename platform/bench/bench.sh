#!/usr/bin/env bash
# Placard against a Chromium kiosk showing the same slides on this machine, in
# alternating pairs, then the core benchmarks, then Placard's memory (the demo
# at 1080p and 4K, the largest feed and a change of it: memory_bench.py). The table and plot in tests/bench/RESULTS.md come
# from here; anyone can run it again and compare.
#   platform/bench/bench.sh [--pairs N] [--seconds S]
# --pairs: how many Placard-then-Chromium pairs (default 3; about 4 minutes a pair).
# --seconds: watch each run this long after its first paint instead of a whole
#   rotation of the demo feed (a quick look; RESULTS.md's figures use the rotation).
# Installs what it needs (Chromium, Xvfb, ImageMagick, python3-xlib) with
# apt-get, builds with PLACARD_BENCH=ON in build-bench/, writes
# out/bench/results.json and results.md, and images/bench/ (the plot and a
# screenshot of each). Nothing leaves the machine: the page is a local file and
# Chromium is told to stay offline (tests/bench/run_bench.py lists the flags).
set -euo pipefail
cd "$(dirname "$0")/../.."

args=()
pairs=3
seconds=
while [ $# -gt 0 ]; do
  case $1 in
    --pairs) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench: --pairs needs a whole number, 1 or more" >&2; exit 2; }
             args+=(--pairs "$2"); pairs=$2; shift 2 ;;
    --seconds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench: --seconds needs a whole number of seconds" >&2; exit 2; }
               args+=(--seconds "$2"); seconds=$2; shift 2 ;;
    *) echo "usage: platform/bench/bench.sh [--pairs N] [--seconds S]" >&2; exit 2 ;;
  esac
done

# The benchmark's own packages; platform/build/setup.sh installs the build's.
. platform/build/install-packages.sh
install_missing bench chromium xvfb imagemagick python3-xlib

build_dir=${PLACARD_BENCH_BUILD_DIR:-build-bench}
platform/build/setup.sh --build-dir "$build_dir" -DPLACARD_BENCH=ON >/dev/null
echo "bench: built into $build_dir/; the machine's load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
# Debian's Python, which has the python3-xlib just installed (a pyenv's may not).
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3
"$python" tests/bench/run_bench.py --build-dir "$build_dir" --out out/bench --images images/bench "${args[@]}"
# Memory: the demo at 1920x1080 and 3840x2160 and the largest feed with a
# change to another as large, as many runs as pairs (tests/bench/memory_bench.py).
memory_args=(--runs "$pairs")
[ -n "$seconds" ] && memory_args+=(--seconds "$seconds")
echo "bench: memory; the machine's load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" tests/bench/memory_bench.py --placard placard="$build_dir/kiosk/placard" "${memory_args[@]}" \
  --out out/bench/memory.json | tee out/bench/memory.md
