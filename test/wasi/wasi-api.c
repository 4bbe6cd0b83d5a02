// The preview1 functions that libc calls rarely, called directly: fdstat
// flags and rights, advise/allocate/sync, renumber, readdir cookies and
// short buffers, prestat names, bad pointers, sched_yield, proc_raise.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir && printf abc > %t.dir/f
// RUN: sh -c 'wasm2native run --dir %t.dir::/d %t.wasm; echo "status $?"' | FileCheck %s

// CHECK: stdout: filetype is not a directory: 1, write right: 1, read right: 0
// CHECK-NEXT: fd_fdstat_set_flags append: OK, flags now append: 1
// CHECK-NEXT: fd_fdstat_set_flags sync: ENOTSUP
// CHECK-NEXT: fd_advise: OK
// CHECK-NEXT: fd_allocate: OK, size 4096
// CHECK-NEXT: fd_sync: OK, fd_datasync: OK
// CHECK-NEXT: fd_tell after seek: 10
// CHECK-NEXT: fd_renumber: OK, old fd: EBADF
// CHECK-NEXT: fd_renumber to a closed fd: EBADF
// CHECK-NEXT: fd_readdir names: 5, resumed with cookies: 5
// CHECK-NEXT: fd_readdir 10-byte buffer: used 10
// CHECK-NEXT: fd_prestat_dir_name short buffer: ENAMETOOLONG
// CHECK-NEXT: fd_write bad iovec: EFAULT
// CHECK-NEXT: fd_write iovec buffer out of bounds: EFAULT
// CHECK-NEXT: fd_read into out-of-bounds result: EFAULT
// CHECK-NEXT: args_sizes_get out of bounds: EFAULT
// CHECK-NEXT: fd_seek bad whence: EINVAL
// CHECK-NEXT: sched_yield: OK
// CHECK-NEXT: proc_raise(0): OK
// CHECK-NEXT: proc_raise(SIGCHLD): OK
// CHECK-NEXT: proc_raise(99): EINVAL
// CHECK-NEXT: fd_close preopen: OK, then path_open: EBADF
// CHECK-NEXT: raising SIGTERM
// CHECK-NEXT: status 143

#include "wasi_test.h"

#include <fcntl.h>
#include <unistd.h>
#include <wasi/api.h>

static const char *w(int e) {
  switch (e) {
  case __WASI_ERRNO_SUCCESS:
    return "OK";
  case __WASI_ERRNO_BADF:
    return "EBADF";
  case __WASI_ERRNO_FAULT:
    return "EFAULT";
  case __WASI_ERRNO_INVAL:
    return "EINVAL";
  case __WASI_ERRNO_NOTSUP:
    return "ENOTSUP";
  case __WASI_ERRNO_NAMETOOLONG:
    return "ENAMETOOLONG";
  case __WASI_ERRNO_NOTCAPABLE:
    return "ENOTCAPABLE";
  default:
    return "other";
  }
}

__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("fd_write"))) int32_t
raw_fd_write(int32_t fd, int32_t iovs, int32_t n, int32_t out);
__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("fd_read"))) int32_t
raw_fd_read(int32_t fd, int32_t iovs, int32_t n, int32_t out);
// Not in this wasi-libc's headers any more (WASI signal numbers: CHLD is
// 16, TERM is 15).
__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("proc_raise"))) int32_t
__wasi_proc_raise(int32_t sig);
__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("args_sizes_get"))) int32_t
raw_args_sizes_get(int32_t a, int32_t b);

int main(void) {
  __wasi_fdstat_t fs;
  CHECK_OK(-__wasi_fd_fdstat_get(1, &fs));
  printf("stdout: filetype is not a directory: %d, write right: %d, read "
         "right: %d\n",
         fs.fs_filetype != __WASI_FILETYPE_DIRECTORY,
         !!(fs.fs_rights_base & __WASI_RIGHTS_FD_WRITE),
         !!(fs.fs_rights_base & __WASI_RIGHTS_FD_READ));

  int fd = open("/d/g", O_RDWR | O_CREAT, 0644);
  CHECK_OK(fd);
  int r = __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND);
  CHECK_OK(-__wasi_fd_fdstat_get(fd, &fs));
  printf("fd_fdstat_set_flags append: %s, flags now append: %d\n", w(r),
         !!(fs.fs_flags & __WASI_FDFLAGS_APPEND));
  printf("fd_fdstat_set_flags sync: %s\n",
         w(__wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_SYNC)));
  CHECK_OK(-__wasi_fd_fdstat_set_flags(fd, 0));
  printf("fd_advise: %s\n",
         w(__wasi_fd_advise(fd, 0, 100, __WASI_ADVICE_SEQUENTIAL)));
  r = __wasi_fd_allocate(fd, 0, 4096);
  __wasi_filestat_t st;
  CHECK_OK(-__wasi_fd_filestat_get(fd, &st));
  printf("fd_allocate: %s, size %d\n", w(r), (int)st.size);
  printf("fd_sync: %s, fd_datasync: %s\n", w(__wasi_fd_sync(fd)),
         w(__wasi_fd_datasync(fd)));
  __wasi_filesize_t pos;
  CHECK_OK(-__wasi_fd_seek(fd, 10, __WASI_WHENCE_SET, &pos));
  CHECK_OK(-__wasi_fd_tell(fd, &pos));
  printf("fd_tell after seek: %d\n", (int)pos);

  int other = open("/d/f", O_RDONLY);
  r = __wasi_fd_renumber(fd, other);
  printf("fd_renumber: %s, old fd: %s\n", w(r), w(__wasi_fd_tell(fd, &pos)));
  printf("fd_renumber to a closed fd: %s\n", w(__wasi_fd_renumber(other, 77)));
  close(other);

  // 3 entries (., .., f) plus g: read them in two-entry chunks by cookie.
  int dir = open("/d", O_RDONLY | O_DIRECTORY);
  CHECK_OK(dir);
  CHECK_OK(close(open("/d/h", O_WRONLY | O_CREAT, 0644)));
  char buf[4096];
  __wasi_size_t used;
  CHECK_OK(-__wasi_fd_readdir(dir, (uint8_t *)buf, sizeof buf, 0, &used));
  int all = 0;
  for (size_t off = 0; off + sizeof(__wasi_dirent_t) <= used;) {
    __wasi_dirent_t *e = (__wasi_dirent_t *)(buf + off);
    off += sizeof(__wasi_dirent_t) + e->d_namlen;
    ++all;
  }
  int resumed = 0;
  __wasi_dircookie_t cookie = 0;
  for (;;) {
    CHECK_OK(-__wasi_fd_readdir(dir, (uint8_t *)buf, 40, cookie, &used));
    if (used < sizeof(__wasi_dirent_t))
      break;
    __wasi_dirent_t *e = (__wasi_dirent_t *)buf;
    cookie = e->d_next;
    ++resumed;
  }
  printf("fd_readdir names: %d, resumed with cookies: %d\n", all, resumed);
  CHECK_OK(-__wasi_fd_readdir(dir, (uint8_t *)buf, 10, 0, &used));
  printf("fd_readdir 10-byte buffer: used %d\n", (int)used);
  close(dir);

  printf("fd_prestat_dir_name short buffer: %s\n",
         w(__wasi_fd_prestat_dir_name(3, (uint8_t *)buf, 1)));
  printf("fd_write bad iovec: %s\n",
         w(raw_fd_write(1, (int32_t)0xfffffffc, 1, (int32_t)(uintptr_t)&used)));
  uint32_t iov[2] = {0xffff0000u, 0x10000u + 16};
  printf("fd_write iovec buffer out of bounds: %s\n",
         w(raw_fd_write(1, (int32_t)(uintptr_t)iov, 1,
                        (int32_t)(uintptr_t)&used)));
  uint32_t iov2[2] = {(uint32_t)(uintptr_t)buf, 1};
  printf("fd_read into out-of-bounds result: %s\n",
         w(raw_fd_read(0, (int32_t)(uintptr_t)iov2, 1, (int32_t)0xffffffff)));
  printf("args_sizes_get out of bounds: %s\n",
         w(raw_args_sizes_get((int32_t)0xfffffffe, 0)));
  fd = open("/d/f", O_RDONLY);
  printf("fd_seek bad whence: %s\n", w(__wasi_fd_seek(fd, 0, 7, &pos)));
  printf("sched_yield: %s\n", w(__wasi_sched_yield()));
  printf("proc_raise(0): %s\n", w(__wasi_proc_raise(0)));
  printf("proc_raise(SIGCHLD): %s\n", w(__wasi_proc_raise(16)));
  printf("proc_raise(99): %s\n", w(__wasi_proc_raise(99)));
  int fd32;
  r = __wasi_fd_close(3);
  printf("fd_close preopen: %s, then path_open: %s\n", w(r),
         w(__wasi_path_open(3, 0, "f", 0, ~0ULL, ~0ULL, 0, &fd32)));
  printf("raising SIGTERM\n");
  fflush(stdout);
  __wasi_proc_raise(15);
  printf("not reached\n");
  return 0;
}
