#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer:
# builds in build-asan/ with PLACARD_SANITIZE=ON and runs ctest. Any memory
# error, undefined behaviour or leak in Placard's code fails the test that
# caused it. Leaks inside third-party libraries (fontconfig, SDL's drivers)
# are suppressed, each by name and with its reason, in
# platform/test/sanitizers/lsan.supp; nothing of Placard's is.
#   platform/test/sanitize.sh [CMAKE OPTIONS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
here=$PWD
# Exported, so the placard binaries the Python tests start are checked too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/platform/test/sanitizers/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# The fuzzers already run under the same sanitizers in platform/test.sh.
PLACARD_FUZZ_SECONDS=${PLACARD_FUZZ_SECONDS:-0} PLACARD_BUILD_DIR=${PLACARD_BUILD_DIR:-build-asan} exec platform/test.sh -DPLACARD_SANITIZE=ON "$@"
