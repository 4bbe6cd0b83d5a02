#!/usr/bin/env bash
# Differential fuzzing: wasm2native against V8 (node) and wabt's interpreter
# for SECONDS (default 150), then wasm-reduce on what differs.
#
#   scripts/fuzz-diff.sh [SECONDS] [fuzzdiff.py run options...]
#
# Builds what it needs in build/ (wasm2native, wasm2native-diff-runner),
# empties its output directory (build/fuzz-diff/) and runs
# `test/fuzz/diff/fuzzdiff.py run` from a random first seed, which it
# prints (`--seed N` repeats a run). Cases that differ are kept in
# build/fuzz-diff/findings/, each with its transcripts, diffs and a
# reproduce.sh, and the smallest module of each kind of difference is
# minimised (reduced.wasm, reduced.wat, reproduce-reduced.sh) within
# FUZZ_DIFF_REDUCE_SECONDS (default 60) in all. Ends with `N passed, N
# failed` (modules without and with an unexplained difference) and exits
# non-zero if there was one. See docs/testing.md, "Differential fuzzing".
#
# Environment: JOBS (default 2), W2N_BUILD (default build),
# FUZZ_DIFF_OUT (default $W2N_BUILD/fuzz-diff), FUZZ_DIFF_REDUCE_SECONDS.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

SECS=${1:-150}
if ! [[ $SECS =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [SECONDS] [fuzzdiff.py run options...]" >&2
  exit 2
fi
shift $(($# > 0 ? 1 : 0))
OUT=${FUZZ_DIFF_OUT:-$W2N_BUILD/fuzz-diff}

cmake --build "$W2N_BUILD" -j"$W2N_JOBS" --target wasm2native \
  wasm2native-diff-runner
rm -rf "$OUT"
exec python3 "$W2N_REPO/test/fuzz/diff/fuzzdiff.py" --build "$W2N_BUILD" \
  run --seconds "$SECS" -j "$W2N_JOBS" --out "$OUT" \
  --reduce-seconds "${FUZZ_DIFF_REDUCE_SECONDS:-60}" "$@"
