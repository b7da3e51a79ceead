#!/usr/bin/env bash
# Fuzzes Placard's parsers with libFuzzer (tests/fuzz/README.md): builds every
# target with clang and AddressSanitizer + UndefinedBehaviorSanitizer in its
# own build folder, runs each in turn for N seconds from its seeds and
# dictionary, and prints its executions and coverage.
#   platform/test/fuzz.sh [--seconds N] [--target NAME] [--build-dir DIR]
# Exits 1 when any target crashed (the input is saved, and named in the
# output), 2 on a usage error. Clang comes from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=30
only=""
build_dir=${PLACARD_FUZZ_BUILD_DIR:-build-fuzz}
targets=(feed config signature keys html rfc3339 layout sheet fleet image wifi)
usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=${2:?}; shift 2 ;;
    --target) only=${2:?}; shift 2 ;;
    --build-dir) build_dir=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "fuzz: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case $seconds in ''|*[!0-9]*) echo "fuzz: --seconds takes a whole number" >&2; exit 2 ;; esac
if [ -n "$only" ]; then
  case " ${targets[*]} " in *" $only "*) targets=("$only") ;;
    *) echo "fuzz: no target '$only'; the targets are: ${targets[*]}" >&2; exit 2 ;; esac
fi

. platform/build/install-packages.sh
install_missing fuzz "${placard_packages[@]}" clang libclang-rt-dev

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLACARD_FUZZ=ON -DPLACARD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target "${targets[@]/#/fuzz_}"

status=0
summary=()
for name in "${targets[@]}"; do
  corpus="$build_dir/fuzz/corpus/$name"      # what this machine's runs found, kept between runs
  crashes="$build_dir/fuzz/crashes/$name"
  log="$build_dir/fuzz/$name.log"
  mkdir -p "$corpus" "$crashes"
  seeds=()
  for dir in "tests/fuzz/seeds/$name" "tests/fuzz/regressions/$name"; do [ -d "$dir" ] && seeds+=("$dir"); done
  if [ "$name" = feed ]; then seeds+=(tests/feeds/valid tests/feeds/invalid tests/feeds/regressions tests/samples); fi
  echo "fuzz: $name for ${seconds}s"
  rc=0
  "$build_dir/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="tests/fuzz/dict/$name.dict" -artifact_prefix="$crashes/" "$corpus" "${seeds[@]}" >"$log" 2>&1 || rc=$?
  # libFuzzer's last status line: "#N DONE cov: C ft: F ...", or the last "#N ... cov:" before a crash.
  stats=$(grep -E '^#[0-9]+[[:space:]].*cov: ' "$log" | tail -1 || true)
  execs=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}' || true)
  [ -n "$execs" ] || execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$stats")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$stats")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$stats")
  line="$name: ${execs:-?} executions, cov ${cov:-?}, ft ${ft:-?}"
  if [ "$rc" -ne 0 ]; then
    status=1
    saved=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | tail -1)
    line="$line: CRASH (exit $rc), input saved to ${saved:-$crashes/}; log $log"
    grep -E 'ERROR: |runtime error|invariant broken|SUMMARY' "$log" | head -5 | sed 's/^/    /' >&2 || true
  else
    line="$line: ok"
  fi
  echo "fuzz: $line"
  summary+=("$line")
done
echo "fuzz: summary (${seconds}s a target):"
printf '  %s\n' "${summary[@]}"
if [ "$status" -ne 0 ]; then
  echo "fuzz: a target crashed: fix it, and keep the input as tests/fuzz/regressions/TARGET/NAME" >&2
fi
exit "$status"
