// A trap ends the run with `wasm2native: trap: <kind> in <function>` on
// stderr and status 134 (128 + SIGABRT), without a core dump; output
// written before it is kept. The same from wasm2native-run.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: sh -c 'wasm2native run %t.wasm unreachable 2>%t.err; echo "status $?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=UNREACHABLE < %t.err
// RUN: sh -c 'wasm2native run %t.wasm oob 2>&1; echo "status $?"' | FileCheck %s --check-prefix=OOB
// RUN: sh -c 'wasm2native run %t.wasm div 0 2>&1; echo "status $?"' | FileCheck %s --check-prefix=DIV
// RUN: sh -c 'wasm2native run %t.wasm recurse 2>&1; echo "status $?"' | FileCheck %s --check-prefix=STACK
// RUN: wasm2native compile %t.wasm -o %t.so
// RUN: sh -c 'wasm2native-run %t.so unreachable 2>&1; echo "status $?"' | FileCheck %s --check-prefix=RUNNER

// OUT: before the trap
// OUT-NEXT: status 134
// UNREACHABLE: wasm2native: trap: unreachable in crash_here
// UNREACHABLE-NEXT: wasm backtrace:
// UNREACHABLE-NEXT:    0: crash_here
// OOB: wasm2native: trap: out of bounds memory access in {{.+}}
// OOB: status 134
// DIV: wasm2native: trap: integer divide by zero in divide
// DIV: status 134
// STACK: wasm2native: trap: call stack exhausted in recurse
// STACK-NEXT: wasm backtrace:
// STACK-NEXT:    0: recurse
// STACK-NEXT:       … {{[0-9,]+}} × recurse
// STACK: status 134
// RUNNER: wasm2native-run: trap: unreachable in crash_here
// RUNNER: status 134

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) void crash_here(void) { __builtin_trap(); }

__attribute__((noinline)) int read_far(int offset) {
  return *(volatile int *)(uintptr_t)(0x7ffffff0u + (unsigned)offset);
}

__attribute__((noinline)) int divide(int a, int b) { return a / b; }

// Not a tail call, and not one LLVM can turn into a loop (the result is
// not combined associatively), so the native stack runs out.
__attribute__((noinline)) unsigned recurse(unsigned n) {
  return n == 0 ? 1 : recurse(n - 1) / 3 + n;
}

int main(int argc, char **argv) {
  printf("before the trap\n");
  fflush(stdout);
  if (!strcmp(argv[1], "unreachable"))
    crash_here();
  if (!strcmp(argv[1], "oob"))
    return read_far(argc);
  if (!strcmp(argv[1], "div"))
    return divide(argc, atoi(argv[2]));
  if (!strcmp(argv[1], "recurse"))
    return (int)recurse(1000000000u + (unsigned)argc);
  return 0;
}
