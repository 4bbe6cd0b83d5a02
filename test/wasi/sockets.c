// sock_accept, sock_recv, sock_send and sock_shutdown on sockets the host
// hands in: a connected socket (--socket-fd), a listening one
// (--socket-fd) and one from --tcplisten. Inputs/sockets.py plays the
// peer.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: %python %inputs/sockets.py pair %t.wasm | FileCheck %s --check-prefix=PAIR
// RUN: %python %inputs/sockets.py listen %t.wasm | FileCheck %s --check-prefix=LISTEN
// RUN: %python %inputs/sockets.py tcplisten %t.wasm | FileCheck %s --check-prefix=LISTEN

// PAIR: guest: fd 3 is a stream socket: 1
// PAIR-NEXT: guest: received 'ping'
// PAIR-NEXT: guest: peek then read: 'more' 'more'
// PAIR-NEXT: guest: read after peer shutdown: 0
// PAIR-NEXT: guest: accept on a connected socket: EINVAL
// PAIR-NEXT: guest: shutdown write: OK
// PAIR-NEXT: guest: shutdown on a pipe: ENOTSOCK
// PAIR-NEXT: guest: exit 0
// PAIR-NEXT: host: got 'pong:ping' then EOF

// LISTEN: guest: accepted fd 4
// LISTEN-NEXT: guest: received 'hello'
// LISTEN-NEXT: guest: exit 0
// LISTEN-NEXT: host: got 'echo:hello' then EOF

#include "wasi_test.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static const char *w(int e) {
  switch (e) {
  case __WASI_ERRNO_SUCCESS:
    return "OK";
  case __WASI_ERRNO_INVAL:
    return "EINVAL";
  case __WASI_ERRNO_NOTSOCK:
    return "ENOTSOCK";
  case __WASI_ERRNO_NOTCAPABLE:
    return "ENOTCAPABLE";
  case __WASI_ERRNO_BADF:
    return "EBADF";
  default:
    return "other";
  }
}

static void pair(void) {
  __wasi_fdstat_t fs;
  CHECK_OK(-__wasi_fd_fdstat_get(3, &fs));
  printf("guest: fd 3 is a stream socket: %d\n",
         fs.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM);
  char buf[64];
  ssize_t n = recv(3, buf, 4, MSG_WAITALL);
  CHECK_OK(n);
  buf[n] = 0;
  printf("guest: received '%s'\n", buf);
  char out[64];
  snprintf(out, sizeof out, "pong:%s", buf);
  CHECK_OK(send(3, out, strlen(out), 0));
  char peek[8] = {0}, got[8] = {0};
  CHECK_OK(recv(3, peek, 4, MSG_PEEK | MSG_WAITALL));
  CHECK_OK(recv(3, got, 4, MSG_WAITALL));
  printf("guest: peek then read: '%s' '%s'\n", peek, got);
  printf("guest: read after peer shutdown: %d\n",
         (int)read(3, buf, sizeof buf));
  __wasi_fd_t fd;
  printf("guest: accept on a connected socket: %s\n",
         w(__wasi_sock_accept(3, 0, &fd)));
  printf("guest: shutdown write: %s\n",
         w(__wasi_sock_shutdown(3, __WASI_SDFLAGS_WR)));
  printf("guest: shutdown on a pipe: %s\n",
         w(__wasi_sock_shutdown(1, __WASI_SDFLAGS_WR)));
}

static void listener(void) {
  __wasi_fd_t fd;
  int r = __wasi_sock_accept(3, 0, &fd);
  if (r) {
    printf("guest: accept failed: %s\n", w(r));
    return;
  }
  printf("guest: accepted fd %d\n", (int)fd);
  char buf[64];
  ssize_t n = recv(fd, buf, 5, MSG_WAITALL);
  CHECK_OK(n);
  buf[n] = 0;
  printf("guest: received '%s'\n", buf);
  char out[64];
  snprintf(out, sizeof out, "echo:%s", buf);
  CHECK_OK(send(fd, out, strlen(out), 0));
  CHECK_OK(shutdown(fd, SHUT_RDWR));
  close(fd);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (!strcmp(argv[1], "pair"))
    pair();
  else
    listener();
  printf("guest: exit 0\n");
  return 0;
}
