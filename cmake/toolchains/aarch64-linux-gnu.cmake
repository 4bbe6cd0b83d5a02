# Cross toolchain for aarch64 Linux devices, e.g.
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake \
#     -DWASM2NATIVE_RUNTIME_ONLY=ON
#   qemu-aarch64 -L /usr/aarch64-linux-gnu build-aarch64/bin/wasm2native-run module.so
set(W2N_CROSS_ARCH aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux-gnu.cmake)
