# shellcheck shell=bash
# Shared by the scripts in test/cross/ (source it; it defines functions and
# variables only): the device builds of runtime-support and wasm2native-run
# for each architecture, and how to run them under qemu-user.
#
# Environment:
#   W2N_BUILD          the host build with bin/wasm2native (default build/)
#   W2N_CROSS_PREFIX   device builds go to ${W2N_CROSS_PREFIX}ARCH
#                      (default build- in the repository: build-aarch64, ...)
#   WASM_TESTSUITE     the spec suite (default ../shared/wasm-testsuite)
#   JOBS               parallel processes (default 2)

W2N_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
W2N_BUILD=${W2N_BUILD:-$W2N_REPO/build}
W2N_CROSS_PREFIX=${W2N_CROSS_PREFIX:-$W2N_REPO/build-}
W2N_JOBS=${JOBS:-2}
# shellcheck disable=SC2034 # used by the scripts that source this file
W2N_TESTSUITE=${WASM_TESTSUITE:-$W2N_REPO/../shared/wasm-testsuite}
# shellcheck disable=SC2034
W2N_CROSS_ARCHES=(aarch64 riscv64)

# cross_triple ARCH: the target triple wasm2native compiles for.
cross_triple() { echo "$1-linux-gnu"; }

# cross_dir ARCH: the device build directory.
cross_dir() { echo "${W2N_CROSS_PREFIX}$1"; }

# cross_check_arch ARCH: fails (with a message) unless ARCH is supported
# and its cross compiler and qemu are installed.
cross_check_arch() {
  local a=$1 tool
  case $a in
  aarch64 | riscv64) ;;
  *)
    echo "cross: unknown architecture '$a' (aarch64, riscv64)" >&2
    return 1
    ;;
  esac
  for tool in "$a-linux-gnu-g++" "qemu-$a"; do
    if ! command -v "$tool" >/dev/null; then
      echo "cross: $tool not found (install g++-$a-linux-gnu and" \
        "qemu-user; scripts/setup.sh does)" >&2
      return 1
    fi
  done
}

# cross_run ARCH COMMAND...: runs a device binary under qemu-user, with the
# cross toolchain's libraries as the target's root.
cross_run() {
  local a=$1
  shift
  "qemu-$a" -L "/usr/$a-linux-gnu" "$@"
}

# cross_build_runtime ARCH: configures and builds the device side
# (runtime-support, w2nSpecRunner, wasm2native-run; no LLVM) with the
# toolchain file, into $(cross_dir ARCH). Warnings are not errors here:
# that gate is the clang build of build/, and GCC warns differently.
cross_build_runtime() {
  local a=$1 dir
  dir=$(cross_dir "$a")
  echo "cross: building the $a device runtime in $dir"
  mkdir -p "$dir"
  cmake -S "$W2N_REPO" -B "$dir" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$W2N_REPO/cmake/toolchains/$a-linux-gnu.cmake" \
    -DWASM2NATIVE_RUNTIME_ONLY=ON -DCMAKE_BUILD_TYPE=Release \
    -DWASM2NATIVE_WERROR=OFF >"$dir/configure.log" 2>&1 || {
    cat "$dir/configure.log" >&2
    echo "cross: configuring $dir failed" >&2
    return 1
  }
  cmake --build "$dir" -j"$W2N_JOBS" --target wasm2native-run
}

# cross_check_host: fails unless the host compiler is built.
cross_check_host() {
  if [ ! -x "$W2N_BUILD/bin/wasm2native" ]; then
    echo "cross: $W2N_BUILD/bin/wasm2native is not built (scripts/setup.sh," \
      "or set W2N_BUILD)" >&2
    return 1
  fi
}

# now: seconds since the epoch, with fractions.
now() { date +%s.%N; }

# elapsed START: seconds since START, to a tenth.
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
