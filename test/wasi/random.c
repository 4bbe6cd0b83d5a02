// random_get fills buffers of any size with fresh bytes.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: wasm2native run %t.wasm | FileCheck %s

// CHECK: two 32-byte draws differ: 1
// CHECK-NEXT: large draw has many distinct bytes: 1
// CHECK-NEXT: zero-length draw: OK
// CHECK-NEXT: out-of-bounds buffer: EFAULT

#include "wasi_test.h"

#include <unistd.h>
#include <wasi/api.h>

static unsigned char big[1 << 20];

int main(void) {
  unsigned char a[32], b[32];
  CHECK_OK(getentropy(a, sizeof a));
  CHECK_OK(getentropy(b, sizeof b));
  printf("two 32-byte draws differ: %d\n", memcmp(a, b, sizeof a) != 0);
  CHECK_OK(-__wasi_random_get(big, sizeof big));
  int seen[256] = {0}, distinct = 0;
  for (size_t i = 0; i < sizeof big; ++i)
    if (!seen[big[i]]++)
      ++distinct;
  printf("large draw has many distinct bytes: %d\n", distinct > 250);
  printf("zero-length draw: %s\n", errname(__wasi_random_get(a, 0)));
  int r = __wasi_random_get((uint8_t *)0xfffffff0, 64);
  printf("out-of-bounds buffer: %s\n",
         r == __WASI_ERRNO_FAULT ? "EFAULT" : "other");
  return 0;
}
