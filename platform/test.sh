#!/usr/bin/env bash
# Installs what is needed, builds with tests, and runs the whole test suite.
#   platform/test.sh [CMAKE OPTIONS...]     e.g. -DPLACARD_SANITIZE=ON
# Exits non-zero when any test fails; the last line is ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${PLACARD_BUILD_DIR:-build}
platform/setup.sh --build-dir "$build_dir" -DPLACARD_TESTS=ON "$@"
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 300
