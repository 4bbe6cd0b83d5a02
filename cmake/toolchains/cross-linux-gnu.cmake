# Shared body of the Linux cross toolchain files: set W2N_CROSS_ARCH to the
# Debian architecture triple's CPU (aarch64, riscv64) and include this.
# Cross-builds the device side (configure with -DWASM2NATIVE_RUNTIME_ONLY=ON:
# runtime-support and wasm2native-run, no LLVM) with Debian's cross
# toolchain (g++-${W2N_CROSS_ARCH}-linux-gnu); runs under qemu-user.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${W2N_CROSS_ARCH})
set(CMAKE_C_COMPILER ${W2N_CROSS_ARCH}-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER ${W2N_CROSS_ARCH}-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/${W2N_CROSS_ARCH}-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Header-only libraries (CLI11 for wasm2native-run) are the build
# machine's: Debian's cross g++ searches /usr/include after its own sysroot,
# and their headers do not depend on the architecture. Only their CMake
# package files sit outside the find root above.
set(CLI11_DIR /usr/share/cmake/CLI11 CACHE PATH "CLI11's CMake package")
set(CMAKE_CROSSCOMPILING_EMULATOR
  qemu-${W2N_CROSS_ARCH} -L /usr/${W2N_CROSS_ARCH}-linux-gnu)
