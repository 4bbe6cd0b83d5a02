#!/usr/bin/env bash
# Runs every test level and ends with one line `N passed, N failed`:
#
#   1. setup: install missing packages, build build/    (counts as 1)
#      format: scripts/check-format.sh: clang-format-19 --dry-run -Werror
#             over the C/C++ sources                    (its file counts)
#   2. lit:   check-wasm2native (unit + lit tests)      (lit's own counts)
#   3. spec:  spec-validate on the core spec suite      (its command counts)
#   4. fuzz:  scripts/fuzz.sh 60                        (counts as 1)
#      fdiff: scripts/fuzz-diff.sh 150: differential fuzzing against V8 and
#             wabt, about 3 minutes in all (its modules without and with a
#             difference; a finding is kept in build/fuzz-diff/findings/)
#   5. wast:  `wasm2native wast --wasm-features=2.0` on the whole 2022
#             core suite (every command executed) on this machine, guard and explicit bounds checks,
#             at -O2 and -O0, and guard -O2 with --fuel --epoch (its
#             command counts; the per-file table goes to
#             build/spec-results.md)
#      wast3: `wasm2native wast` on the WebAssembly 3.0 suite
#             (../shared/wasm-spec/core, 258 scripts, converted by the
#             spec's reference interpreter), guard and explicit at -O2 and
#             -O0; every command runs, and a script that passes fewer
#             commands than its floor (test/spec/wasm-3.0-floor.txt,
#             scripts/spec-floor.py) fails (the commands passed; the
#             commands below the floor)
#      debug: build-debug/, a Debug build with assertions (ours, those
#             inlined from LLVM's headers, _GLIBCXX_ASSERTIONS; lib.sh's
#             w2n_build_debug): check-wasm2native (lit's counts), then
#             `wasm2native wast` on the core suite, guard -O2 (its command
#             counts), and on the 3.0 suite against its floor; about 12 minutes from scratch, docs/testing.md
#   6. xspec: the core spec suite for aarch64 and riscv64, both bounds-check
#             strategies, under qemu (test/cross/run-spec.sh; its commands)
#      xspec3: the 3.0 suite (all 258 scripts) on both, -O2, both
#             bounds-check modes, held to the same floor as wast3
#   7. xwasi: the WASI programs of test/wasi for aarch64 and riscv64 under
#             qemu (test/cross/run-wasi.sh; lit's counts)
#
# A stage that cannot run, or fails without counts, counts as 1 failure.
# Every stage runs even if an earlier one failed, so the summary is whole;
# the exit status is non-zero if anything failed.
#
# Environment: STAGES (the stages to run, by name, separated by spaces;
# default all: STAGES="format debug" scripts/check.sh runs those two, on an
# existing build/), WASM_TESTSUITE (default ../shared/wasm-testsuite),
# WASM_SPEC (default ../shared/wasm-spec), DEBUG
# (on, the default, or off: skip the debug stage),
# FUZZ_SECONDS (default 60), FUZZ_DIFF_SECONDS (default 150), JOBS
# (default 2), CROSS_SPEC (full, the
# default: all 146 scripts; subset: test/cross/spec-subset.txt; off: skip
# stages 6 and 7). Timings and the reasons are in docs/cross.md.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

TESTSUITE=${WASM_TESTSUITE:-$W2N_REPO/../shared/wasm-testsuite}
SPEC3=${WASM_SPEC:-$W2N_REPO/../shared/wasm-spec}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_DIFF_SECONDS=${FUZZ_DIFF_SECONDS:-150}
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

PASSED=0
FAILED=0
REPORT=()

# record STAGE PASSED FAILED NOTE
record() {
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  REPORT+=("$(printf '%-6s %6d passed %5d failed  %s' "$1" "$2" "$3" "$4")")
}

banner() { printf '\n==== %s ====\n' "$1"; }

# want STAGE: whether STAGE is to run (all of them unless STAGES lists some).
want() { [ -z "${STAGES:-}" ] || [[ " $STAGES " == *" $1 "* ]]; }

# record_last_line STAGE LOG STATUS: records the `N passed, N failed` last
# line of LOG (a failure if there is none, or if STATUS says one happened
# that the counts do not show).
record_last_line() {
  local last p f
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$2" | tail -1)
  if [ -z "$last" ]; then
    record "$1" 0 1 "no summary line (exit status $3)"
    return
  fi
  read -r p _ f _ <<<"${last//,/}"
  if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
  fi
  record "$1" "$p" "$f" ""
}

if want setup; then
  banner "setup: packages and build"
  if w2n_install_packages && w2n_build; then
    record setup 1 0 ""
  else
    record setup 0 1 "install or build failed"
  fi
fi

# lit_count KIND LOG: N of lit's summary line "  KIND: N (...)" in LOG.
lit_count() { sed -nE "s/^ *$1: *([0-9]+).*/\\1/p" "$2" | tail -1; }

# record_lit STAGE LOG STATUS: records lit's summary in LOG.
record_lit() {
  local passed failed=0 kind n
  passed=$(lit_count Passed "$2")
  for kind in Failed Unresolved 'Timed Out' 'Unexpectedly Passed'; do
    n=$(lit_count "$kind" "$2")
    failed=$((failed + ${n:-0}))
  done
  if [ -z "$passed" ] && [ "$failed" -eq 0 ]; then
    record "$1" 0 1 "no lit summary (exit status $3)"
  elif [ "$3" -ne 0 ] && [ "$failed" -eq 0 ]; then
    record "$1" "${passed:-0}" 1 "lit exited with $3"
  else
    record "$1" "${passed:-0}" "$failed" ""
  fi
}

if want format; then
  banner "format: scripts/check-format.sh"
  "$W2N_REPO/scripts/check-format.sh" 2>&1 | tee "$LOGS/format.log"
  record_last_line format "$LOGS/format.log" "${PIPESTATUS[0]}"
fi

if want lit; then
  banner "lit: check-wasm2native"
  cmake --build "$W2N_BUILD" -j"$W2N_JOBS" --target check-wasm2native 2>&1 |
    tee "$LOGS/lit.log"
  record_lit lit "$LOGS/lit.log" "${PIPESTATUS[0]}"
fi

WASTS=("$TESTSUITE"/core/*.wast)
if want spec; then
  banner "spec: spec-validate $TESTSUITE/core/*.wast"
  SPEC=$W2N_BUILD/bin/spec-validate
  if [ ! -x "$SPEC" ]; then
    echo "spec: $SPEC was not built" >&2
    record spec 0 1 "spec-validate not built"
  elif [ ! -e "${WASTS[0]}" ]; then
    echo "spec: no .wast files in $TESTSUITE/core (set WASM_TESTSUITE)" >&2
    record spec 0 1 "spec suite not found"
  else
    "$SPEC" "${WASTS[@]}" 2>&1 | tee "$LOGS/spec.log"
    SPEC_STATUS=${PIPESTATUS[0]}
    LAST=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/spec.log" | tail -1)
    if [ -z "$LAST" ]; then
      record spec 0 1 "no summary line (exit status $SPEC_STATUS)"
    else
      read -r SP _ SF _ <<<"${LAST//,/}"
      if [ "$SPEC_STATUS" -ne 0 ] && [ "$SF" -eq 0 ]; then
        SF=1
      fi
      record spec "$SP" "$SF" ""
    fi
  fi
fi

if want fuzz; then
  banner "fuzz: scripts/fuzz.sh $FUZZ_SECONDS"
  if "$W2N_REPO/scripts/fuzz.sh" "$FUZZ_SECONDS"; then
    record fuzz 1 0 ""
  else
    record fuzz 0 1 "see build-fuzz/fuzz.log and build-fuzz/artifacts/"
  fi
fi

if want fdiff; then
  banner "fdiff: scripts/fuzz-diff.sh $FUZZ_DIFF_SECONDS"
  "$W2N_REPO/scripts/fuzz-diff.sh" "$FUZZ_DIFF_SECONDS" 2>&1 |
    tee "$LOGS/fuzz-diff.log"
  record_last_line fdiff "$LOGS/fuzz-diff.log" "${PIPESTATUS[0]}"
fi

if want wast; then
  TABLE_ARGS=()
  # The last mode runs the suite on code instrumented with fuel and epoch
  # checks (with no budget and no deadline set, nothing may change).
  for mode in "guard -O2" "explicit -O2" "guard -O0" "explicit -O0" \
    "guard -O2 --fuel --epoch"; do
    read -r bounds opt <<<"$mode"
    banner "wast: core suite, --bounds-checks=$bounds $opt"
    log="$LOGS/wast-$bounds${opt// /}.log"
    # shellcheck disable=SC2086 # $opt is one or more flags
    "$W2N_BUILD/bin/wasm2native" wast --bounds-checks="$bounds" $opt \
      --wasm-features=2.0 "${WASTS[@]}" 2>&1 | tee "$log" |
      grep -v ' 0 failed$'
    record_last_line "wast" "$log" "${PIPESTATUS[0]}"
    [ "$opt" = "${opt%% *}" ] && TABLE_ARGS+=("$bounds $opt=$log")
  done
  python3 "$W2N_REPO/scripts/spec-table.py" "${TABLE_ARGS[@]}" \
    >"$W2N_BUILD/spec-results.md" || true
fi

if want wast3; then
  mapfile -t WASTS3 < <(find "$SPEC3/core" -name '*.wast' | LC_ALL=C sort)
  FLOOR_ARGS=()
  for mode in "guard -O2" "explicit -O2" "guard -O0" "explicit -O0"; do
    read -r bounds opt <<<"$mode"
    banner "wast3: 3.0 suite, --bounds-checks=$bounds $opt"
    log="$LOGS/wast3-$bounds$opt.log"
    "$W2N_BUILD/bin/wasm2native" wast --bounds-checks="$bounds" "$opt" \
      "${WASTS3[@]}" >"$log" 2>&1
    grep -E '^[^ ].*: (error: |[0-9]+ passed, [0-9]+ failed$)' "$log" |
      grep -v ' 0 failed$'
    tail -1 "$log"
    FLOOR_ARGS+=("$bounds $opt=$log")
  done
  banner "wast3: against the floor (test/spec/wasm-3.0-floor.txt)"
  python3 "$W2N_REPO/scripts/spec-floor.py" check \
    "$W2N_REPO/test/spec/wasm-3.0-floor.txt" "${FLOOR_ARGS[@]}" 2>&1 |
    tee "$LOGS/wast3.log"
  record_last_line wast3 "$LOGS/wast3.log" "${PIPESTATUS[0]}"
  python3 "$W2N_REPO/scripts/spec-floor.py" table "${FLOOR_ARGS[@]}" \
    >"$W2N_BUILD/spec-results-3.0.md" || true
fi

if want debug && [ "${DEBUG:-on}" != off ]; then
  banner "debug: $W2N_BUILD_DEBUG (Debug, assertions)"
  if w2n_build_debug; then
    cmake --build "$W2N_BUILD_DEBUG" -j"$W2N_JOBS" \
      --target check-wasm2native 2>&1 | tee "$LOGS/debug-lit.log"
    record_lit debug "$LOGS/debug-lit.log" "${PIPESTATUS[0]}"
    banner "debug: core suite, --bounds-checks=guard -O2, assertions on"
    "$W2N_BUILD_DEBUG/bin/wasm2native" wast --bounds-checks=guard -O2 \
      --wasm-features=2.0 "${WASTS[@]}" 2>&1 | tee "$LOGS/debug-wast.log" |
      grep -v ' 0 failed$'
    record_last_line debug "$LOGS/debug-wast.log" "${PIPESTATUS[0]}"
    banner "debug: 3.0 suite, --bounds-checks=guard -O2, assertions on"
    mapfile -t WASTS3 < <(find "$SPEC3/core" -name '*.wast' | LC_ALL=C sort)
    "$W2N_BUILD_DEBUG/bin/wasm2native" wast --bounds-checks=guard -O2 \
      "${WASTS3[@]}" >"$LOGS/debug-wast3-run.log" 2>&1
    python3 "$W2N_REPO/scripts/spec-floor.py" check \
      "$W2N_REPO/test/spec/wasm-3.0-floor.txt" \
      "debug guard -O2=$LOGS/debug-wast3-run.log" 2>&1 |
      tee "$LOGS/debug-wast3.log"
    record_last_line debug "$LOGS/debug-wast3.log" "${PIPESTATUS[0]}"
  else
    record debug 0 1 "the Debug build failed"
  fi
fi

CROSS_SPEC=${CROSS_SPEC:-full}
if [ "$CROSS_SPEC" != off ] && want xspec; then
  banner "xspec: spec suite ($CROSS_SPEC) on aarch64 and riscv64 under qemu"
  CROSS_ARGS=()
  [ "$CROSS_SPEC" = full ] && CROSS_ARGS=(--full)
  W2N_BUILD=$W2N_BUILD WASM_TESTSUITE=$TESTSUITE \
    "$W2N_REPO/test/cross/run-spec.sh" "${CROSS_ARGS[@]}" all 2>&1 |
    tee "$LOGS/xspec.log"
  record_last_line xspec "$LOGS/xspec.log" "${PIPESTATUS[0]}"
fi
if [ "$CROSS_SPEC" != off ] && want xspec3; then
  banner "xspec3: the 3.0 suite on aarch64 and riscv64 under qemu"
  mapfile -t WASTS3 < <(find "$SPEC3/core" -name '*.wast' | LC_ALL=C sort)
  XARGS=()
  for w in "${WASTS3[@]}"; do XARGS+=(--wast "$w"); done
  W2N_BUILD=$W2N_BUILD "$W2N_REPO/test/cross/run-spec.sh" "${XARGS[@]}" \
    all 2>&1 | tee "$LOGS/xspec3-run.log" | grep -aE '^[a-z0-9]+ [a-z]+: '
  FLOOR_ARGS=()
  for a in aarch64 riscv64; do
    for m in guard explicit; do
      FLOOR_ARGS+=("$a $m=$W2N_REPO/build-$a/spec-$m-O2/spec.log")
    done
  done
  python3 "$W2N_REPO/scripts/spec-floor.py" check \
    "$W2N_REPO/test/spec/wasm-3.0-floor.txt" "${FLOOR_ARGS[@]}" 2>&1 |
    tee "$LOGS/xspec3.log"
  record_last_line xspec3 "$LOGS/xspec3.log" "${PIPESTATUS[0]}"
fi
if [ "$CROSS_SPEC" != off ] && want xwasi; then
  banner "xwasi: test/wasi programs on aarch64 and riscv64 under qemu"
  W2N_BUILD=$W2N_BUILD "$W2N_REPO/test/cross/run-wasi.sh" --no-build all \
    2>&1 | tee "$LOGS/xwasi.log"
  record_last_line xwasi "$LOGS/xwasi.log" "${PIPESTATUS[0]}"
fi

banner "summary"
printf '%s\n' "${REPORT[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
