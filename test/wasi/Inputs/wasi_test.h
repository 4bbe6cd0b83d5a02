/*===- wasi_test.h - Helpers for the WASI test programs ------------------===*\
 *
 * \file
 * CHECK_OK / CHECK_ERR print one line per operation, so that a test's
 * golden output names every call and the errno it must fail with.
\*===----------------------------------------------------------------------===*/

#ifndef WASI_TEST_H
#define WASI_TEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline const char *errname(int e) {
  switch (e) {
  case 0:
    return "OK";
  case EACCES:
    return "EACCES";
  case EBADF:
    return "EBADF";
  case EEXIST:
    return "EEXIST";
  case EFAULT:
    return "EFAULT";
  case EINVAL:
    return "EINVAL";
  case EISDIR:
    return "EISDIR";
  case ELOOP:
    return "ELOOP";
  case ENOENT:
    return "ENOENT";
  case ENOTDIR:
    return "ENOTDIR";
  case ENOTEMPTY:
    return "ENOTEMPTY";
  case ENOTCAPABLE:
    return "ENOTCAPABLE";
  case EPERM:
    return "EPERM";
  case EROFS:
    return "EROFS";
  case ESPIPE:
    return "ESPIPE";
  case EXDEV:
    return "EXDEV";
  case ENOSYS:
    return "ENOSYS";
  case ENOTSUP:
    return "ENOTSUP";
  case ENAMETOOLONG:
    return "ENAMETOOLONG";
  case EILSEQ:
    return "EILSEQ";
  default:
    return strerror(e);
  }
}

/* Runs an int-returning call that must succeed (result >= 0). */
#define CHECK_OK(call)                                                         \
  do {                                                                         \
    errno = 0;                                                                 \
    long r_ = (long)(call);                                                    \
    if (r_ < 0) {                                                              \
      printf("FAIL line %d: %s: %s\n", __LINE__, #call, errname(errno));       \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* Runs an int-returning call that is expected to fail; prints
 * "LABEL: ERRNO" (or "LABEL: succeeded"). */
#define TRY(label, call)                                                       \
  do {                                                                         \
    errno = 0;                                                                 \
    long r_ = (long)(call);                                                    \
    printf("%s: %s\n", label, r_ < 0 ? errname(errno) : "succeeded");          \
  } while (0)

#endif
