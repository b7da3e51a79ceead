#!/usr/bin/env bash
# Installs what is needed, builds with tests, fuzzes each parser briefly, and
# runs the whole test suite.
#   platform/test.sh [CMAKE OPTIONS...]     e.g. -DPLACARD_SANITIZE=ON
# PLACARD_FUZZ_SECONDS (default 30) is each fuzz target's time; 0 skips fuzzing.
# Exits non-zero when any test fails or a fuzz target crashes; the last line is
# ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${PLACARD_BUILD_DIR:-build}
platform/setup.sh --build-dir "$build_dir" -DPLACARD_TESTS=ON "$@"
. platform/install-packages.sh
install_missing test "${placard_test_packages[@]}"
jobs=$(nproc 2>/dev/null || echo 2)
# A short run of every fuzz target (platform/fuzz.sh installs clang for it), so
# a change that makes a parser crash fails CI; the long runs are done by hand.
fuzz_status=0
fuzz_seconds=${PLACARD_FUZZ_SECONDS:-30}
if [ "$fuzz_seconds" != 0 ]; then
  platform/fuzz.sh --seconds "$fuzz_seconds" --build-dir "$build_dir-fuzz" || fuzz_status=$?
fi
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 300
exit "$fuzz_status"
