// Create, write, read back, append, truncate and delete files in a
// read-write preopen; the host sees the results.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: wasm2native run --dir %t.dir::/data %t.wasm | FileCheck %s
// RUN: FileCheck %s --check-prefix=HOST < %t.dir/kept.txt
// RUN: not test -e %t.dir/gone.txt

// CHECK: read back: hello, world
// CHECK-NEXT: after append: hello, world+more
// CHECK-NEXT: size after ftruncate: 5
// CHECK-NEXT: contents: hello
// CHECK-NEXT: O_EXCL on existing: EEXIST
// CHECK-NEXT: open missing: ENOENT
// CHECK-NEXT: read of write-only fd: EBADF
// CHECK-NEXT: write of read-only fd: EBADF
// CHECK-NEXT: unlink: succeeded
// CHECK-NEXT: open after unlink: ENOENT
// CHECK-NEXT: write to dir: EBADF
// CHECK-NEXT: done
// HOST: kept hello

#include "wasi_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void slurp(const char *path, char *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  CHECK_OK(fd);
  ssize_t r = read(fd, buf, n - 1);
  CHECK_OK(r);
  buf[r] = 0;
  close(fd);
}

int main(void) {
  char buf[128];
  int fd = open("/data/a.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK_OK(fd);
  CHECK_OK(write(fd, "hello, ", 7));
  CHECK_OK(write(fd, "world", 5));
  CHECK_OK(close(fd));
  slurp("/data/a.txt", buf, sizeof buf);
  printf("read back: %s\n", buf);

  fd = open("/data/a.txt", O_WRONLY | O_APPEND);
  CHECK_OK(fd);
  CHECK_OK(write(fd, "+more", 5));
  close(fd);
  slurp("/data/a.txt", buf, sizeof buf);
  printf("after append: %s\n", buf);

  fd = open("/data/a.txt", O_RDWR);
  CHECK_OK(fd);
  CHECK_OK(ftruncate(fd, 5));
  struct stat st;
  CHECK_OK(fstat(fd, &st));
  printf("size after ftruncate: %lld\n", (long long)st.st_size);
  close(fd);
  slurp("/data/a.txt", buf, sizeof buf);
  printf("contents: %s\n", buf);

  TRY("O_EXCL on existing",
      open("/data/a.txt", O_WRONLY | O_CREAT | O_EXCL, 0644));
  TRY("open missing", open("/data/missing.txt", O_RDONLY));

  fd = open("/data/a.txt", O_WRONLY);
  TRY("read of write-only fd", read(fd, buf, 1));
  close(fd);
  fd = open("/data/a.txt", O_RDONLY);
  TRY("write of read-only fd", write(fd, "x", 1));
  close(fd);

  CHECK_OK(rename("/data/a.txt", "/data/gone.txt"));
  TRY("unlink", unlink("/data/gone.txt"));
  TRY("open after unlink", open("/data/gone.txt", O_RDONLY));

  fd = open("/data", O_RDONLY | O_DIRECTORY);
  CHECK_OK(fd);
  TRY("write to dir", write(fd, "x", 1));
  close(fd);

  FILE *f = fopen("/data/kept.txt", "w");
  if (!f)
    return 1;
  fputs("kept hello\n", f);
  fclose(f);
  printf("done\n");
  return 0;
}
