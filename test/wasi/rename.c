// Renames (files, directories, over an existing file, between
// directories), hard links and symlinks inside the preopen.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: wasm2native run --dir %t.dir::/r %t.wasm | FileCheck %s
// RUN: test -L %t.dir/d2/link && test "$(readlink %t.dir/d2/link)" = "../b.txt"

// CHECK: rename file: a.txt gone=1, b.txt=A
// CHECK-NEXT: rename over existing: c.txt=A
// CHECK-NEXT: rename dir: d2/inside=A
// CHECK-NEXT: rename dir over non-empty dir: ENOTEMPTY
// CHECK-NEXT: rename missing: ENOENT
// CHECK-NEXT: link: nlink=2, via link=A
// CHECK-NEXT: symlink: readlink=../b.txt, via link=A
// CHECK-NEXT: lstat of link is a link: 1
// CHECK-NEXT: dangling symlink: ENOENT
// CHECK-NEXT: symlink loop: ELOOP
// CHECK-NEXT: create through dangling symlink: d2/new.txt exists=1

#include "wasi_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void put(const char *p, const char *s) {
  int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK_OK(fd);
  CHECK_OK(write(fd, s, strlen(s)));
  close(fd);
}

static const char *get(const char *p) {
  static char buf[64];
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return errname(errno);
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n < 0 ? 0 : n] = 0;
  return buf;
}

int main(void) {
  CHECK_OK(chdir("/r"));
  put("a.txt", "A");
  CHECK_OK(rename("a.txt", "b.txt"));
  printf("rename file: a.txt gone=%d, b.txt=%s\n", access("a.txt", F_OK) != 0,
         get("b.txt"));
  put("c.txt", "C");
  CHECK_OK(link("b.txt", "tmp.txt"));
  CHECK_OK(rename("tmp.txt", "c.txt"));
  printf("rename over existing: c.txt=%s\n", get("c.txt"));
  CHECK_OK(unlink("c.txt"));

  CHECK_OK(mkdir("d1", 0755));
  put("d1/inside", "A");
  CHECK_OK(rename("d1", "d2"));
  printf("rename dir: d2/inside=%s\n", get("d2/inside"));
  CHECK_OK(mkdir("d3", 0755));
  put("d3/x", "x");
  TRY("rename dir over non-empty dir", rename("d2", "d3"));
  TRY("rename missing", rename("nope", "nope2"));

  CHECK_OK(link("b.txt", "d2/hard"));
  struct stat st;
  CHECK_OK(stat("b.txt", &st));
  printf("link: nlink=%d, via link=%s\n", (int)st.st_nlink, get("d2/hard"));

  CHECK_OK(symlink("../b.txt", "d2/link"));
  char target[64];
  ssize_t n = readlink("d2/link", target, sizeof target - 1);
  CHECK_OK(n);
  target[n] = 0;
  printf("symlink: readlink=%s, via link=%s\n", target, get("d2/link"));
  CHECK_OK(lstat("d2/link", &st));
  printf("lstat of link is a link: %d\n", S_ISLNK(st.st_mode));

  CHECK_OK(symlink("missing", "dangling"));
  TRY("dangling symlink", open("dangling", O_RDONLY));
  CHECK_OK(symlink("loop2", "loop1"));
  CHECK_OK(symlink("loop1", "loop2"));
  TRY("symlink loop", open("loop1", O_RDONLY));

  CHECK_OK(symlink("d2/new.txt", "to-new"));
  put("to-new", "N");
  printf("create through dangling symlink: d2/new.txt exists=%d\n",
         access("d2/new.txt", F_OK) == 0);
  return 0;
}
