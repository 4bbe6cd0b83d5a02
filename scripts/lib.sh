# shellcheck shell=bash
# Shared by setup.sh and check.sh (source it; it defines functions only):
# the Debian 12 packages the project needs, the release build in build/
# and the Debug build with assertions in build-debug/.

W2N_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W2N_BUILD=${W2N_BUILD:-$W2N_REPO/build}
W2N_BUILD_DEBUG=${W2N_BUILD_DEBUG:-$W2N_REPO/build-debug}
W2N_JOBS=${JOBS:-2}

# LLVM/clang/lld 19 and their CMake packages, lit and FileCheck
# (llvm-19-tools), libFuzzer and ASan (libclang-rt-19-dev, only a
# recommendation of clang-19), CLI11, GoogleTest, wabt (wat2wasm,
# wast2json), the build tools, and the libraries LLVMExports.cmake names.
# The WASI tests (test/wasi), the plugin example and the benchmarks
# (bench/run.py) also need wasi-libc and the wasm32 builtins
# (libclang-rt-19-dev-wasm32) to build wasm32 programs; the benchmarks GNU
# time for each run's max RSS, and nodejs for the V8 comparison.
# nlohmann-json3-dev is the JSON reader of the spec runner, which must build
# without LLVM (lib/spec-runner). The differential fuzzer
# (scripts/fuzz-diff.sh) generates and reduces modules with binaryen
# (wasm-opt -ttf, wasm-reduce) and runs them on nodejs and wabt. The cross tests (test/cross) need the
# aarch64 and riscv64 cross compilers (their libstdc++ comes with them) and
# qemu-user to run what they build. clang-format-19 checks the formatting
# (scripts/check-format.sh). The OCaml compiler, dune and menhir build the
# spec's reference interpreter (cmake/SpecInterpreter.cmake), which
# converts WebAssembly 3.0 scripts for `wasm2native wast`.
W2N_PACKAGES=(
  llvm-19-dev clang-19 lld-19 liblld-19-dev llvm-19-tools libclang-rt-19-dev
  libcli11-dev libgtest-dev wabt ninja-build cmake python3
  zlib1g-dev libzstd-dev libedit-dev libxml2-dev libffi-dev
  libcurl4-openssl-dev
  wasi-libc libclang-rt-19-dev-wasm32 time nodejs
  nlohmann-json3-dev binaryen
  g++-aarch64-linux-gnu g++-riscv64-linux-gnu qemu-user clang-format-19
  ocaml-nox ocaml-dune menhir libmenhir-ocaml-dev
)

# Installs whichever of W2N_PACKAGES are missing; needs no network (and no
# root) when none are.
w2n_install_packages() {
  if ! command -v dpkg-query >/dev/null; then
    echo "setup: no dpkg-query: not Debian; install by hand:" \
      "${W2N_PACKAGES[*]}" >&2
    return 1
  fi
  local missing=() p
  for p in "${W2N_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != \
      "install ok installed" ]; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#W2N_PACKAGES[@]} packages are installed"
    return 0
  fi
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root to install packages" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update &&
    apt-get install -y --no-install-recommends "${missing[@]}"
}

# Configures and builds build/ (Release, clang-19, warnings are errors).
w2n_build() {
  echo "setup: building $W2N_BUILD"
  cmake -S "$W2N_REPO" -B "$W2N_BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DWASM2NATIVE_WERROR=ON &&
    cmake --build "$W2N_BUILD" -j"$W2N_JOBS"
}

# Configures and builds build-debug/: Debug (no NDEBUG, so our asserts and
# the asserts inlined from LLVM's headers are on) with libstdc++'s checks
# (_GLIBCXX_ASSERTIONS: bounds of operator[], front/back of empty
# containers; it does not change the ABI). Debian's libLLVM is built
# without assertions, so its own code checks nothing; the ABI stays the
# same because llvm/Config/abi-breaking.h fixes
# LLVM_ENABLE_ABI_BREAKING_CHECKS to the installed LLVM's value (0) for
# every build type, and nothing here overrides it. -O1 -g1 instead of -O0
# -g: the spec stage compiles every module of the suite through this
# compiler (docs/testing.md).
w2n_build_debug() {
  echo "setup: building $W2N_BUILD_DEBUG (Debug, assertions)"
  cmake -S "$W2N_REPO" -B "$W2N_BUILD_DEBUG" -G Ninja \
    -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_CXX_FLAGS=-D_GLIBCXX_ASSERTIONS \
    -DWASM2NATIVE_WERROR=ON &&
    cmake --build "$W2N_BUILD_DEBUG" -j"$W2N_JOBS"
}
