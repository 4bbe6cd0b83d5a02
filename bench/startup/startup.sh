#!/usr/bin/env bash
# bench/startup/startup.sh [BUILD_DIR] - how fast a compiled module starts.
#
#   1. `wasm2native run` of a trivial module whose compiled code is already
#      cached (the whole process: exec, dynamic linking of the tool, cache
#      lookup with a sha256 of the module, dlopen, instantiate, _start),
#      and the same module through `wasm2native-run` (no LLVM in the
#      process) and `wasm2native run` of a hello-world C program;
#   2. instantiate + call through the embedding API, in process
#      (embed_bench.c, built here against the build's runtime library).
#
# A benchmark, not a test: numbers depend on the machine. Needs wat2wasm;
# the C program needs clang-19 and wasi-libc (skipped without them).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$REPO/build}
BIN=$BUILD/bin
RUNS=${RUNS:-200}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XDG_CACHE_HOME=$WORK/cache

cat > "$WORK/trivial.wat" <<'WAT'
(module
  (memory (export "memory") 1)
  (func (export "_start"))
  (func (export "answer") (result i32) (i32.const 42)))
WAT
wat2wasm "$WORK/trivial.wat" -o "$WORK/trivial.wasm"
"$BIN/wasm2native" compile "$WORK/trivial.wasm" -o "$WORK/trivial.so"

# Median wall time of RUNS runs of a command, in milliseconds.
time_runs() {
  python3 - "$RUNS" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)  # warm (and cache)
t = []
for _ in range(runs):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    t.append((time.perf_counter() - t0) * 1000)
t.sort()
print("median %6.2f ms   p10 %6.2f   p90 %6.2f   (n=%d)" %
      (statistics.median(t), t[len(t) // 10], t[len(t) * 9 // 10], runs))
PY
}

echo "== whole process, trivial module (compiled code cached) =="
printf '%-44s ' "wasm2native run trivial.wasm"
time_runs "$BIN/wasm2native" run "$WORK/trivial.wasm"
printf '%-44s ' "wasm2native-run trivial.so"
time_runs "$BIN/wasm2native-run" "$WORK/trivial.so"
printf '%-44s ' "/bin/true (process floor)"
time_runs /bin/true
if command -v clang-19 >/dev/null && [ -e /usr/lib/wasm32-wasi/libc.a ]; then
  printf '#include <stdio.h>\nint main(void){puts("hello");return 0;}\n' \
    > "$WORK/hello.c"
  # Linked without -O, so that clang does not run Binaryen's wasm-opt.
  clang-19 --target=wasm32-wasi -O2 -c "$WORK/hello.c" -o "$WORK/hello.o"
  clang-19 --target=wasm32-wasi "$WORK/hello.o" -o "$WORK/hello.wasm"
  printf '%-44s ' "wasm2native run hello.wasm (wasi-libc)"
  time_runs "$BIN/wasm2native" run "$WORK/hello.wasm"
fi

echo
echo "== in process, embedding API =="
clang-19 -O2 -I"$REPO/runtime-support/include" "$HERE/embed_bench.c" \
  "$BUILD/lib/libwasm2native-runtime.a" -lstdc++ -ldl -lpthread -o "$WORK/embed_bench"
"$WORK/embed_bench" "$WORK/trivial.so" answer "${ITERATIONS:-5000}"
