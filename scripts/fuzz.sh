#!/usr/bin/env bash
# Fuzz the reader and validator with libFuzzer for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS]
#
# Builds wasm2native-fuzz-validate (ASan + libFuzzer) in build-fuzz/, seeds
# the corpus with every module of the spec suites (wast2json of
# $WASM_TESTSUITE/core/*.wast, default ../shared/wasm-testsuite; and the
# WebAssembly 3.0 suite, $WASM_SPEC/core, default ../shared/wasm-spec,
# converted by the reference interpreter that the main build makes,
# build/bin/wasm-spec-interpreter), and runs it. Exits non-zero if libFuzzer reports a crash, a leak, a timeout or an
# out-of-memory; the input that triggered it is saved in
# build-fuzz/artifacts/. The corpus in build-fuzz/corpus/ grows from run to
# run; delete it to start again from the seeds.
#
# Environment: WASM_TESTSUITE, FUZZ_BUILD_DIR (default build-fuzz), JOBS
# (default 2), CC/CXX (default clang-19/clang++-19).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
SECS=${1:-60}
BUILD=${FUZZ_BUILD_DIR:-$REPO/build-fuzz}
TESTSUITE=${WASM_TESTSUITE:-$REPO/../shared/wasm-testsuite}
SPEC3=${WASM_SPEC:-$REPO/../shared/wasm-spec}
INTERPRETER=${W2N_BUILD:-$REPO/build}/bin/wasm-spec-interpreter
JOBS=${JOBS:-2}
FUZZER=$BUILD/bin/wasm2native-fuzz-validate

if ! [[ $SECS =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [SECONDS]" >&2
  exit 2
fi

echo "== fuzz: building $FUZZER"
mkdir -p "$BUILD"
cmake -S "$REPO" -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="${CC:-clang-19}" \
  -DCMAKE_CXX_COMPILER="${CXX:-clang++-19}" \
  -DWASM2NATIVE_FUZZ=ON >"$BUILD/configure.log" 2>&1 || {
  cat "$BUILD/configure.log" >&2
  echo "fuzz: FAILED: cmake configure" >&2
  exit 1
}
cmake --build "$BUILD" -j"$JOBS" --target wasm2native-fuzz-validate

echo "== fuzz: seeding the corpus from $TESTSUITE/core"
CORPUS=$BUILD/corpus
ARTIFACTS=$BUILD/artifacts
mkdir -p "$CORPUS" "$ARTIFACTS"
SEEDS=$(mktemp -d)
trap 'rm -rf "$SEEDS"' EXIT
shopt -s nullglob
WASTS=("$TESTSUITE"/core/*.wast)
if [ ${#WASTS[@]} -eq 0 ]; then
  echo "fuzz: warning: no .wast files in $TESTSUITE/core; fuzzing from" \
    "the existing corpus only" >&2
fi
for wast in "${WASTS[@]}"; do
  name=$(basename "$wast" .wast)
  wast2json "$wast" -o "$SEEDS/$name.json" >/dev/null 2>&1 ||
    echo "fuzz: warning: wast2json failed on $wast" >&2
done
# The 3.0 suite's modules: memory64, relaxed SIMD, GC, exceptions... (the
# new opcodes, limits flags and type encodings, valid and not).
if [ -x "$INTERPRETER" ]; then
  while IFS= read -r wast; do
    name=$(echo "${wast#"$SPEC3"/core/}" | tr / _)
    name=3.0-${name%.wast}
    if "$INTERPRETER" -d "$wast" -o "$SEEDS/$name.bin.wast" >/dev/null 2>&1; then
      python3 "$REPO/scripts/spec-modules.py" "$SEEDS/$name.bin.wast" \
        "$SEEDS" "$name" >/dev/null
    else
      echo "fuzz: warning: the reference interpreter failed on $wast" >&2
    fi
  done < <(find "$SPEC3/core" -name '*.wast' | LC_ALL=C sort)
else
  echo "fuzz: warning: no $INTERPRETER; no seeds from the 3.0 suite" >&2
fi
SEED_FILES=("$SEEDS"/*.wasm)
if [ ${#SEED_FILES[@]} -gt 0 ]; then
  cp -- "${SEED_FILES[@]}" "$CORPUS"/
fi
echo "fuzz: ${#SEED_FILES[@]} seed modules; corpus has" \
  "$(find "$CORPUS" -type f | wc -l) files"

# Artifacts from earlier runs must not fail this one.
STAMP=$(mktemp)
trap 'rm -rf "$SEEDS" "$STAMP"' EXIT

SYMBOLIZER=/usr/lib/llvm-19/bin/llvm-symbolizer
if [ -x "$SYMBOLIZER" ]; then
  export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$SYMBOLIZER}
fi

echo "== fuzz: running for ${SECS}s"
LOG=$BUILD/fuzz.log
set +e
"$FUZZER" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
  -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$ARTIFACTS/" \
  "$CORPUS" >"$LOG" 2>&1
STATUS=$?
set -e

# libFuzzer exits non-zero on every finding; also look at the log and for
# new artifacts, so nothing slips through a wrapper that swallows the code.
NEW_ARTIFACTS=$(find "$ARTIFACTS" -type f -newer "$STAMP" | sort)
if [ "$STATUS" -ne 0 ] || [ -n "$NEW_ARTIFACTS" ] ||
  grep -qE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|ALARM: working on the last Unit' "$LOG"; then
  # The report: everything from the first error line on.
  sed -n '/==[0-9]*==ERROR\|ERROR: libFuzzer\|ALARM:/,$p' "$LOG" | head -200 >&2
  for a in $NEW_ARTIFACTS; do
    echo "fuzz: input saved in $a" >&2
  done
  echo "fuzz: FAILED (exit status $STATUS); full log in $LOG" >&2
  exit 1
fi
RUNS=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG" | tail -1)
COV=$(grep -oE 'cov: [0-9]+' "$LOG" | tail -1)
echo "fuzz: OK: ${RUNS:-?} runs in ${SECS}s (${COV:-cov: ?}), no crash," \
  "leak or timeout"
