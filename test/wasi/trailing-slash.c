// A trailing '/' on a path (issue 14): link() and symlink() never create
// "name/", and rmdir, rename and unlink act on the entry named, never on
// what a symlink with that name points to. Run with both resolvers, whose
// outputs must agree; the host tree is checked afterwards.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: rm -rf %t && mkdir -p %t/auto %t/manual
// RUN: wasm2native run --dir %t/auto::/t %t.wasm > %t.auto.out
// RUN: FileCheck %s < %t.auto.out
// RUN: wasm2native run --wasi-resolver=manual --dir %t/manual::/t %t.wasm \
// RUN:   > %t.manual.out
// RUN: diff %t.auto.out %t.manual.out
// RUN: ls %t/auto | FileCheck %s --check-prefix=HOST
// RUN: test -d %t/auto/dir && test -L %t/auto/sd

// CHECK: link to new/: ENOENT
// CHECK-NEXT: link to dir/: EEXIST
// CHECK-NEXT: link to file/: ENOTDIR
// CHECK-NEXT: symlink to new/: ENOENT
// CHECK-NEXT: symlink to dir/: EEXIST
// CHECK-NEXT: symlink to file/: ENOTDIR
// CHECK-NEXT: rmdir sd/: ENOTDIR
// CHECK-NEXT: unlink sd/: ENOTDIR
// CHECK-NEXT: rename sd/ away: ENOTDIR
// CHECK-NEXT: rename a directory over sd/: ENOTDIR
// CHECK-NEXT: create new/: EISDIR
// CHECK-NEXT: rename dir2/ to dir3/: succeeded
// CHECK-NEXT: rmdir dir3/: succeeded
// CHECK-NEXT: new exists: 0

// HOST: dir
// HOST-NEXT: dir2
// HOST-NEXT: file
// HOST-NEXT: sd
// HOST-NOT: {{.}}

#include "wasi_test.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  CHECK_OK(chdir("/t"));
  int fd = open("file", O_WRONLY | O_CREAT, 0644);
  CHECK_OK(fd);
  close(fd);
  CHECK_OK(mkdir("dir", 0755));
  CHECK_OK(mkdir("dir2", 0755));
  CHECK_OK(symlink("dir", "sd"));

  TRY("link to new/", link("file", "new/"));
  TRY("link to dir/", link("file", "dir/"));
  TRY("link to file/", link("file", "file/"));
  TRY("symlink to new/", symlink("file", "new/"));
  TRY("symlink to dir/", symlink("file", "dir/"));
  TRY("symlink to file/", symlink("file", "file/"));

  // sd is a symlink to dir: "sd/" must not reach dir.
  TRY("rmdir sd/", rmdir("sd/"));
  TRY("unlink sd/", unlink("sd/"));
  TRY("rename sd/ away", rename("sd/", "moved"));
  TRY("rename a directory over sd/", rename("dir2", "sd/"));
  TRY("create new/", open("new/", O_WRONLY | O_CREAT, 0644));

  CHECK_OK(mkdir("dir2/inner", 0755));
  CHECK_OK(rmdir("dir2/inner"));
  TRY("rename dir2/ to dir3/", rename("dir2/", "dir3/"));
  TRY("rmdir dir3/", rmdir("dir3/"));
  CHECK_OK(mkdir("dir2", 0755));
  printf("new exists: %d\n", access("new", F_OK) == 0);
  return 0;
}
