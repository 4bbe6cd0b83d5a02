// stdin, stdout and stderr are the host's: a pipe in, separate streams
// out; reading past the end of stdin gives EOF.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: printf 'line one\nline two\n' | wasm2native run %t.wasm \
// RUN:   2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// RUN: wasm2native run %t.wasm < /dev/null 2>&1 | FileCheck %s --check-prefix=EMPTY

// CHECK: got: line one
// CHECK-NEXT: got: line two
// CHECK-NEXT: lines=2 eof=1
// CHECK-NOT: to stderr
// ERR: to stderr
// ERR-NOT: got:

// EMPTY: lines=0 eof=1
// EMPTY-NEXT: to stderr

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  char buf[256];
  int lines = 0;
  while (fgets(buf, sizeof buf, stdin)) {
    printf("got: %s", buf);
    ++lines;
  }
  printf("lines=%d eof=%d\n", lines, feof(stdin) ? 1 : 0);
  fflush(stdout);
  fprintf(stderr, "to stderr\n");
  return 0;
}
