# Cross toolchain for riscv64 Linux devices, e.g.
#   cmake -S . -B build-riscv64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/riscv64-linux-gnu.cmake \
#     -DWASM2NATIVE_RUNTIME_ONLY=ON
#   qemu-riscv64 -L /usr/riscv64-linux-gnu build-riscv64/bin/wasm2native-run module.so
set(W2N_CROSS_ARCH riscv64)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux-gnu.cmake)
