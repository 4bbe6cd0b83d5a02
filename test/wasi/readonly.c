// ADVERSARIAL: a read-only preopen can be read but nothing in it can be
// written, created, truncated, renamed, linked, deleted or re-timed, by
// any route; the host tree is unchanged afterwards. Both resolvers.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t && mkdir -p %t/ro/sub %t/rw && echo original > %t/ro/file.txt
// RUN: ln -s file.txt %t/ro/link && touch -d @1000000000 %t/ro/file.txt
// RUN: ls -lR --time-style=+%%s %t/ro > %t.before
// RUN: wasm2native run --ro-dir %t/ro::/ro --dir %t/rw::/rw %t.wasm > %t.auto.out
// RUN: FileCheck %s < %t.auto.out
// RUN: wasm2native run --wasi-resolver=manual --ro-dir %t/ro::/ro --dir %t/rw::/rw %t.wasm > %t.manual.out
// RUN: diff %t.auto.out %t.manual.out
// RUN: ls -lR --time-style=+%%s %t/ro > %t.after
// RUN: diff %t.before %t.after
// RUN: test "$(cat %t/ro/file.txt)" = original
// RUN: ls %t/rw | FileCheck %s --check-prefix=RW

// RW-NOT: stolen
// RW-NOT: hard

// CHECK: read: original
// CHECK-NEXT: readdir: . .. file.txt link sub
// CHECK-NEXT: rights of /ro lack write: 1
// CHECK-NEXT: open O_WRONLY then write: EBADF
// CHECK-NEXT: open O_RDWR then write: EBADF
// CHECK-NEXT: open O_APPEND then write: EBADF
// CHECK-NEXT: create new file: ENOTCAPABLE
// CHECK-NEXT: O_TRUNC: ENOTCAPABLE
// CHECK-NEXT: write through symlink: EBADF
// CHECK-NEXT: ftruncate: ENOTCAPABLE
// CHECK-NEXT: futimens: ENOTCAPABLE
// CHECK-NEXT: utimensat: ENOTCAPABLE
// CHECK-NEXT: mkdir: ENOTCAPABLE
// CHECK-NEXT: rmdir: ENOTCAPABLE
// CHECK-NEXT: unlink: ENOTCAPABLE
// CHECK-NEXT: symlink: ENOTCAPABLE
// CHECK-NEXT: rename within ro: ENOTCAPABLE
// CHECK-NEXT: rename ro -> rw: ENOTCAPABLE
// CHECK-NEXT: rename rw -> ro: ENOTCAPABLE
// CHECK-NEXT: link ro -> rw: ENOTCAPABLE
// CHECK-NEXT: fd_allocate: ENOTCAPABLE
// CHECK-NEXT: fd_fdstat_set_rights to regain write: ENOTCAPABLE
// CHECK-NEXT: subdirectory inherits read-only: ENOTCAPABLE
// CHECK-NEXT: renumber over a ro fd then write: EBADF
// CHECK-NEXT: rw preopen still writable: 1

#include "wasi_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *werr(int e) {
  switch (e) {
  case __WASI_ERRNO_SUCCESS:
    return "succeeded";
  case __WASI_ERRNO_NOTCAPABLE:
    return "ENOTCAPABLE";
  case __WASI_ERRNO_PERM:
    return "EPERM";
  case __WASI_ERRNO_BADF:
    return "EBADF";
  default:
    return "other";
  }
}

// Opens, then tries to write one byte.
static const char *open_write(const char *p, int flags) {
  int fd = open(p, flags);
  if (fd < 0)
    return errname(errno);
  ssize_t n = write(fd, "X", 1);
  int e = errno;
  close(fd);
  return n < 0 ? errname(e) : "succeeded";
}

int main(void) {
  char buf[64];
  int fd = open("/ro/file.txt", O_RDONLY);
  CHECK_OK(fd);
  ssize_t n = read(fd, buf, sizeof buf - 1);
  buf[n > 0 ? n - 1 : 0] = 0;
  printf("read: %s\n", buf);
  close(fd);

  DIR *d = opendir("/ro");
  char *names[16];
  int k = 0;
  struct dirent *e;
  while (d && (e = readdir(d)) && k < 16)
    names[k++] = strdup(e->d_name);
  closedir(d);
  qsort(names, k, sizeof(char *), cmp);
  printf("readdir:");
  for (int i = 0; i < k; ++i)
    printf(" %s", names[i]);
  printf("\n");

  // fd 3 is /ro, fd 4 is /rw.
  __wasi_fdstat_t fs;
  CHECK_OK(-__wasi_fd_fdstat_get(3, &fs));
  printf("rights of /ro lack write: %d\n",
         !(fs.fs_rights_base &
           (__WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_UNLINK_FILE)) &&
             !(fs.fs_rights_inheriting & __WASI_RIGHTS_FD_WRITE));

  printf("open O_WRONLY then write: %s\n",
         open_write("/ro/file.txt", O_WRONLY));
  printf("open O_RDWR then write: %s\n", open_write("/ro/file.txt", O_RDWR));
  printf("open O_APPEND then write: %s\n",
         open_write("/ro/file.txt", O_WRONLY | O_APPEND));
  TRY("create new file", open("/ro/new.txt", O_WRONLY | O_CREAT, 0644));
  TRY("O_TRUNC", open("/ro/file.txt", O_WRONLY | O_TRUNC));
  printf("write through symlink: %s\n", open_write("/ro/link", O_WRONLY));
  fd = open("/ro/file.txt", O_RDWR);
  TRY("ftruncate", ftruncate(fd, 0));
  struct timespec ts[2] = {{5, 0}, {5, 0}};
  TRY("futimens", futimens(fd, ts));
  TRY("utimensat", utimensat(AT_FDCWD, "/ro/file.txt", ts, 0));
  TRY("mkdir", mkdir("/ro/newdir", 0755));
  TRY("rmdir", rmdir("/ro/sub"));
  TRY("unlink", unlink("/ro/file.txt"));
  TRY("symlink", symlink("file.txt", "/ro/link2"));
  printf("rename within ro: %s\n",
         werr(__wasi_path_rename(3, "file.txt", 3, "moved.txt")));
  printf("rename ro -> rw: %s\n",
         werr(__wasi_path_rename(3, "file.txt", 4, "stolen.txt")));
  CHECK_OK(close(open("/rw/mine.txt", O_WRONLY | O_CREAT, 0644)));
  printf("rename rw -> ro: %s\n",
         werr(__wasi_path_rename(4, "mine.txt", 3, "file.txt")));
  printf("link ro -> rw: %s\n",
         werr(__wasi_path_link(3, 0, "file.txt", 4, "hard")));
  printf("fd_allocate: %s\n", werr(__wasi_fd_allocate(fd, 0, 100)));
  printf("fd_fdstat_set_rights to regain write: %s\n",
         werr(__wasi_fd_fdstat_set_rights(fd, ~0ULL, ~0ULL)));
  close(fd);

  int sub = open("/ro/sub", O_RDONLY | O_DIRECTORY);
  CHECK_OK(sub);
  TRY("subdirectory inherits read-only",
      openat(sub, "x.txt", O_WRONLY | O_CREAT, 0644));
  close(sub);

  // Renumbering does not carry rights over: the ro file's rights move.
  int wfd = open("/rw/mine.txt", O_WRONLY);
  int rfd = open("/ro/file.txt", O_RDONLY);
  CHECK_OK(-__wasi_fd_renumber(rfd, wfd));
  TRY("renumber over a ro fd then write", write(wfd, "X", 1));
  close(wfd);

  printf("rw preopen still writable: %d\n",
         write(open("/rw/w.txt", O_WRONLY | O_CREAT, 0644), "ok", 2) == 2);
  return 0;
}
