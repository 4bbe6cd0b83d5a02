#!/usr/bin/env bash
# Runs the core spec suite for a cross target the way users deploy: the
# modules are compiled here (`wasm2native wast --target TRIPLE --prepare
# DIR`), and their commands run on the "device" (`wasm2native-run --spec`,
# cross-built from runtime-support alone) under qemu-user.
#
#   test/cross/run-spec.sh [--full] [--bounds-checks guard|explicit|both]
#                          [-O N] [--no-build] [-v] [--wast FILE]... ARCH...
#
# ARCH is aarch64, riscv64 or all. --wast runs the scripts given (e.g. of
# the 3.0 suite in ../shared/wasm-spec/core) and no others. Without --full
# only the scripts listed in
# test/cross/spec-subset.txt run (see docs/cross.md for why those), with
# test/spec/extra/*.wast in both cases; both
# bounds-check strategies run unless --bounds-checks picks one. Each
# architecture and mode prints a line `ARCH MODE: N passed, N failed` (and
# the failures), and the last line sums them: `N passed, N failed`. The full
# report of each run is in build-ARCH/spec-MODE-O2/spec.log (for -O2).
#
# --no-build skips building the device runtime (it must exist). Scripts are
# prepared and run in $JOBS parallel shards. Scripts whose modules are
# independent run as one list per module (split-lists.py), each in a store
# of its own, which keeps qemu's memory small in guard mode; a shard whose
# qemu process exceeds MAX_RSS_MB of resident memory (default 1024) counts
# as a failure (docs/cross.md). Environment: see lib.sh.
set -uo pipefail
# shellcheck source=test/cross/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  sed -n '7,8p' "$0" | cut -c3- >&2
  exit 2
}

FULL=0
MAX_RSS_MB=${MAX_RSS_MB:-1024}
MODES=(guard explicit)
OPT=2
BUILD=1
VERBOSE=0
ARCHES=()
GIVEN=()
while [ $# -gt 0 ]; do
  case $1 in
  --full) FULL=1 ;;
  --bounds-checks)
    [ $# -ge 2 ] || usage
    case $2 in
    guard | explicit) MODES=("$2") ;;
    both) MODES=(guard explicit) ;;
    *) usage ;;
    esac
    shift
    ;;
  -O) [ $# -ge 2 ] || usage; OPT=$2; shift ;;
  -O[0-3]) OPT=${1#-O} ;;
  --no-build) BUILD=0 ;;
  --wast) [ $# -ge 2 ] || usage; GIVEN+=("$2"); shift ;;
  -v) VERBOSE=1 ;;
  all) ARCHES+=("${W2N_CROSS_ARCHES[@]}") ;;
  -*) usage ;;
  *) ARCHES+=("$1") ;;
  esac
  shift
done
[ ${#ARCHES[@]} -gt 0 ] || usage

# The scripts to run, in order.
WASTS=()
if [ ${#GIVEN[@]} -gt 0 ]; then
  WASTS=("${GIVEN[@]}")
elif [ "$FULL" -eq 1 ]; then
  WASTS=("$W2N_TESTSUITE"/core/*.wast)
else
  while read -r name _; do
    case $name in '' | '#'*) continue ;; esac
    WASTS+=("$W2N_TESTSUITE/core/$name.wast")
  done <"$(dirname "$0")/spec-subset.txt"
fi
# The project's own scripts (semantics the core suite does not reach, such
# as straddling loads whose value is only partly used; extra-3.0: of 3.0
# features) run too, unless --wast names the scripts.
if [ ${#GIVEN[@]} -eq 0 ]; then
  WASTS+=("$(dirname "$0")"/../spec/extra/*.wast)
  WASTS+=("$(dirname "$0")"/../spec/extra-3.0/*.wast)
fi
for w in "${WASTS[@]}"; do
  if [ ! -f "$w" ]; then
    echo "cross: $w not found (set WASM_TESTSUITE)" >&2
    exit 1
  fi
done

# Lists are named after their scripts: a script whose name another one
# already has (the 3.0 suite has core/memory_grow.wast and
# core/multi-memory/memory_grow.wast) runs through a symlink named after
# its directory too; `wasm2native wast` reports the script it points to.
LINKS=$(mktemp -d)
trap 'rm -rf "$LINKS"' EXIT
declare -A SEEN=()
for i in "${!WASTS[@]}"; do
  stem=$(basename "${WASTS[i]}" .wast)
  if [ -n "${SEEN[$stem]:-}" ]; then
    dir=$(basename "$(dirname "${WASTS[i]}")")
    ln -s "$(cd "$(dirname "${WASTS[i]}")" && pwd)/$stem.wast" \
      "$LINKS/$dir-$stem.wast"
    WASTS[i]=$LINKS/$dir-$stem.wast
  fi
  SEEN[$stem]=1
done

cross_check_host || exit 1
for a in "${ARCHES[@]}"; do
  cross_check_arch "$a" || exit 1
  if [ "$BUILD" -eq 1 ]; then
    cross_build_runtime "$a" || exit 1
  fi
done

# merge ORDER LOG...: the shards' reports as one, in the order of the
# scripts in the file ORDER, then the total line. The lines of a script run
# in segments (split-lists.py) become one, with the counts added up.
merge() {
  awk -v order="$1" '
    BEGIN { while ((getline line < order) > 0) list[++n] = line }
    /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3; next }
    /^  / { fails[cur] = fails[cur] $0 "\n"; next }
    {
      cur = $0
      sub(/: ([0-9]+ passed, [0-9]+ failed|error: .*)$/, "", cur)
      if (match($0, /: [0-9]+ passed, [0-9]+ failed$/)) {
        split(substr($0, RSTART + 2), c, " ")
        sp[cur] += c[1]; sf[cur] += c[3]; counted[cur] = 1
      } else {
        errs[cur] = errs[cur] $0 "\n"
      }
      if (!(cur in listed)) extra[++m] = cur
      listed[cur] = 1
    }
    function show(s) {
      if (s in counted) printf "%s: %d passed, %d failed\n", s, sp[s], sf[s]
      printf "%s%s", errs[s], fails[s]
    }
    END {
      for (i = 1; i <= n; i++) if (list[i] in listed) { show(list[i]); done[list[i]] = 1 }
      for (i = 1; i <= m; i++) if (!(extra[i] in done)) show(extra[i])
      printf "%d passed, %d failed\n", p, f
    }' "${@:2}"
}

TOTAL_P=0
TOTAL_F=0
SUMMARY=()
for a in "${ARCHES[@]}"; do
  for m in "${MODES[@]}"; do
    out=$(cross_dir "$a")/spec-$m-O$OPT
    rm -rf "$out"
    mkdir -p "$out"
    printf '%s\n' "${WASTS[@]}" >"$out/order"
    echo "cross: $a, $m bounds checks, -O$OPT: ${#WASTS[@]} scripts"

    # Prepare on the host: shard k compiles every JOBS-th script from k.
    t=$(now)
    pids=()
    for ((k = 0; k < W2N_JOBS; k++)); do
      shard=()
      for ((i = k; i < ${#WASTS[@]}; i += W2N_JOBS)); do
        shard+=("${WASTS[i]}")
      done
      [ ${#shard[@]} -gt 0 ] || continue
      # The 2022 suite and test/spec/extra are WebAssembly 2.0 scripts
      # (--wasm-features=2.0: the 2.0 suite asserts 2.0's rules);
      # test/spec/extra-3.0 and scripts given with --wast are 3.0 ones.
      (
        v2=()
        v3=()
        for w in "${shard[@]}"; do
          if [ ${#GIVEN[@]} -gt 0 ] || [[ $w == */extra-3.0/* ]]; then
            v3+=("$w")
          else
            v2+=("$w")
          fi
        done
        st=0
        if [ ${#v2[@]} -gt 0 ]; then
          "$W2N_BUILD/bin/wasm2native" wast --target "$(cross_triple "$a")" \
            --bounds-checks "$m" -O"$OPT" --wasm-features=2.0 \
            --prepare "$out" "${v2[@]}" || st=1
        fi
        if [ ${#v3[@]} -gt 0 ]; then
          "$W2N_BUILD/bin/wasm2native" wast --target "$(cross_triple "$a")" \
            --bounds-checks "$m" -O"$OPT" --prepare "$out" "${v3[@]}" || st=1
        fi
        exit $st
      ) >"$out/prepare.$k.log" 2>&1 &
      pids+=($!)
    done
    status=0
    for p in "${pids[@]}"; do wait "$p" || status=1; done
    prep_time=$(elapsed "$t")
    if [ "$status" -ne 0 ]; then
      cat "$out"/prepare.*.log >&2
      echo "cross: preparing the scripts for $a failed" >&2
      TOTAL_F=$((TOTAL_F + 1))
      SUMMARY+=("$a $m: preparation failed")
      continue
    fi

    # Run on the "device": shard k runs every JOBS-th script from k, in
    # segments where the script allows (split-lists.py), under GNU time
    # for its peak resident memory.
    t=$(now)
    pids=()
    for ((k = 0; k < W2N_JOBS; k++)); do
      shard=()
      for ((i = k; i < ${#WASTS[@]}; i += W2N_JOBS)); do
        shard+=("$out/$(basename "${WASTS[i]}" .wast).json")
      done
      [ ${#shard[@]} -gt 0 ] || continue
      mapfile -t lists < <(python3 "$(dirname "$0")/split-lists.py" \
        "${shard[@]}")
      /usr/bin/time -f %M -o "$out/rss.$k" \
        "qemu-$a" -L "/usr/$a-linux-gnu" \
        "$(cross_dir "$a")/bin/wasm2native-run" --spec "${lists[@]}" \
        >"$out/run.$k.log" 2>&1 &
      pids+=($!)
    done
    crashed=0
    rss_max=0
    for ((k = 0; k < ${#pids[@]}; k++)); do
      wait "${pids[k]}"
      # 0 or 1 is the runner's verdict; anything else is a crash.
      if [ $? -gt 1 ] || ! tail -1 "$out/run.$k.log" |
        grep -qE '^[0-9]+ passed, [0-9]+ failed$'; then
        echo "cross: the runner died in shard $k; its output:" >&2
        tail -20 "$out/run.$k.log" >&2
        crashed=$((crashed + 1))
      fi
      # GNU time's last line is the peak in KB (after "Command exited
      # with non-zero status N" if the runner counted failures).
      rss=$(($(tail -1 "$out/rss.$k") / 1024))
      [ "$rss" -gt "$rss_max" ] && rss_max=$rss
      if [ "$rss" -gt "$MAX_RSS_MB" ]; then
        echo "cross: shard $k of $a $m peaked at $rss MB of resident" \
          "memory, over MAX_RSS_MB=$MAX_RSS_MB (docs/cross.md)" >&2
        crashed=$((crashed + 1))
      fi
    done
    run_time=$(elapsed "$t")

    merge "$out/order" "$out"/run.*.log >"$out/spec.log"
    read -r np _ nf _ <<<"$(tail -1 "$out/spec.log" | tr -d ,)"
    nf=$((nf + crashed))
    if [ "$VERBOSE" -eq 1 ]; then
      sed '$d' "$out/spec.log"
    else
      # Only the scripts with failures, and their failure lines.
      awk '/^  / { if (show) print; next }
           { show = !/ 0 failed$/ && !/^[0-9]+ passed/; if (show) print }' \
        "$out/spec.log"
    fi
    line="$a $m: $np passed, $nf failed (prepared in ${prep_time} s, ran under qemu-$a in ${run_time} s, at most $rss_max MB)"
    echo "$line"
    SUMMARY+=("$line")
    TOTAL_P=$((TOTAL_P + np))
    TOTAL_F=$((TOTAL_F + nf))
  done
done

echo
printf '%s\n' "${SUMMARY[@]}"
echo "$TOTAL_P passed, $TOTAL_F failed"
[ "$TOTAL_F" -eq 0 ]
