//===- WasiFs.cpp - The fd_* and path_* functions of WASI preview1 --------===//
///
/// \file
/// Files and directories. Every function first checks that the descriptor
/// exists and holds the rights the operation needs (err::BADF,
/// err::NOTCAPABLE); path functions then resolve the guest path with
/// resolvePath() or openBeneath() (PathResolve.cpp), which never leave the
/// directory, and operate on the last component with *at() calls that do not
/// follow symlinks. Descriptors below a read-only preopen never hold a mutating
/// right, and the mutating functions check the read-only mark again.
///
//===----------------------------------------------------------------------===//

#include "WasiInternal.h"

#include <cerrno>
#include <climits>
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace w2n::wasi {

void encodeFilestat(uint8_t *Out, const struct stat &St) {
  auto Put = [&](uint32_t Off, uint64_t V) { std::memcpy(Out + Off, &V, 8); };
  auto Nanos = [](const struct timespec &T) {
    return uint64_t(T.tv_sec) * 1000000000u + uint64_t(T.tv_nsec);
  };
  std::memset(Out, 0, layout::FilestatSize);
  Put(0, uint64_t(St.st_dev));
  Put(8, uint64_t(St.st_ino));
  Out[16] = fileTypeOf(St.st_mode);
  Put(24, uint64_t(St.st_nlink));
  Put(32, uint64_t(St.st_size));
  Put(40, Nanos(St.st_atim));
  Put(48, Nanos(St.st_mtim));
  Put(56, Nanos(St.st_ctim));
}

namespace {

/// Belt and braces for read-only preopens: the rights checks come first
/// and already refuse, but no mutating call may ever reach the host below
/// a read-only preopen.
uint32_t checkWritable(const FdEntry *E) {
  return E->ReadOnly ? uint32_t(err::PERM) : 0;
}

/// The guest path argument at (Ptr, Len).
uint32_t guestPath(GuestMemory M, uint32_t Ptr, uint32_t Len,
                   std::string &Out) {
  if (!M.string(Ptr, Len, Out))
    return err::FAULT;
  return err::SUCCESS;
}

/// Resolves a guest path (Ptr, Len) relative to directory D.
uint32_t resolve(WasiCtx::Impl &C, const FdEntry *D, GuestMemory M,
                 uint32_t Ptr, uint32_t Len, bool Follow, ResolvedPath &R) {
  std::string Path;
  if (uint32_t E = guestPath(M, Ptr, Len, Path))
    return E;
  return resolvePath(D->Host, Path, Follow, C.Config.Resolver, R);
}

/// Resolves a guest path (Ptr, Len) that names a directory entry to create,
/// remove or rename, relative to directory D. For the resolver a trailing
/// '/' means "follow the last symlink" ("link/" names what the link points
/// to), which is right for stat or open but not here: these calls act on the
/// entry itself, and POSIX's fail on "link/" (rmdir, rename and unlink say
/// ENOTDIR) rather than act on the link's target. So the slashes are taken
/// off before resolving and kept as R.MustBeDir for the caller to check.
uint32_t resolveEntry(WasiCtx::Impl &C, const FdEntry *D, GuestMemory M,
                      uint32_t Ptr, uint32_t Len, ResolvedPath &R) {
  std::string Path;
  if (uint32_t E = guestPath(M, Ptr, Len, Path))
    return E;
  bool Slash = false;
  // Not down to "": "/" must stay absolute (ENOTCAPABLE).
  while (Path.size() > 1 && Path.back() == '/') {
    Path.pop_back();
    Slash = true;
  }
  if (uint32_t E = resolvePath(D->Host, Path, false, C.Config.Resolver, R))
    return E;
  R.MustBeDir |= Slash;
  return err::SUCCESS;
}

/// The common start of the path_* calls that change a directory: fd A[0]
/// must be a directory with Right that is writable (not a read-only
/// preopen), and the guest path (A[1], A[2]) must resolve beneath it to an
/// entry (resolveEntry).
uint32_t resolveForChange(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A,
                          uint64_t Right, ResolvedPath &R) {
  FdEntry *D;
  if (uint32_t Err = C.getDir(A[0].i32, Right, D))
    return Err;
  if (uint32_t Err = checkWritable(D))
    return Err;
  return resolveEntry(C, D, M, A[1].i32, A[2].i32, R);
}

/// The start of the two-directory path_* calls (link, rename): both fds
/// must be directories with their rights, and both writable.
uint32_t getWritableDirPair(WasiCtx::Impl &C, uint32_t OldFd, uint64_t OldRight,
                            uint32_t NewFd, uint64_t NewRight, FdEntry *&Old,
                            FdEntry *&New) {
  if (uint32_t Err = C.getDir(OldFd, OldRight, Old))
    return Err;
  if (uint32_t Err = C.getDir(NewFd, NewRight, New))
    return Err;
  if (uint32_t Err = checkWritable(Old))
    return Err;
  return checkWritable(New);
}

/// A path that ended in '/' must name a directory.
uint32_t checkMustBeDir(const ResolvedPath &R) {
  if (!R.MustBeDir || R.Name == ".")
    return err::SUCCESS;
  struct stat St;
  if (fstatat(R.Dir, R.Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0)
    return lastError();
  return S_ISDIR(St.st_mode) ? err::SUCCESS : err::NOTDIR;
}

/// path_link and path_symlink create a non-directory, so a new name that
/// ends in '/' can never be right; the kernel would ignore the slash. As
/// wasmtime and POSIX answer: ENOENT when nothing has the name, EEXIST when a
/// directory (or a symlink, which may lead to one) does, ENOTDIR when another
/// file does (where Linux's link() and symlink() say EEXIST).
uint32_t refuseSlashedNewName(const ResolvedPath &R) {
  if (!R.MustBeDir)
    return err::SUCCESS;
  if (R.Name == ".")
    return err::EXIST;
  struct stat St;
  if (fstatat(R.Dir, R.Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0)
    return lastError();
  return S_ISDIR(St.st_mode) || S_ISLNK(St.st_mode) ? err::EXIST : err::NOTDIR;
}

/// utimensat/futimens times from WASI timestamps and fstflags.
uint32_t hostTimes(uint64_t ATime, uint64_t MTime, uint32_t Flags,
                   struct timespec Ts[2]) {
  using namespace fstflags;
  if (Flags & ~uint32_t(Atim | AtimNow | Mtim | MtimNow))
    return err::INVAL;
  if (((Flags & Atim) && (Flags & AtimNow)) ||
      ((Flags & Mtim) && (Flags & MtimNow)))
    return err::INVAL;
  auto Set = [](struct timespec &T, bool Given, bool Now, uint64_t V) {
    if (Now) {
      T.tv_sec = 0;
      T.tv_nsec = UTIME_NOW;
    } else if (Given) {
      T.tv_sec = time_t(V / 1000000000u);
      T.tv_nsec = long(V % 1000000000u);
    } else {
      T.tv_sec = 0;
      T.tv_nsec = UTIME_OMIT;
    }
  };
  Set(Ts[0], Flags & Atim, Flags & AtimNow, ATime);
  Set(Ts[1], Flags & Mtim, Flags & MtimNow, MTime);
  return err::SUCCESS;
}

// ---- fd_* -----------------------------------------------------------------

uint32_t fdAdvise(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdAdvise, E))
    return Err;
  static const int Advice[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL,
                               POSIX_FADV_RANDOM,   POSIX_FADV_WILLNEED,
                               POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  uint32_t Adv = A[3].i32;
  if (Adv > 5 || A[1].i64 > uint64_t(INT64_MAX) ||
      A[2].i64 > uint64_t(INT64_MAX))
    return err::INVAL;
  if (E->Type == FtDirectory)
    return err::SUCCESS; // nothing to advise
  int R = posix_fadvise(E->Host, off_t(A[1].i64), off_t(A[2].i64), Advice[Adv]);
  return fromHostErrno(R);
}

uint32_t fdAllocate(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdAllocate, E))
    return Err;
  if (uint32_t Err = checkWritable(E))
    return Err;
  uint64_t Off = A[1].i64, Len = A[2].i64;
  if (Off > uint64_t(INT64_MAX) || Len > uint64_t(INT64_MAX) - Off)
    return err::FBIG;
  if (Len == 0)
    return err::INVAL;
  return fromHostErrno(posix_fallocate(E->Host, off_t(Off), off_t(Len)));
}

uint32_t fdClose(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  uint32_t Fd = A[0].i32;
  if (!C.entry(Fd))
    return err::BADF;
  C.Fds[Fd].reset();
  return err::SUCCESS;
}

uint32_t fdDatasync(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdDatasync, E))
    return Err;
  return fdatasync(E->Host) == 0 ? err::SUCCESS : lastError();
}

uint32_t fdSync(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdSync, E))
    return Err;
  return fsync(E->Host) == 0 ? err::SUCCESS : lastError();
}

uint32_t fdFdstatGet(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, 0, E))
    return Err;
  uint8_t *P = M.range(A[1].i32, layout::FdstatSize);
  if (!P)
    return err::FAULT;
  int Fl = fcntl(E->Host, F_GETFL);
  uint16_t Flags = 0;
  if (Fl >= 0) {
    if (Fl & O_APPEND)
      Flags |= fdflags::Append;
    if (Fl & O_NONBLOCK)
      Flags |= fdflags::Nonblock;
    if ((Fl & O_SYNC) == O_SYNC)
      Flags |= fdflags::Sync;
    else if (Fl & O_DSYNC)
      Flags |= fdflags::Dsync;
  }
  std::memset(P, 0, layout::FdstatSize);
  P[0] = E->Type;
  std::memcpy(P + 2, &Flags, 2);
  std::memcpy(P + 8, &E->Base, 8);
  std::memcpy(P + 16, &E->Inheriting, 8);
  return err::SUCCESS;
}

uint32_t fdFdstatSetFlags(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdFdstatSetFlags, E))
    return Err;
  uint32_t Flags = A[1].i32;
  if (Flags & ~uint32_t(0x1f))
    return err::INVAL;
  // Linux cannot change the synchronisation flags of an open file.
  if (Flags & (fdflags::Dsync | fdflags::Rsync | fdflags::Sync))
    return err::NOTSUP;
  int Fl = fcntl(E->Host, F_GETFL);
  if (Fl < 0)
    return lastError();
  Fl &= ~(O_APPEND | O_NONBLOCK);
  if (Flags & fdflags::Append)
    Fl |= O_APPEND;
  if (Flags & fdflags::Nonblock)
    Fl |= O_NONBLOCK;
  return fcntl(E->Host, F_SETFL, Fl) == 0 ? err::SUCCESS : lastError();
}

uint32_t fdFdstatSetRights(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, 0, E))
    return Err;
  uint64_t Base = A[1].i64, Inh = A[2].i64;
  // Rights can only be dropped.
  if ((Base & ~E->Base) || (Inh & ~E->Inheriting))
    return err::NOTCAPABLE;
  E->Base = Base;
  E->Inheriting = Inh;
  return err::SUCCESS;
}

uint32_t fdFilestatGet(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdFilestatGet, E))
    return Err;
  uint8_t *P = M.range(A[1].i32, layout::FilestatSize);
  if (!P)
    return err::FAULT;
  struct stat St;
  if (fstat(E->Host, &St) != 0)
    return lastError();
  encodeFilestat(P, St);
  // What fd_fdstat_get says: the socket type, or a stream for stdio.
  if (E->HostSocket)
    P[16] = E->Type;
  return err::SUCCESS;
}

uint32_t fdFilestatSetSize(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdFilestatSetSize, E))
    return Err;
  if (uint32_t Err = checkWritable(E))
    return Err;
  if (A[1].i64 > uint64_t(INT64_MAX))
    return err::FBIG;
  return ftruncate(E->Host, off_t(A[1].i64)) == 0 ? err::SUCCESS : lastError();
}

uint32_t fdFilestatSetTimes(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdFilestatSetTimes, E))
    return Err;
  if (uint32_t Err = checkWritable(E))
    return Err;
  struct timespec Ts[2];
  if (uint32_t Err = hostTimes(A[1].i64, A[2].i64, A[3].i32, Ts))
    return Err;
  return futimens(E->Host, Ts) == 0 ? err::SUCCESS : lastError();
}

/// fd_read/fd_write/fd_pread/fd_pwrite: Offset < 0 means the current one.
uint32_t transfer(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A, bool Write,
                  bool Positioned) {
  uint64_t Need = Write ? rights::FdWrite : rights::FdRead;
  if (Positioned)
    Need |= rights::FdSeek;
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, Need, E))
    return Err;
  if (Write)
    if (uint32_t Err = checkWritable(E))
      return Err;
  std::vector<struct iovec> Iov;
  if (uint32_t Err = hostIovecs(M, A[1].i32, A[2].i32, Iov))
    return Err;
  uint32_t ResultPtr = Positioned ? A[4].i32 : A[3].i32;
  if (!M.range(ResultPtr, 4))
    return err::FAULT;
  if (Positioned && A[3].i64 > uint64_t(INT64_MAX))
    return err::INVAL;
  off_t Off = Positioned ? off_t(A[3].i64) : 0;
  ssize_t N;
  do {
    if (Write && E->HostSocket) {
      struct msghdr Msg;
      std::memset(&Msg, 0, sizeof(Msg));
      Msg.msg_iov = Iov.data();
      Msg.msg_iovlen = Iov.size();
      N = sendmsg(E->Host, &Msg, MSG_NOSIGNAL);
    } else if (Write) {
      N = Positioned ? pwritev(E->Host, Iov.data(), int(Iov.size()), Off)
                     : writev(E->Host, Iov.data(), int(Iov.size()));
    } else {
      N = Positioned ? preadv(E->Host, Iov.data(), int(Iov.size()), Off)
                     : readv(E->Host, Iov.data(), int(Iov.size()));
    }
  } while (N < 0 && errno == EINTR);
  if (N < 0)
    return lastError();
  M.store(ResultPtr, uint32_t(N));
  return err::SUCCESS;
}

uint32_t fdRead(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  return transfer(C, M, A, /*Write=*/false, /*Positioned=*/false);
}
uint32_t fdWrite(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  return transfer(C, M, A, /*Write=*/true, /*Positioned=*/false);
}
uint32_t fdPread(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  return transfer(C, M, A, /*Write=*/false, /*Positioned=*/true);
}
uint32_t fdPwrite(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  return transfer(C, M, A, /*Write=*/true, /*Positioned=*/true);
}

uint32_t fdPrestatGet(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *E = C.entry(A[0].i32);
  if (!E || !E->IsPreopen)
    return err::BADF;
  uint8_t *P = M.range(A[1].i32, layout::PrestatSize);
  if (!P)
    return err::FAULT;
  uint32_t Len = uint32_t(E->PreopenName.size());
  std::memset(P, 0, layout::PrestatSize); // tag 0: a directory
  std::memcpy(P + 4, &Len, 4);
  return err::SUCCESS;
}

uint32_t fdPrestatDirName(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *E = C.entry(A[0].i32);
  if (!E || !E->IsPreopen)
    return err::BADF;
  uint32_t Len = A[2].i32;
  if (Len < E->PreopenName.size())
    return err::NAMETOOLONG;
  uint8_t *P = M.range(A[1].i32, E->PreopenName.size());
  if (!P)
    return err::FAULT;
  std::memcpy(P, E->PreopenName.data(), E->PreopenName.size());
  return err::SUCCESS;
}

uint8_t direntType(const struct dirent &D, int Dir) {
  switch (D.d_type) {
  case DT_REG:
    return FtRegularFile;
  case DT_DIR:
    return FtDirectory;
  case DT_LNK:
    return FtSymbolicLink;
  case DT_CHR:
    return FtCharacterDevice;
  case DT_BLK:
    return FtBlockDevice;
  case DT_SOCK:
    return FtSocketStream;
  case DT_FIFO:
    return FtUnknown;
  default: {
    struct stat St;
    if (fstatat(Dir, D.d_name, &St, AT_SYMLINK_NOFOLLOW) != 0)
      return FtUnknown;
    return fileTypeOf(St.st_mode);
  }
  }
}

/// Reads the whole directory into E->Dir.
uint32_t snapshotDir(FdEntry *E) {
  int Fd = openat(E->Host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (Fd < 0)
    return lastError();
  DIR *D = fdopendir(Fd);
  if (!D) {
    uint32_t Err = lastError();
    close(Fd);
    return Err;
  }
  E->Dir.clear();
  errno = 0;
  while (struct dirent *Ent = readdir(D)) {
    E->Dir.push_back(
        DirEntry{Ent->d_name, uint64_t(Ent->d_ino), direntType(*Ent, Fd)});
    errno = 0;
  }
  uint32_t Err = errno ? lastError() : err::SUCCESS;
  closedir(D);
  E->DirValid = !Err;
  return Err;
}

uint32_t fdReaddir(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdReaddir, E))
    return Err;
  if (E->Type != FtDirectory)
    return err::NOTDIR;
  uint32_t BufLen = A[2].i32;
  uint8_t *Buf = M.range(A[1].i32, BufLen);
  if (!Buf || !M.range(A[4].i32, 4))
    return err::FAULT;
  uint64_t Cookie = A[3].i64;
  if (Cookie == 0 || !E->DirValid)
    if (uint32_t Err = snapshotDir(E))
      return Err;
  uint32_t Used = 0;
  for (uint64_t I = Cookie; I < E->Dir.size() && Used < BufLen; ++I) {
    const DirEntry &D = E->Dir[I];
    uint8_t Header[layout::DirentSize];
    std::memset(Header, 0, sizeof(Header));
    uint64_t Next = I + 1;
    uint32_t NameLen = uint32_t(D.Name.size());
    std::memcpy(Header, &Next, 8);
    std::memcpy(Header + 8, &D.Ino, 8);
    std::memcpy(Header + 16, &NameLen, 4);
    Header[20] = D.Type;
    // Entries that do not fit are cut off; the guest sees bufused ==
    // buf_len and asks again with a larger buffer.
    uint32_t N = std::min<uint32_t>(layout::DirentSize, BufLen - Used);
    std::memcpy(Buf + Used, Header, N);
    Used += N;
    N = std::min<uint32_t>(NameLen, BufLen - Used);
    std::memcpy(Buf + Used, D.Name.data(), N);
    Used += N;
  }
  M.store(A[4].i32, Used);
  return err::SUCCESS;
}

uint32_t fdRenumber(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  uint32_t From = A[0].i32, To = A[1].i32;
  if (!C.entry(From) || !C.entry(To))
    return err::BADF;
  if (From != To)
    C.Fds[To] = std::move(C.Fds[From]);
  return err::SUCCESS;
}

uint32_t fdSeek(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  int64_t Off = int64_t(A[1].i64);
  uint32_t Whence = A[2].i32;
  // Asking for the current position needs only FD_TELL.
  uint64_t Need = Off == 0 && Whence == 1 ? rights::FdTell : rights::FdSeek;
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, Need, E))
    return Err;
  if (Whence > 2)
    return err::INVAL;
  if (!M.range(A[3].i32, 8))
    return err::FAULT;
  static const int Host[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  off_t R = lseek(E->Host, off_t(Off), Host[Whence]);
  if (R < 0)
    return lastError();
  M.store(A[3].i32, uint64_t(R));
  return err::SUCCESS;
}

uint32_t fdTell(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = C.get(A[0].i32, rights::FdTell, E))
    return Err;
  if (!M.range(A[1].i32, 8))
    return err::FAULT;
  off_t R = lseek(E->Host, 0, SEEK_CUR);
  if (R < 0)
    return lastError();
  M.store(A[1].i32, uint64_t(R));
  return err::SUCCESS;
}

// ---- path_* ---------------------------------------------------------------

uint32_t pathCreateDirectory(WasiCtx::Impl &C, GuestMemory M,
                             const w2n_val *A) {
  ResolvedPath R;
  if (uint32_t Err = resolveForChange(C, M, A, rights::PathCreateDirectory, R))
    return Err;
  return mkdirat(R.Dir, R.Name.c_str(), 0777) == 0 ? err::SUCCESS : lastError();
}

uint32_t pathFilestatGet(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *D;
  if (uint32_t Err = C.getDir(A[0].i32, rights::PathFilestatGet, D))
    return Err;
  uint8_t *P = M.range(A[4].i32, layout::FilestatSize);
  if (!P)
    return err::FAULT;
  ResolvedPath R;
  bool Follow = A[1].i32 & LookupSymlinkFollow;
  if (uint32_t Err = resolve(C, D, M, A[2].i32, A[3].i32, Follow, R))
    return Err;
  struct stat St;
  if (fstatat(R.Dir, R.Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0)
    return lastError();
  if (R.MustBeDir && !S_ISDIR(St.st_mode))
    return err::NOTDIR;
  encodeFilestat(P, St);
  return err::SUCCESS;
}

uint32_t pathFilestatSetTimes(WasiCtx::Impl &C, GuestMemory M,
                              const w2n_val *A) {
  FdEntry *D;
  if (uint32_t Err = C.getDir(A[0].i32, rights::PathFilestatSetTimes, D))
    return Err;
  if (uint32_t Err = checkWritable(D))
    return Err;
  struct timespec Ts[2];
  if (uint32_t Err = hostTimes(A[4].i64, A[5].i64, A[6].i32, Ts))
    return Err;
  ResolvedPath R;
  bool Follow = A[1].i32 & LookupSymlinkFollow;
  if (uint32_t Err = resolve(C, D, M, A[2].i32, A[3].i32, Follow, R))
    return Err;
  if (uint32_t Err = checkMustBeDir(R))
    return Err;
  return utimensat(R.Dir, R.Name.c_str(), Ts, AT_SYMLINK_NOFOLLOW) == 0
             ? err::SUCCESS
             : lastError();
}

uint32_t pathLink(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *Old, *New;
  if (uint32_t Err =
          getWritableDirPair(C, A[0].i32, rights::PathLinkSource, A[4].i32,
                             rights::PathLinkTarget, Old, New))
    return Err;
  ResolvedPath RO, RN;
  bool Follow = A[1].i32 & LookupSymlinkFollow;
  if (uint32_t Err = resolve(C, Old, M, A[2].i32, A[3].i32, Follow, RO))
    return Err;
  if (uint32_t Err = resolveEntry(C, New, M, A[5].i32, A[6].i32, RN))
    return Err;
  if (uint32_t Err = checkMustBeDir(RO))
    return Err;
  if (uint32_t Err = refuseSlashedNewName(RN))
    return Err;
  return linkat(RO.Dir, RO.Name.c_str(), RN.Dir, RN.Name.c_str(), 0) == 0
             ? err::SUCCESS
             : lastError();
}

uint32_t pathOpen(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  uint32_t DirFlags = A[1].i32, OFlags = A[4].i32, FdFlags = A[7].i32;
  uint64_t ReqBase = A[5].i64, ReqInh = A[6].i64;
  if (OFlags & ~uint32_t(0xf) || FdFlags & ~uint32_t(0x1f))
    return err::INVAL;
  // Before Linux 6.4, O_CREAT | O_DIRECTORY created a regular file and then
  // failed with ENOTDIR; refuse it on every kernel, as 6.4 does.
  if ((OFlags & oflags::Creat) && (OFlags & oflags::Directory))
    return err::INVAL;
  uint64_t Need = rights::PathOpen;
  if (OFlags & oflags::Creat)
    Need |= rights::PathCreateFile;
  if (OFlags & oflags::Trunc)
    Need |= rights::PathFilestatSetSize;
  FdEntry *D;
  if (uint32_t Err = C.getDir(A[0].i32, Need, D))
    return Err;
  if (OFlags & (oflags::Creat | oflags::Trunc))
    if (uint32_t Err = checkWritable(D))
      return Err;
  if (!M.range(A[8].i32, 4))
    return err::FAULT;
  std::string Path;
  if (uint32_t Err = guestPath(M, A[2].i32, A[3].i32, Path))
    return Err;

  // A new descriptor has at most the rights its directory passes on.
  uint64_t Base = ReqBase & D->Inheriting;
  uint64_t Inh = ReqInh & D->Inheriting;
  if (D->ReadOnly) {
    Base &= ~rights::Mutating;
    Inh &= ~rights::Mutating;
  }
  bool Write =
      Base & (rights::FdWrite | rights::FdAllocate | rights::FdFilestatSetSize);
  bool Read = Base & (rights::FdRead | rights::FdReaddir);
  int Flags = Write ? (Read ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (OFlags & oflags::Creat)
    Flags |= O_CREAT;
  if (OFlags & oflags::Directory)
    Flags |= O_DIRECTORY;
  if (OFlags & oflags::Excl)
    Flags |= O_EXCL;
  if (OFlags & oflags::Trunc)
    Flags |= O_TRUNC;
  if (FdFlags & fdflags::Append)
    Flags |= O_APPEND;
  if (FdFlags & fdflags::Dsync)
    Flags |= O_DSYNC;
  if (FdFlags & fdflags::Nonblock)
    Flags |= O_NONBLOCK;
  if (FdFlags & fdflags::Rsync)
    Flags |= O_RSYNC;
  if (FdFlags & fdflags::Sync)
    Flags |= O_SYNC;

  int Fd;
  if (uint32_t Err = openBeneath(D->Host, Path, DirFlags & LookupSymlinkFollow,
                                 Flags, 0666, C.Config.Resolver, Fd))
    return Err;
  auto E = std::make_unique<FdEntry>();
  E->Host = Fd;
  E->Type = fileTypeOfFd(Fd);
  E->Base = Base & rightsForType(E->Type);
  E->Inheriting = E->Type == FtDirectory ? Inh : 0;
  E->ReadOnly = D->ReadOnly;
  uint32_t New;
  if (uint32_t Err = C.insert(std::move(E), New))
    return Err;
  M.store(A[8].i32, New);
  return err::SUCCESS;
}

uint32_t pathReadlink(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *D;
  if (uint32_t Err = C.getDir(A[0].i32, rights::PathReadlink, D))
    return Err;
  uint32_t BufLen = A[4].i32;
  uint8_t *Buf = M.range(A[3].i32, BufLen);
  if (!Buf || !M.range(A[5].i32, 4))
    return err::FAULT;
  ResolvedPath R;
  if (uint32_t Err = resolve(C, D, M, A[1].i32, A[2].i32, false, R))
    return Err;
  if (uint32_t Err = checkMustBeDir(R))
    return Err;
  // Read all of it, then copy what fits: the guest sees a truncated
  // target rather than an error.
  std::string Target(4096, '\0');
  ssize_t N = readlinkat(R.Dir, R.Name.c_str(), Target.data(), Target.size());
  if (N < 0)
    return lastError();
  uint32_t Used = std::min<uint32_t>(uint32_t(N), BufLen);
  std::memcpy(Buf, Target.data(), Used);
  M.store(A[5].i32, Used);
  return err::SUCCESS;
}

uint32_t pathRemoveDirectory(WasiCtx::Impl &C, GuestMemory M,
                             const w2n_val *A) {
  ResolvedPath R;
  if (uint32_t Err = resolveForChange(C, M, A, rights::PathRemoveDirectory, R))
    return Err;
  return unlinkat(R.Dir, R.Name.c_str(), AT_REMOVEDIR) == 0 ? err::SUCCESS
                                                            : lastError();
}

uint32_t pathRename(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *Old, *New;
  if (uint32_t Err =
          getWritableDirPair(C, A[0].i32, rights::PathRenameSource, A[3].i32,
                             rights::PathRenameTarget, Old, New))
    return Err;
  ResolvedPath RO, RN;
  if (uint32_t Err = resolveEntry(C, Old, M, A[1].i32, A[2].i32, RO))
    return Err;
  if (uint32_t Err = resolveEntry(C, New, M, A[4].i32, A[5].i32, RN))
    return Err;
  if (uint32_t Err = checkMustBeDir(RO))
    return Err;
  if (RN.MustBeDir && !RO.MustBeDir) {
    // "file" -> "name/": the source must be a directory too.
    RO.MustBeDir = true;
    if (uint32_t Err = checkMustBeDir(RO))
      return Err;
  }
  return renameat(RO.Dir, RO.Name.c_str(), RN.Dir, RN.Name.c_str()) == 0
             ? err::SUCCESS
             : lastError();
}

uint32_t pathSymlink(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *D;
  if (uint32_t Err = C.getDir(A[2].i32, rights::PathSymlink, D))
    return Err;
  if (uint32_t Err = checkWritable(D))
    return Err;
  std::string Target, LinkPath;
  if (uint32_t Err = guestPath(M, A[0].i32, A[1].i32, Target))
    return Err;
  if (uint32_t Err = guestPath(M, A[3].i32, A[4].i32, LinkPath))
    return Err;
  if (Target.find('\0') != std::string::npos)
    return err::ILSEQ;
  // Links that point outside could never be followed by the guest, but
  // they would mislead host programs that later walk the directory.
  if (!symlinkStaysInside(LinkPath, Target))
    return err::NOTCAPABLE;
  ResolvedPath R;
  if (uint32_t Err = resolveEntry(C, D, M, A[3].i32, A[4].i32, R))
    return Err;
  if (uint32_t Err = refuseSlashedNewName(R))
    return Err;
  return symlinkat(Target.c_str(), R.Dir, R.Name.c_str()) == 0 ? err::SUCCESS
                                                               : lastError();
}

uint32_t pathUnlinkFile(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  ResolvedPath R;
  if (uint32_t Err = resolveForChange(C, M, A, rights::PathUnlinkFile, R))
    return Err;
  if (R.MustBeDir) {
    struct stat St;
    if (fstatat(R.Dir, R.Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0)
      return lastError();
    return S_ISDIR(St.st_mode) ? err::ISDIR : err::NOTDIR;
  }
  return unlinkat(R.Dir, R.Name.c_str(), 0) == 0 ? err::SUCCESS : lastError();
}

} // namespace

const FunctionInfo FsFunctions[] = {
    {"fd_advise", "iIIi", true, fdAdvise},
    {"fd_allocate", "iII", true, fdAllocate},
    {"fd_close", "i", true, fdClose},
    {"fd_datasync", "i", true, fdDatasync},
    {"fd_fdstat_get", "ii", true, fdFdstatGet},
    {"fd_fdstat_set_flags", "ii", true, fdFdstatSetFlags},
    {"fd_fdstat_set_rights", "iII", true, fdFdstatSetRights},
    {"fd_filestat_get", "ii", true, fdFilestatGet},
    {"fd_filestat_set_size", "iI", true, fdFilestatSetSize},
    {"fd_filestat_set_times", "iIIi", true, fdFilestatSetTimes},
    {"fd_pread", "iiiIi", true, fdPread},
    {"fd_prestat_get", "ii", true, fdPrestatGet},
    {"fd_prestat_dir_name", "iii", true, fdPrestatDirName},
    {"fd_pwrite", "iiiIi", true, fdPwrite},
    {"fd_read", "iiii", true, fdRead},
    {"fd_readdir", "iiiIi", true, fdReaddir},
    {"fd_renumber", "ii", true, fdRenumber},
    {"fd_seek", "iIii", true, fdSeek},
    {"fd_sync", "i", true, fdSync},
    {"fd_tell", "ii", true, fdTell},
    {"fd_write", "iiii", true, fdWrite},
    {"path_create_directory", "iii", true, pathCreateDirectory},
    {"path_filestat_get", "iiiii", true, pathFilestatGet},
    {"path_filestat_set_times", "iiiiIIi", true, pathFilestatSetTimes},
    {"path_link", "iiiiiii", true, pathLink},
    {"path_open", "iiiiiIIii", true, pathOpen},
    {"path_readlink", "iiiiii", true, pathReadlink},
    {"path_remove_directory", "iii", true, pathRemoveDirectory},
    {"path_rename", "iiiiii", true, pathRename},
    {"path_symlink", "iiiii", true, pathSymlink},
    {"path_unlink_file", "iii", true, pathUnlinkFile},
};
const size_t NumFsFunctions = sizeof(FsFunctions) / sizeof(FsFunctions[0]);

} // namespace w2n::wasi
