#!/usr/bin/env bash
# Installs what is needed, builds with tests, fuzzes each parser briefly and
# runs the whole test suite: the CI run, under 20 minutes on an idle 2-core
# machine. With --slow it also boots the amd64 SD-card image under QEMU
# (platform/vm/vm-test.sh) and runs the release's own checks.
#   platform/test.sh [--quick | --slow] [CMAKE OPTIONS...]     e.g. -DPLACARD_SANITIZE=ON
#     --quick   the same as the default (kept for older notes)
#     --slow    the guest boot too (the trixie package and the image built
#               while the fuzz targets run, then booted four times: about 16 more
#               minutes), then the release's checks (platform/release/release.sh:
#               every suite's packages installed in clean roots, arm64 under
#               emulation, the arm64 image booted): an hour and a half more
# PLACARD_VM_TEST=1 boots the guest without the release's checks; =0 never.
# PLACARD_FUZZ_SECONDS (default 15) is each fuzz target's time; 0 skips fuzzing.
# Exits non-zero when any test fails, a fuzz target crashes or the guest's
# checks fail; ctest's summary comes last.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${PLACARD_BUILD_DIR:-build}
vm_test=${PLACARD_VM_TEST:-0}
slow=no
case "${1:-}" in
  --quick) shift ;;
  --slow) slow=yes; vm_test=${PLACARD_VM_TEST:-1}; shift ;;
esac
# How long each stage took, printed at the end (CI has a time budget).
stage_start=$SECONDS
stage_times=""
stage_done() { stage_times="$stage_times $1 $((SECONDS - stage_start)) s;"; stage_start=$SECONDS; }
platform/build/setup.sh --build-dir "$build_dir" -DPLACARD_TESTS=ON "$@"
. platform/build/install-packages.sh
# Everything at once, before the builds that run side by side (the checker
# beside the fuzz targets) would each want apt: clang for the fuzz targets too.
install_missing test "${placard_test_packages[@]}" "${placard_checker_packages[@]}" clang libclang-rt-dev
stage_done "set-up and build:"
jobs=$(nproc 2>/dev/null || echo 2)
# The console path, booted for real (platform/vm/vm-test.sh): the trixie
# package and the amd64 SD-card image are built while the fuzz targets run
# (they run for a fixed time whatever else the machine does), and booted after
# ctest. Needs root (mmdebstrap, chroot) and Debian's qemu-system-x86 and
# mmdebstrap, installed or installable. No KVM needed: it runs under software
# emulation.
vm_status=0
vm_build=""
if [ "$vm_test" = 0 ]; then
  echo "test: guest boot left for --slow (or PLACARD_VM_TEST=1): about 12 minutes more on 2 cores"
elif [ "$(id -u)" != 0 ] || [ "$(dpkg --print-architecture)" != amd64 ] ||
     [ "$(apt-cache policy qemu-system-x86 mmdebstrap 2>/dev/null | grep -c 'Candidate: [0-9]')" != 2 ]; then
  echo "test: guest boot skipped: needs root on amd64 with qemu-system-x86 and mmdebstrap available from apt"
  vm_test=0
else
  echo "test: building the trixie package and the amd64 image in the background (log: $build_dir/vm-build.log)"
  (
    started=$SECONDS
    status=0
    platform/vm/vm-test.sh --build-only >"$build_dir/vm-build.log" 2>&1 || status=$?
    echo "$((SECONDS - started))" >"$build_dir/vm-build.seconds"
    exit "$status"
  ) &
  vm_build=$!
fi
# The browser checker's page (feeds/check/, compiled to WebAssembly) is built
# beside the fuzz targets too; ctest's check.prepare then finds it built.
(
  started=$SECONDS
  status=0
  tests/check/prepare.sh "$build_dir" >"$build_dir/checker-build.log" 2>&1 || status=$?
  echo "$((SECONDS - started))" >"$build_dir/checker-build.seconds"
  exit "$status"
) &
checker_build=$!
# A short run of every fuzz target (platform/test/fuzz.sh installs clang for it), so
# a change that makes a parser crash fails CI; the long runs are done by hand.
fuzz_status=0
fuzz_seconds=${PLACARD_FUZZ_SECONDS:-15}
if [ "$fuzz_seconds" != 0 ]; then
  platform/test/fuzz.sh --seconds "$fuzz_seconds" --build-dir "$build_dir-fuzz" || fuzz_status=$?
fi
wait "$checker_build" || echo "test: building the browser checker failed (its log: $build_dir/checker-build.log)"
stage_done "fuzzing (and the browser checker, built in $(cat "$build_dir/checker-build.seconds" 2>/dev/null || echo '?') s beside it):"
if [ -n "$vm_build" ]; then
  wait "$vm_build" || vm_status=$?
  if [ "$vm_status" != 0 ]; then
    echo "test: building the guest's image failed; the end of $build_dir/vm-build.log:"
    tail -n 30 "$build_dir/vm-build.log"
  fi
  stage_done "waiting for the guest's image (built in $(cat "$build_dir/vm-build.seconds" 2>/dev/null || echo '?') s beside the fuzzing):"
fi
ctest_status=0
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 300 2>&1 | tee "$build_dir/ctest.log" ||
  ctest_status=${PIPESTATUS[0]}
stage_done "ctest:"
if [ "$vm_test" != 0 ] && [ "$vm_status" = 0 ]; then
  PLACARD_PREVIEW_TOOL="$build_dir/kiosk/placard-feed" platform/vm/vm-test.sh --boot-only || vm_status=$?
  stage_done "guest boot:"
fi
slow_status=0
if [ "$slow" = yes ]; then
  platform/release/release.sh || slow_status=$?
  stage_done "release checks:"
fi
echo "test: stages:$stage_times in all $SECONDS s"
# ctest's summary again, last, so that it closes the output whatever ran after it.
grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$build_dir/ctest.log" | tail -1 || true
[ "$ctest_status" = 0 ] || exit "$ctest_status"
[ "$fuzz_status" = 0 ] || exit "$fuzz_status"
[ "$vm_status" = 0 ] || exit "$vm_status"
exit "$slow_status"
