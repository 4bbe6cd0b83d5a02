#!/usr/bin/env bash
# Runs the WASI program tests (test/wasi/*.c, lit with golden output) for a
# cross target: each program is compiled here for the target and run with
# the cross-built wasm2native-run under qemu-user. The tests themselves are
# unchanged: a wasm2native on the test PATH (test/cross/bin/) compiles for
# the target and hands `run` to the device runner.
#
#   test/cross/run-wasi.sh [--bounds-checks guard|explicit] [--no-build]
#                          [-v] ARCH...
#
# ARCH is aarch64, riscv64 or all; the bounds-check strategy is the
# target's default unless given. Prints lit's report, a line
# `ARCH wasi: N passed, N failed` per architecture, and the total as the
# last line. Environment: see lib.sh.
set -uo pipefail
# shellcheck source=test/cross/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  sed -n '8,9p' "$0" | cut -c3- >&2
  exit 2
}

BOUNDS=
BUILD=1
LIT_ARGS=(-s)
ARCHES=()
while [ $# -gt 0 ]; do
  case $1 in
  --bounds-checks)
    [ $# -ge 2 ] || usage
    case $2 in guard | explicit) BOUNDS=$2 ;; *) usage ;; esac
    shift
    ;;
  --no-build) BUILD=0 ;;
  -v) LIT_ARGS=(-v) ;;
  all) ARCHES+=("${W2N_CROSS_ARCHES[@]}") ;;
  -*) usage ;;
  *) ARCHES+=("$1") ;;
  esac
  shift
done
[ ${#ARCHES[@]} -gt 0 ] || usage

LIT=${LLVM_EXTERNAL_LIT:-/usr/lib/llvm-19/build/utils/lit/lit.py}
HOST_SITE=$W2N_BUILD/test/lit.site.cfg.py
cross_check_host || exit 1
if [ ! -f "$HOST_SITE" ]; then
  echo "cross: $HOST_SITE not found (configure $W2N_BUILD first)" >&2
  exit 1
fi
if [ ! -f "$LIT" ]; then
  echo "cross: lit not found at $LIT (install llvm-19-tools)" >&2
  exit 1
fi

TOTAL_P=0
TOTAL_F=0
SUMMARY=()
for a in "${ARCHES[@]}"; do
  cross_check_arch "$a" || exit 1
  if [ "$BUILD" -eq 1 ]; then
    cross_build_runtime "$a" || exit 1
  fi
  dir=$(cross_dir "$a")
  work=$dir/wasi-lit
  rm -rf "$work/test"
  mkdir -p "$work/cache"
  # The host build's site config, with the wrappers as the tools and a
  # private output tree; lit.cfg.py puts the tools first on PATH.
  site=$work/lit.site.cfg.py
  sed -e "s|^config.wasm2native_obj_root = .*|config.wasm2native_obj_root = \"$work\"|" \
    -e "s|^config.wasm2native_tools_dir = .*|config.wasm2native_tools_dir = \"$W2N_REPO/test/cross/bin\"|" \
    -e "/^import lit.llvm$/i\\
config.environment['W2N_CROSS_HOST_TOOL'] = '$W2N_BUILD/bin/wasm2native'\\
config.environment['W2N_CROSS_RUNNER'] = '$dir/bin/wasm2native-run'\\
config.environment['W2N_CROSS_ARCH'] = '$a'\\
config.environment['W2N_CROSS_BOUNDS'] = '$BOUNDS'\\
config.environment['W2N_CROSS_CACHE'] = '$work/cache'\\
" "$HOST_SITE" >"$site"

  t=$(now)
  python3 "$LIT" "${LIT_ARGS[@]}" -j"$W2N_JOBS" \
    --param wasm2native_site_config="$site" "$W2N_REPO/test/wasi" 2>&1 |
    tee "$work/lit.log"
  status=${PIPESTATUS[0]}
  count() { sed -nE "s/^ *$1: *([0-9]+).*/\\1/p" "$work/lit.log" | tail -1; }
  np=$(count Passed)
  np=${np:-0}
  nf=0
  for kind in Failed Unresolved 'Timed Out' 'Unexpectedly Passed'; do
    n=$(count "$kind")
    nf=$((nf + ${n:-0}))
  done
  if [ "$status" -ne 0 ] && [ "$nf" -eq 0 ]; then
    nf=1 # lit failed without a count (e.g. a configuration error)
  fi
  line="$a wasi: $np passed, $nf failed (${BOUNDS:-default} bounds checks, $(elapsed "$t") s)"
  echo "$line"
  SUMMARY+=("$line")
  TOTAL_P=$((TOTAL_P + np))
  TOTAL_F=$((TOTAL_F + nf))
done

echo
printf '%s\n' "${SUMMARY[@]}"
echo "$TOTAL_P passed, $TOTAL_F failed"
[ "$TOTAL_F" -eq 0 ]
