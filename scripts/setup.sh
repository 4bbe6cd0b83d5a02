#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (run as root): installs the missing
# packages, builds build/, and validates, compiles and runs the example
# module examples/hello.wat (fac(20) and the sum of its data).
#
#   scripts/setup.sh
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

w2n_install_packages
w2n_build
mkdir -p "$W2N_BUILD/examples"
wat2wasm --debug-names "$W2N_REPO/examples/hello.wat" \
  -o "$W2N_BUILD/examples/hello.wasm"
"$W2N_BUILD/bin/wasm2native" validate "$W2N_BUILD/examples/hello.wasm"
"$W2N_BUILD/bin/wasm2native" compile -O2 "$W2N_BUILD/examples/hello.wasm" \
  -o "$W2N_BUILD/examples/hello.so"
"$W2N_BUILD/bin/wasm2native-run" --invoke fac \
  "$W2N_BUILD/examples/hello.so" 20
"$W2N_BUILD/bin/wasm2native-run" --invoke sum \
  "$W2N_BUILD/examples/hello.so" 0 4
echo "setup: OK: $W2N_BUILD/bin/wasm2native is built; examples/hello.wat" \
  "validates, compiles to $W2N_BUILD/examples/hello.so and runs"
