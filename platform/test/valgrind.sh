#!/usr/bin/env bash
# The kiosk for 30 s under valgrind's memcheck: no definite leaks and no
# memory errors. It draws offscreen (SDL's offscreen driver, no display
# needed) and polls a feed through its file:// URL, so the poller thread,
# libcurl, the cache and a feed change are all in the run.
#   platform/test/valgrind.sh [SECONDS]      (default 30)
# Third-party-only reports (fontconfig's caches, SDL's drivers) are suppressed,
# each with its reason, in platform/test/sanitizers/valgrind.supp. The full log is
# kept in out/valgrind.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}

. platform/build/install-packages.sh
install_missing valgrind valgrind
build_dir=${PLACARD_BUILD_DIR:-build}
platform/build/setup.sh --build-dir "$build_dir" >/dev/null

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo '{}' > "$scratch/placard.json"
cp feeds/demo.json "$scratch/feed.json"
mkdir -p out
log=out/valgrind.log
echo "valgrind: the kiosk for $seconds s under memcheck (several times slower than usual) ..."
# Half-way through, the feed changes: the kiosk takes it at the next slide.
( sleep $((seconds / 2)); sed 's/"sequence": 1,/"sequence": 2,/' feeds/demo.json > "$scratch/next.json" &&
  mv "$scratch/next.json" "$scratch/feed.json" ) &
status=0
SDL_AUDIODRIVER=dummy valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect \
  --errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=40 --track-origins=yes \
  --suppressions=platform/test/sanitizers/valgrind.supp --log-file="$log" \
  "$build_dir/kiosk/placard" --config "$scratch/placard.json" --cache-dir "$scratch/cache" \
  --feed "file://$scratch/feed.json" --poll-seconds 15 --video-driver offscreen --windowed 1920x1080 \
  --no-sync --run-for "$seconds" --stats "$scratch/stats.json" || status=$?
wait
if [ -f "$scratch/stats.json" ]; then
  python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))
print("valgrind: the run drew %d frames, showed %d slides and fetched the feed %d times (%s)" % (s["frames"], len(s["slides"]),
      len(s["fetches"]), ", ".join(f["verdict"] for f in s["fetches"])))' "$scratch/stats.json"
fi
grep -E "definitely lost|indirectly lost|ERROR SUMMARY" "$log" | sed 's/^==[0-9]*== /valgrind: /'
case $status in
  0) echo "valgrind: no definite leaks, no memory errors (log: $log)" ;;
  99) echo "valgrind: FAILED: memcheck found errors or definite leaks; see $log" >&2; exit 1 ;;
  *) echo "valgrind: FAILED: the kiosk exited with $status; see $log" >&2; exit 1 ;;
esac
