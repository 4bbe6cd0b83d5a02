// Only the variables named with --env exist in the guest: NAME=VALUE as
// given, NAME with the host's value (skipped if the host has none).
// RUN: %wasi-cc %s -o %t.wasm
// RUN: env W2N_FROM_HOST=hostval W2N_NOT_GRANTED=secret \
// RUN:   wasm2native run --env A=1 --env B==x= --env W2N_FROM_HOST \
// RUN:   --env W2N_UNSET_ON_HOST %t.wasm | FileCheck %s
// RUN: env W2N_NOT_GRANTED=secret wasm2native run %t.wasm \
// RUN:   | FileCheck %s --check-prefix=NONE

// CHECK: A=1
// CHECK-NEXT: B==x=
// CHECK-NEXT: W2N_FROM_HOST=hostval
// CHECK-NEXT: count=3
// CHECK-NEXT: getenv(W2N_NOT_GRANTED)=(null)
// CHECK-NEXT: getenv(PATH)=(null)

// NONE: count=0
// NONE-NEXT: getenv(W2N_NOT_GRANTED)=(null)

#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(void) {
  int n = 0;
  for (char **e = environ; *e; ++e, ++n)
    printf("%s\n", *e);
  printf("count=%d\n", n);
  const char *s = getenv("W2N_NOT_GRANTED");
  printf("getenv(W2N_NOT_GRANTED)=%s\n", s ? s : "(null)");
  s = getenv("PATH");
  printf("getenv(PATH)=%s\n", s ? s : "(null)");
  return 0;
}
