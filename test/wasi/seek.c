// lseek/tell, pread/pwrite at offsets (which leave the position alone),
// holes past the end, and seeking on a pipe.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: echo | wasm2native run --dir %t.dir::. %t.wasm | FileCheck %s

// CHECK: tell after write: 10
// CHECK-NEXT: seek set 3 -> 3, read: 3456
// CHECK-NEXT: seek cur -2 -> 5
// CHECK-NEXT: seek end -1 -> 9, read: 9
// CHECK-NEXT: pread at 1: 12
// CHECK-NEXT: pwrite at 0 then tell: 10
// CHECK-NEXT: contents: AB23456789
// CHECK-NEXT: seek past end 20 -> 20, size after write: 21
// CHECK-NEXT: hole byte: 0
// CHECK-NEXT: seek negative: EINVAL
// CHECK-NEXT: seek on stdin pipe: ESPIPE

#include "wasi_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  char buf[32];
  int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK_OK(fd);
  CHECK_OK(write(fd, "0123456789", 10));
  printf("tell after write: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  off_t p = lseek(fd, 3, SEEK_SET);
  CHECK_OK(read(fd, buf, 4));
  buf[4] = 0;
  printf("seek set 3 -> %lld, read: %s\n", (long long)p, buf);
  printf("seek cur -2 -> %lld\n", (long long)lseek(fd, -2, SEEK_CUR));
  p = lseek(fd, -1, SEEK_END);
  CHECK_OK(read(fd, buf, 4));
  buf[1] = 0;
  printf("seek end -1 -> %lld, read: %s\n", (long long)p, buf);
  CHECK_OK(pread(fd, buf, 2, 1));
  buf[2] = 0;
  printf("pread at 1: %s\n", buf);
  CHECK_OK(pwrite(fd, "AB", 2, 0));
  printf("pwrite at 0 then tell: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  CHECK_OK(pread(fd, buf, 10, 0));
  buf[10] = 0;
  printf("contents: %s\n", buf);
  p = lseek(fd, 20, SEEK_SET);
  CHECK_OK(write(fd, "x", 1));
  struct stat st;
  CHECK_OK(fstat(fd, &st));
  printf("seek past end 20 -> %lld, size after write: %lld\n", (long long)p,
         (long long)st.st_size);
  CHECK_OK(pread(fd, buf, 1, 15));
  printf("hole byte: %d\n", buf[0]);
  TRY("seek negative", lseek(fd, -100, SEEK_SET));
  TRY("seek on stdin pipe", lseek(0, 0, SEEK_SET));
  close(fd);
  return 0;
}
