// The process exit status is the guest's: return from main, exit(N) and
// _Exit(N) (proc_exit), from any depth; output written before it is kept.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: wasm2native run %t.wasm ret 0; test $? -eq 0
// RUN: sh -c 'wasm2native run %t.wasm ret 7; echo "status $?"' | FileCheck %s --check-prefix=RET
// RUN: sh -c 'wasm2native run %t.wasm exit 42; echo "status $?"' | FileCheck %s --check-prefix=EXIT
// RUN: sh -c 'wasm2native run %t.wasm deep 3; echo "status $?"' | FileCheck %s --check-prefix=DEEP
// RUN: sh -c 'wasm2native run %t.wasm exit 256; echo "status $?"' | FileCheck %s --check-prefix=WRAP
// RUN: wasm2native compile %t.wasm -o %t.so
// RUN: sh -c 'wasm2native-run %t.so exit 9; echo "status $?"' | FileCheck %s --check-prefix=RUNNER

// RET: main returns 7
// RET-NEXT: status 7
// EXIT: calling exit(42)
// EXIT-NEXT: status 42
// DEEP: depth 3
// DEEP-NEXT: depth 2
// DEEP-NEXT: depth 1
// DEEP-NEXT: status 3
// WRAP: status 0
// RUNNER: calling exit(9)
// RUNNER-NEXT: status 9

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void deep(int n, int code) {
  printf("depth %d\n", n);
  if (n == 1) {
    fflush(stdout);
    _Exit(code);
  }
  deep(n - 1, code);
}

int main(int argc, char **argv) {
  int n = argc > 2 ? atoi(argv[2]) : 0;
  if (!strcmp(argv[1], "ret")) {
    printf("main returns %d\n", n);
    return n;
  }
  if (!strcmp(argv[1], "exit")) {
    printf("calling exit(%d)\n", n);
    exit(n);
  }
  deep(n, n);
  return 100;
}
