// poll_oneoff: clock timeouts (relative and absolute), readiness of a pipe
// and of files, several subscriptions at once, and bad descriptors.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir && echo data > %t.dir/f
// RUN: printf 'x' | wasm2native run --dir %t.dir::/p %t.wasm | FileCheck %s

// CHECK: relative clock fired after >= 10ms: 1
// CHECK-NEXT: absolute clock fired: 1
// CHECK-NEXT: stdin readable: 1 nbytes>=1: 1
// CHECK-NEXT: stdout writable: 1
// CHECK-NEXT: file readable: 1 nbytes=5
// CHECK-NEXT: fd ready before a long timeout: events=1 type=fd_read
// CHECK-NEXT: bad fd: events=1 error=EBADF
// CHECK-NEXT: no subscriptions: EINVAL
// CHECK-NEXT: poll(2) on stdin: 1

#include "wasi_test.h"

#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <wasi/api.h>

static long long mono(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static __wasi_subscription_t clock_sub(__wasi_userdata_t u,
                                       __wasi_timestamp_t t, int abs) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = u;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  s.u.u.clock.timeout = t;
  s.u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
  return s;
}

static __wasi_subscription_t fd_sub(__wasi_userdata_t u, int fd, int write) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = u;
  s.u.tag = write ? __WASI_EVENTTYPE_FD_WRITE : __WASI_EVENTTYPE_FD_READ;
  s.u.u.fd_read.file_descriptor = fd;
  return s;
}

int main(void) {
  __wasi_event_t ev[4];
  __wasi_size_t n;
  long long t0 = mono();
  __wasi_subscription_t s[3];
  s[0] = clock_sub(1, 10000000, 0);
  CHECK_OK(-__wasi_poll_oneoff(s, ev, 1, &n));
  printf("relative clock fired after >= 10ms: %d\n",
         n == 1 && ev[0].userdata == 1 && mono() - t0 >= 10000000);
  s[0] = clock_sub(2, mono() + 5000000, 1);
  CHECK_OK(-__wasi_poll_oneoff(s, ev, 1, &n));
  printf("absolute clock fired: %d\n", n == 1 && ev[0].userdata == 2);

  s[0] = fd_sub(3, 0, 0);
  CHECK_OK(-__wasi_poll_oneoff(s, ev, 1, &n));
  printf("stdin readable: %d nbytes>=1: %d\n", n == 1 && ev[0].error == 0,
         ev[0].fd_readwrite.nbytes >= 1);
  s[0] = fd_sub(4, 1, 1);
  CHECK_OK(-__wasi_poll_oneoff(s, ev, 1, &n));
  printf("stdout writable: %d\n",
         n == 1 && ev[0].type == __WASI_EVENTTYPE_FD_WRITE);

  int fd = open("/p/f", O_RDONLY);
  CHECK_OK(fd);
  s[0] = fd_sub(5, fd, 0);
  CHECK_OK(-__wasi_poll_oneoff(s, ev, 1, &n));
  printf("file readable: %d nbytes=%d\n", n == 1,
         (int)ev[0].fd_readwrite.nbytes);

  s[0] = clock_sub(6, 10000000000ULL, 0);
  s[1] = fd_sub(7, fd, 0);
  CHECK_OK(-__wasi_poll_oneoff(s, ev, 2, &n));
  printf("fd ready before a long timeout: events=%d type=%s\n", (int)n,
         ev[0].type == __WASI_EVENTTYPE_FD_READ ? "fd_read" : "clock");

  s[0] = fd_sub(8, 99, 0);
  CHECK_OK(-__wasi_poll_oneoff(s, ev, 1, &n));
  printf("bad fd: events=%d error=%s\n", (int)n,
         ev[0].error == __WASI_ERRNO_BADF ? "EBADF" : "other");
  printf("no subscriptions: %s\n",
         __wasi_poll_oneoff(s, ev, 0, &n) == __WASI_ERRNO_INVAL ? "EINVAL"
                                                                : "other");

  struct pollfd p = {0, POLLIN, 0};
  printf("poll(2) on stdin: %d\n", poll(&p, 1, 1000));
  return 0;
}
