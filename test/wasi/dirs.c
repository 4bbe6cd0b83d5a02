// Directories: create, list (readdir, with "." and ".."), nest, remove;
// removing a non-empty directory or unlinking a directory fails.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: wasm2native run --dir %t.dir::/work %t.wasm | FileCheck %s
// RUN: test -d %t.dir/kept/inner
// RUN: not test -e %t.dir/d

// CHECK: mkdir existing: EEXIST
// CHECK-NEXT: listing of /work/d: . .. a.txt b.txt sub
// CHECK-NEXT: type of sub: dir
// CHECK-NEXT: type of a.txt: file
// CHECK-NEXT: rmdir non-empty: ENOTEMPTY
// CHECK-NEXT: unlink dir: EISDIR
// CHECK-NEXT: rmdir file: ENOTDIR
// CHECK-NEXT: mkdir with missing parent: ENOENT
// CHECK-NEXT: relative paths from chdir: /work/kept/inner
// CHECK-NEXT: listing after cleanup: . .. kept
// CHECK-NEXT: many entries: 300

#include "wasi_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *path, const char *label) {
  DIR *d = opendir(path);
  if (!d) {
    printf("opendir %s: %s\n", path, errname(errno));
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64)
    names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof(char *), cmp);
  printf("%s:", label);
  for (int i = 0; i < n; ++i)
    printf(" %s", names[i]);
  printf("\n");
}

static void touch(const char *p) {
  int fd = open(p, O_WRONLY | O_CREAT, 0644);
  CHECK_OK(fd);
  close(fd);
}

int main(void) {
  CHECK_OK(mkdir("/work/d", 0755));
  TRY("mkdir existing", mkdir("/work/d", 0755));
  CHECK_OK(mkdir("/work/d/sub", 0755));
  touch("/work/d/a.txt");
  touch("/work/d/b.txt");
  list("/work/d", "listing of /work/d");

  DIR *d = opendir("/work/d");
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, "sub"))
      printf("type of sub: %s\n", e->d_type == DT_DIR ? "dir" : "other");
  }
  closedir(d);
  d = opendir("/work/d");
  while ((e = readdir(d)))
    if (!strcmp(e->d_name, "a.txt"))
      printf("type of a.txt: %s\n", e->d_type == DT_REG ? "file" : "other");
  closedir(d);

  TRY("rmdir non-empty", rmdir("/work/d"));
  TRY("unlink dir", unlink("/work/d/sub"));
  TRY("rmdir file", rmdir("/work/d/a.txt"));
  TRY("mkdir with missing parent", mkdir("/work/x/y", 0755));

  CHECK_OK(mkdir("/work/kept", 0755));
  CHECK_OK(chdir("/work/kept"));
  CHECK_OK(mkdir("inner", 0755));
  char cwd[128];
  CHECK_OK(chdir("inner") == 0 && getcwd(cwd, sizeof cwd) ? 0 : -1);
  printf("relative paths from chdir: %s\n", cwd);
  CHECK_OK(chdir("/work"));

  CHECK_OK(unlink("/work/d/a.txt"));
  CHECK_OK(unlink("/work/d/b.txt"));
  CHECK_OK(rmdir("/work/d/sub"));
  CHECK_OK(rmdir("/work/d"));
  list("/work", "listing after cleanup");

  // Enough entries that fd_readdir is called with a cookie several times.
  CHECK_OK(mkdir("/work/many", 0755));
  char p[64];
  for (int i = 0; i < 300; ++i) {
    snprintf(p, sizeof p, "/work/many/entry-with-a-long-name-%03d", i);
    touch(p);
  }
  int count = 0;
  d = opendir("/work/many");
  while ((e = readdir(d)))
    if (e->d_name[0] != '.')
      ++count;
  closedir(d);
  printf("many entries: %d\n", count);
  for (int i = 0; i < 300; ++i) {
    snprintf(p, sizeof p, "/work/many/entry-with-a-long-name-%03d", i);
    CHECK_OK(unlink(p));
  }
  CHECK_OK(rmdir("/work/many"));
  return 0;
}
