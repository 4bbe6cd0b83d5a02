// The four clocks: realtime is the host's date, monotonic never goes
// back, the CPU-time clocks advance with work; nanosleep sleeps at least
// as long as asked (through poll_oneoff); resolutions are sane.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: wasm2native run %t.wasm | FileCheck %s

// CHECK: realtime after 2020: 1
// CHECK-NEXT: monotonic non-decreasing: 1
// CHECK-NEXT: process cputime advances: 1
// CHECK-NEXT: thread cputime advances: 1
// CHECK-NEXT: slept at least 20ms: 1
// CHECK-NEXT: resolutions in (0, 1s]: 1 1 1 1
// CHECK-NEXT: bad clock: EINVAL
// CHECK-NEXT: time() agrees with realtime: 1

#include "wasi_test.h"

#include <time.h>
#include <wasi/api.h>

static long long ns(clockid_t c) {
  struct timespec t;
  CHECK_OK(clock_gettime(c, &t));
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static volatile unsigned sink;

int main(void) {
  printf("realtime after 2020: %d\n",
         ns(CLOCK_REALTIME) > 1577836800LL * 1000000000LL);
  long long prev = ns(CLOCK_MONOTONIC);
  int ok = 1;
  for (int i = 0; i < 1000; ++i) {
    long long now = ns(CLOCK_MONOTONIC);
    ok &= now >= prev;
    prev = now;
  }
  printf("monotonic non-decreasing: %d\n", ok);
  long long p0 = ns(CLOCK_PROCESS_CPUTIME_ID), t0 = ns(CLOCK_THREAD_CPUTIME_ID);
  for (unsigned i = 0; i < 20000000; ++i)
    sink += i * i;
  printf("process cputime advances: %d\n", ns(CLOCK_PROCESS_CPUTIME_ID) > p0);
  printf("thread cputime advances: %d\n", ns(CLOCK_THREAD_CPUTIME_ID) > t0);

  long long before = ns(CLOCK_MONOTONIC);
  struct timespec req = {0, 20 * 1000000};
  CHECK_OK(nanosleep(&req, NULL));
  printf("slept at least 20ms: %d\n", ns(CLOCK_MONOTONIC) - before >= 20000000);

  printf("resolutions in (0, 1s]:");
  clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                     CLOCK_THREAD_CPUTIME_ID};
  for (int i = 0; i < 4; ++i) {
    struct timespec r;
    CHECK_OK(clock_getres(ids[i], &r));
    long long v = r.tv_sec * 1000000000LL + r.tv_nsec;
    printf(" %d", v > 0 && v <= 1000000000LL);
  }
  printf("\n");
  __wasi_timestamp_t t;
  printf("bad clock: %s\n",
         errname(__wasi_clock_time_get(42, 1, &t) == __WASI_ERRNO_INVAL ? EINVAL
                                                                        : 0));
  long long rt = ns(CLOCK_REALTIME) / 1000000000LL;
  long long tt = time(NULL);
  printf("time() agrees with realtime: %d\n", tt >= rt && tt - rt < 5);
  return 0;
}
