/*===-- bench/wasm2c/main.c - driver and WASI shim for wasm2c output -----===*/
/*
 * Runs one wasm32-wasi command module translated by wasm2c 1.0.32 with
 * `-n bench` (so its API is Z_bench_*). Compiled once per benchmark with
 * -DW2C_HEADER='"prog.h"' because the instance struct is module-specific,
 * and linked with the generated C and wabt's own wasm-rt-impl.c (shipped by
 * Debian's wabt in /usr/share/wabt/wasm2c/).
 *
 * The shim implements only what wasi-libc's start-up, stdio and exit need:
 * args_*, environ_* (empty), fd_write/fd_read on 0..2, fd_fdstat_get,
 * fd_seek (ESPIPE), fd_close, clock_time_get, random_get and proc_exit.
 * Every guest pointer is checked against the memory size (EFAULT).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "wasm-rt-impl.h"
#include "wasm-rt.h"
#include W2C_HEADER

enum {
  WASI_ESUCCESS = 0,
  WASI_EBADF = 8,
  WASI_EFAULT = 21,
  WASI_EINVAL = 28,
  WASI_EIO = 29,
  WASI_ESPIPE = 70,
};

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t *mem;
  int argc;
  char **argv;
};

static jmp_buf exit_jmp;
static int exit_code;

/* The guest range [p, p + n) as a host pointer, or NULL if out of bounds. */
static uint8_t *guest(struct Z_wasi_snapshot_preview1_instance_t *w, u64 p,
                      u64 n) {
  if (p + n > w->mem->size)
    return NULL;
  return w->mem->data + p;
}

static void put_u32(uint8_t *p, u32 v) { memcpy(p, &v, 4); }
static void put_u64(uint8_t *p, u64 v) { memcpy(p, &v, 8); }
static u32 get_u32(const uint8_t *p) {
  u32 v;
  memcpy(&v, p, 4);
  return v;
}

u32 Z_wasi_snapshot_preview1Z_args_sizes_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 argc_p, u32 size_p) {
  uint8_t *a = guest(w, argc_p, 4), *s = guest(w, size_p, 4);
  if (!a || !s)
    return WASI_EFAULT;
  u32 size = 0;
  for (int i = 0; i < w->argc; i++)
    size += (u32)strlen(w->argv[i]) + 1;
  put_u32(a, (u32)w->argc);
  put_u32(s, size);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_args_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 argv_p, u32 buf_p) {
  for (int i = 0; i < w->argc; i++) {
    u32 len = (u32)strlen(w->argv[i]) + 1;
    uint8_t *slot = guest(w, argv_p + 4ull * i, 4), *dst = guest(w, buf_p, len);
    if (!slot || !dst)
      return WASI_EFAULT;
    put_u32(slot, buf_p);
    memcpy(dst, w->argv[i], len);
    buf_p += len;
  }
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_environ_sizes_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 count_p, u32 size_p) {
  uint8_t *c = guest(w, count_p, 4), *s = guest(w, size_p, 4);
  if (!c || !s)
    return WASI_EFAULT;
  put_u32(c, 0);
  put_u32(s, 0);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_environ_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 env_p, u32 buf_p) {
  (void)w, (void)env_p, (void)buf_p;
  return WASI_ESUCCESS;
}

/* fd_write and fd_read share the iovec walk. */
static u32 do_io(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                 u32 iovs, u32 n, u32 result_p, int writing) {
  if (writing ? (fd != 1 && fd != 2) : fd != 0)
    return WASI_EBADF;
  uint8_t *res = guest(w, result_p, 4);
  if (!res)
    return WASI_EFAULT;
  u64 total = 0;
  for (u32 i = 0; i < n; i++) {
    uint8_t *iov = guest(w, iovs + 8ull * i, 8);
    if (!iov)
      return WASI_EFAULT;
    u32 ptr = get_u32(iov), len = get_u32(iov + 4);
    uint8_t *buf = guest(w, ptr, len);
    if (!buf)
      return WASI_EFAULT;
    while (len > 0) {
      ssize_t k = writing ? write((int)fd, buf, len) : read((int)fd, buf, len);
      if (k < 0 && errno == EINTR)
        continue;
      if (k < 0)
        return WASI_EIO;
      total += (u64)k;
      if (!writing || k == 0)
        break;
      buf += k;
      len -= (u32)k;
    }
  }
  put_u32(res, (u32)total);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_write(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 iovs, u32 n,
    u32 result_p) {
  return do_io(w, fd, iovs, n, result_p, 1);
}

u32 Z_wasi_snapshot_preview1Z_fd_read(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 iovs, u32 n,
    u32 result_p) {
  return do_io(w, fd, iovs, n, result_p, 0);
}

u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 stat_p) {
  if (fd > 2)
    return WASI_EBADF;
  uint8_t *st = guest(w, stat_p, 24);
  if (!st)
    return WASI_EFAULT;
  memset(st, 0, 24);
  st[0] = 2;                         /* __WASI_FILETYPE_CHARACTER_DEVICE */
  put_u64(st + 8, fd == 0 ? 2 : 64); /* FD_READ or FD_WRITE */
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u64 off, u32 whence,
    u32 result_p) {
  (void)w, (void)off, (void)whence, (void)result_p;
  return fd > 2 ? WASI_EBADF : WASI_ESPIPE;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd) {
  (void)w;
  return fd > 2 ? WASI_EBADF : WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_clock_time_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 id, u64 precision,
    u32 time_p) {
  (void)precision;
  static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC,
                                  CLOCK_PROCESS_CPUTIME_ID,
                                  CLOCK_THREAD_CPUTIME_ID};
  if (id > 3)
    return WASI_EINVAL;
  uint8_t *t = guest(w, time_p, 8);
  if (!t)
    return WASI_EFAULT;
  struct timespec ts;
  clock_gettime(ids[id], &ts);
  put_u64(t, (u64)ts.tv_sec * 1000000000u + (u64)ts.tv_nsec);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_random_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 buf_p, u32 len) {
  uint8_t *b = guest(w, buf_p, len);
  if (!b)
    return WASI_EFAULT;
  FILE *f = fopen("/dev/urandom", "rb");
  size_t got = f ? fread(b, 1, len, f) : 0;
  if (f)
    fclose(f);
  return got == len ? WASI_ESUCCESS : WASI_EIO;
}

void Z_wasi_snapshot_preview1Z_proc_exit(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 code) {
  (void)w;
  exit_code = (int)code;
  longjmp(exit_jmp, 1);
}

int main(int argc, char **argv) {
  static Z_bench_instance_t inst;
  static struct Z_wasi_snapshot_preview1_instance_t wasi;
  wasi.argc = argc;
  wasi.argv = argv;
  wasm_rt_init();
  Z_bench_init_module();
  Z_bench_instantiate(&inst, &wasi);
  wasi.mem = Z_benchZ_memory(&inst);
  if (setjmp(exit_jmp) == 0) {
    wasm_rt_trap_t trap = wasm_rt_impl_try();
    if (trap != WASM_RT_TRAP_NONE) {
      fprintf(stderr, "wasm2c: trap: %s\n", wasm_rt_strerror(trap));
      return 134;
    }
    Z_benchZ__start(&inst);
  }
  Z_bench_free(&inst);
  wasm_rt_free();
  return exit_code;
}
