// ADVERSARIAL: every way out of a preopen must be denied, with both path
// resolvers (openat2 RESOLVE_BENEATH where the kernel has it, and the
// component-by-component walk), and nothing outside may change.
//
// Host layout: %t/secret.txt is outside; %t/sandbox is granted read-write
// as /sandbox and holds symlinks that point out in every way.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t && mkdir -p %t/sandbox/sub && echo "top secret" > %t/secret.txt
// RUN: echo ok > %t/sandbox/ok.txt
// RUN: ln -s .. %t/sandbox/up
// RUN: ln -s ../secret.txt %t/sandbox/out
// RUN: ln -s %t/secret.txt %t/sandbox/abs
// RUN: ln -s /etc %t/sandbox/absdir
// RUN: ln -s ../../secret.txt %t/sandbox/sub/deep
// RUN: ln -s sub %t/sandbox/inside
// RUN: ln -s chain2 %t/sandbox/chain1 && ln -s sub/../up/secret.txt %t/sandbox/chain2
// RUN: ln -s /proc/self/root %t/sandbox/proc
// RUN: cp -a %t/sandbox %t/pristine
// RUN: wasm2native run --dir %t/sandbox::/sandbox %t.wasm > %t.auto.out
// RUN: FileCheck %s < %t.auto.out
// RUN: rm -rf %t/sandbox && cp -a %t/pristine %t/sandbox
// RUN: wasm2native run --wasi-resolver=manual --dir %t/sandbox::/sandbox %t.wasm > %t.manual.out
// RUN: FileCheck %s < %t.manual.out
// RUN: diff %t.auto.out %t.manual.out
// RUN: test "$(cat %t/secret.txt)" = "top secret"
// RUN: ls %t | FileCheck %s --check-prefix=HOST

// HOST-NOT: stolen
// HOST-NOT: new

// CHECK: read ok.txt: ok
// CHECK-NEXT: open /sandbox/../secret.txt: ENOTCAPABLE
// CHECK-NEXT: open /secret.txt: ENOTCAPABLE
// CHECK-NEXT: open /etc/passwd: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/out: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/abs: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/absdir/passwd: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/up/secret.txt: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/sub/deep: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/chain1: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/sub/../../secret.txt: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/./sub/./../../secret.txt: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/out/: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/proc/etc/passwd: ENOTCAPABLE
// CHECK-NEXT: open /sandbox/inside/../ok.txt: succeeded
// CHECK-NEXT: stat /sandbox/out: ENOTCAPABLE
// CHECK-NEXT: stat /sandbox/up: ENOTCAPABLE
// CHECK-NEXT: lstat /sandbox/out (the link itself): succeeded
// CHECK-NEXT: readlink /sandbox/out: ../secret.txt
// CHECK-NEXT: opendir /sandbox/..: ENOTCAPABLE
// CHECK-NEXT: opendir /sandbox/up: ENOTCAPABLE
// CHECK-NEXT: truncate via /sandbox/out: ENOTCAPABLE
// CHECK-NEXT: create /sandbox/up/new.txt: ENOTCAPABLE
// CHECK-NEXT: create /sandbox/../new.txt: ENOTCAPABLE
// CHECK-NEXT: mkdir /sandbox/up/newdir: ENOTCAPABLE
// CHECK-NEXT: unlink /sandbox/up/secret.txt: ENOTCAPABLE
// CHECK-NEXT: rmdir /sandbox/..: ENOTCAPABLE
// CHECK-NEXT: rename ok.txt -> ../stolen.txt: ENOTCAPABLE
// CHECK-NEXT: rename ok.txt -> up/stolen.txt: ENOTCAPABLE
// CHECK-NEXT: rename up/secret.txt -> got.txt: ENOTCAPABLE
// CHECK-NEXT: link up/secret.txt -> hard: ENOTCAPABLE
// CHECK-NEXT: link out (followed) -> hard: ENOTCAPABLE
// CHECK-NEXT: symlink to absolute /etc/passwd: ENOTCAPABLE
// CHECK-NEXT: symlink to ../secret.txt: ENOTCAPABLE
// CHECK-NEXT: symlink sub/x to ../../secret.txt: ENOTCAPABLE
// CHECK-NEXT: symlink to sub/../ok.txt (inside): succeeded
// CHECK-NEXT: utimensat via /sandbox/out: ENOTCAPABLE
// CHECK-NEXT: openat(sub, ../ok.txt): ENOTCAPABLE
// CHECK-NEXT: openat(sub, ok.txt via inside link): ENOTCAPABLE
// CHECK-NEXT: chdir sub, open ../../secret.txt: ENOTCAPABLE
// CHECK-NEXT: 50 chained links: ELOOP
// CHECK-NEXT: raw path_open absolute: ENOTCAPABLE
// CHECK-NEXT: raw path_open ..: ENOTCAPABLE
// CHECK-NEXT: raw path_open a/../..: ENOTCAPABLE
// CHECK-NEXT: raw path_open with NUL: EILSEQ
// CHECK-NEXT: raw path_open path out of bounds: EFAULT
// CHECK-NEXT: raw path_open huge length: EFAULT
// CHECK-NEXT: raw path_open result out of bounds: EFAULT
// CHECK-NEXT: raw path_open on fd 99: EBADF
// CHECK-NEXT: raw path_open on stdout: ENOTDIR
// CHECK-NEXT: raw path_open on a file: ENOTDIR
// CHECK-NEXT: raw path_filestat_get empty path: ENOENT
// CHECK-NEXT: ungranted fd 5: EBADF
// CHECK-NEXT: prestat of fds: 3=/sandbox 4=EBADF
// CHECK-NEXT: done

#include "wasi_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

// path_open with an explicit path length, to send what libc would not.
__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("path_open"))) int32_t
raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
              int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags,
              int32_t fd_out);

static const char *werr(int e) {
  switch (e) {
  case __WASI_ERRNO_SUCCESS:
    return "succeeded";
  case __WASI_ERRNO_NOTCAPABLE:
    return "ENOTCAPABLE";
  case __WASI_ERRNO_PERM:
    return "EPERM";
  case __WASI_ERRNO_ILSEQ:
    return "EILSEQ";
  case __WASI_ERRNO_FAULT:
    return "EFAULT";
  case __WASI_ERRNO_BADF:
    return "EBADF";
  case __WASI_ERRNO_NOTDIR:
    return "ENOTDIR";
  case __WASI_ERRNO_NOENT:
    return "ENOENT";
  case __WASI_ERRNO_INVAL:
    return "EINVAL";
  default:
    return "other";
  }
}

static int raw_open(int fd, const char *p, int32_t len) {
  static int32_t out;
  return raw_path_open(fd, 0, (int32_t)(uintptr_t)p, len, 0, ~0LL, ~0LL, 0,
                       (int32_t)(uintptr_t)&out);
}

#define OPEN(path, flags) TRY("open " path, open(path, flags))

int main(void) {
  char buf[64];
  int fd = open("/sandbox/ok.txt", O_RDONLY);
  CHECK_OK(fd);
  ssize_t n = read(fd, buf, sizeof buf - 1);
  buf[n > 0 ? n - 1 : 0] = 0;
  close(fd);
  printf("read ok.txt: %s\n", buf);

  OPEN("/sandbox/../secret.txt", O_RDONLY);
  OPEN("/secret.txt", O_RDONLY);
  OPEN("/etc/passwd", O_RDONLY);
  OPEN("/sandbox/out", O_RDONLY);
  OPEN("/sandbox/abs", O_RDONLY);
  OPEN("/sandbox/absdir/passwd", O_RDONLY);
  OPEN("/sandbox/up/secret.txt", O_RDONLY);
  OPEN("/sandbox/sub/deep", O_RDONLY);
  OPEN("/sandbox/chain1", O_RDONLY);
  OPEN("/sandbox/sub/../../secret.txt", O_RDONLY);
  OPEN("/sandbox/./sub/./../../secret.txt", O_RDONLY);
  OPEN("/sandbox/out/", O_RDONLY);
  OPEN("/sandbox/proc/etc/passwd", O_RDONLY);
  OPEN("/sandbox/inside/../ok.txt", O_RDONLY);

  struct stat st;
  TRY("stat /sandbox/out", stat("/sandbox/out", &st));
  TRY("stat /sandbox/up", stat("/sandbox/up", &st));
  TRY("lstat /sandbox/out (the link itself)", lstat("/sandbox/out", &st));
  n = readlink("/sandbox/out", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  printf("readlink /sandbox/out: %s\n", buf);
  DIR *d = opendir("/sandbox/..");
  printf("opendir /sandbox/..: %s\n", d ? "succeeded" : errname(errno));
  d = opendir("/sandbox/up");
  printf("opendir /sandbox/up: %s\n", d ? "succeeded" : errname(errno));

  TRY("truncate via /sandbox/out", open("/sandbox/out", O_WRONLY | O_TRUNC));
  TRY("create /sandbox/up/new.txt",
      open("/sandbox/up/new.txt", O_WRONLY | O_CREAT, 0644));
  TRY("create /sandbox/../new.txt",
      open("/sandbox/../new.txt", O_WRONLY | O_CREAT, 0644));
  TRY("mkdir /sandbox/up/newdir", mkdir("/sandbox/up/newdir", 0755));
  TRY("unlink /sandbox/up/secret.txt", unlink("/sandbox/up/secret.txt"));
  TRY("rmdir /sandbox/..", rmdir("/sandbox/.."));
  // Two-path calls go to WASI directly (fd 3 is /sandbox): Debian's
  // wasi-libc mixes up the two paths of linkat once chdir is linked in.
  printf("rename ok.txt -> ../stolen.txt: %s\n",
         werr(__wasi_path_rename(3, "ok.txt", 3, "../stolen.txt")));
  printf("rename ok.txt -> up/stolen.txt: %s\n",
         werr(__wasi_path_rename(3, "ok.txt", 3, "up/stolen.txt")));
  printf("rename up/secret.txt -> got.txt: %s\n",
         werr(__wasi_path_rename(3, "up/secret.txt", 3, "got.txt")));
  printf("link up/secret.txt -> hard: %s\n",
         werr(__wasi_path_link(3, 0, "up/secret.txt", 3, "hard")));
  printf("link out (followed) -> hard: %s\n",
         werr(__wasi_path_link(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "out", 3,
                               "hard")));
  TRY("symlink to absolute /etc/passwd",
      symlink("/etc/passwd", "/sandbox/newabs"));
  TRY("symlink to ../secret.txt", symlink("../secret.txt", "/sandbox/newrel"));
  TRY("symlink sub/x to ../../secret.txt",
      symlink("../../secret.txt", "/sandbox/sub/x"));
  TRY("symlink to sub/../ok.txt (inside)",
      symlink("sub/../ok.txt", "/sandbox/fine"));
  struct timespec ts[2] = {{1, 0}, {1, 0}};
  TRY("utimensat via /sandbox/out", utimensat(AT_FDCWD, "/sandbox/out", ts, 0));

  // A directory descriptor is a capability of its own: paths relative to
  // it cannot climb above it, even while staying in the preopen.
  int sub = open("/sandbox/sub", O_RDONLY | O_DIRECTORY);
  CHECK_OK(sub);
  TRY("openat(sub, ../ok.txt)", openat(sub, "../ok.txt", O_RDONLY));
  CHECK_OK(symlink("../ok.txt", "/sandbox/sub/rel"));
  TRY("openat(sub, ok.txt via inside link)", openat(sub, "rel", O_RDONLY));
  CHECK_OK(chdir("/sandbox/sub"));
  TRY("chdir sub, open ../../secret.txt", open("../../secret.txt", O_RDONLY));
  CHECK_OK(chdir("/sandbox"));

  char a[32], b[32];
  for (int i = 0; i < 50; ++i) {
    snprintf(a, sizeof a, "/sandbox/l%d", i);
    snprintf(b, sizeof b, "l%d", i + 1);
    CHECK_OK(symlink(b, a));
  }
  CHECK_OK(close(open("/sandbox/l50", O_WRONLY | O_CREAT, 0644)));
  TRY("50 chained links", open("/sandbox/l0", O_RDONLY));

  printf("raw path_open absolute: %s\n", werr(raw_open(3, "/etc/passwd", 11)));
  printf("raw path_open ..: %s\n", werr(raw_open(3, "..", 2)));
  printf("raw path_open a/../..: %s\n", werr(raw_open(3, "sub/../..", 9)));
  printf("raw path_open with NUL: %s\n", werr(raw_open(3, "ok.txt\0/x", 9)));
  printf("raw path_open path out of bounds: %s\n",
         werr(raw_open(3, (const char *)0xfffffff0u, 32)));
  printf("raw path_open huge length: %s\n",
         werr(raw_open(3, "ok.txt", 0x7fffffff)));
  printf("raw path_open result out of bounds: %s\n",
         werr(raw_path_open(3, 0, (int32_t)(uintptr_t)"ok.txt", 6, 0, ~0LL,
                            ~0LL, 0, (int32_t)0xfffffffe)));
  printf("raw path_open on fd 99: %s\n", werr(raw_open(99, "ok.txt", 6)));
  printf("raw path_open on stdout: %s\n", werr(raw_open(1, "ok.txt", 6)));
  fd = open("/sandbox/ok.txt", O_RDONLY);
  printf("raw path_open on a file: %s\n", werr(raw_open(fd, "x", 1)));
  close(fd);
  __wasi_filestat_t fst;
  printf("raw path_filestat_get empty path: %s\n",
         werr(__wasi_path_filestat_get(3, 0, "", &fst)));
  char c;
  printf("ungranted fd 5: %s\n", errname(read(5, &c, 1) < 0 ? errno : 0));
  __wasi_prestat_t ps;
  char name[32] = {0};
  int r3 = __wasi_fd_prestat_get(3, &ps);
  if (!r3)
    r3 = __wasi_fd_prestat_dir_name(3, (uint8_t *)name, ps.u.dir.pr_name_len);
  printf("prestat of fds: 3=%s 4=%s\n", r3 ? werr(r3) : name,
         werr(__wasi_fd_prestat_get(4, &ps)));
  printf("done\n");
  return 0;
}
