//===- WasiCtx.cpp - WASI contexts, processes, clocks, polls, sockets -----===//
///
/// \file
/// The WASI context (descriptor table, arguments, environment), how its
/// functions become host functions of a store, and the functions that are
/// not about files: args/environ, clocks, random_get, proc_exit and
/// proc_raise, sched_yield, poll_oneoff and sock_*. The file-system
/// functions are in WasiFs.cpp, path resolution in PathResolve.cpp.
///
/// Every function validates every guest pointer and length before use
/// (GuestMemory) and reports failures as WASI errno values; the only
/// functions that end the call into wasm are proc_exit and proc_raise of a
/// terminating signal.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/wasi.h"

#include "WasiInternal.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

namespace w2n::wasi {

// ---- errno ----------------------------------------------------------------

uint32_t fromHostErrno(int E) {
  switch (E) {
  case 0:
    return err::SUCCESS;
  case E2BIG:
    return err::TOOBIG;
  case EACCES:
    return err::ACCES;
  case EADDRINUSE:
    return err::ADDRINUSE;
  case EADDRNOTAVAIL:
    return err::ADDRNOTAVAIL;
  case EAFNOSUPPORT:
    return err::AFNOSUPPORT;
  case EAGAIN:
    return err::AGAIN;
  case EALREADY:
    return err::ALREADY;
  case EBADF:
    return err::BADF;
  case EBADMSG:
    return err::BADMSG;
  case EBUSY:
    return err::BUSY;
  case ECANCELED:
    return err::CANCELED;
  case ECHILD:
    return err::CHILD;
  case ECONNABORTED:
    return err::CONNABORTED;
  case ECONNREFUSED:
    return err::CONNREFUSED;
  case ECONNRESET:
    return err::CONNRESET;
  case EDEADLK:
    return err::DEADLK;
  case EDESTADDRREQ:
    return err::DESTADDRREQ;
  case EDOM:
    return err::DOM;
  case EDQUOT:
    return err::DQUOT;
  case EEXIST:
    return err::EXIST;
  case EFAULT:
    return err::FAULT;
  case EFBIG:
    return err::FBIG;
  case EHOSTUNREACH:
    return err::HOSTUNREACH;
  case EIDRM:
    return err::IDRM;
  case EILSEQ:
    return err::ILSEQ;
  case EINPROGRESS:
    return err::INPROGRESS;
  case EINTR:
    return err::INTR;
  case EINVAL:
    return err::INVAL;
  case EIO:
    return err::IO;
  case EISCONN:
    return err::ISCONN;
  case EISDIR:
    return err::ISDIR;
  case ELOOP:
    return err::LOOP;
  case EMFILE:
    return err::MFILE;
  case EMLINK:
    return err::MLINK;
  case EMSGSIZE:
    return err::MSGSIZE;
  case EMULTIHOP:
    return err::MULTIHOP;
  case ENAMETOOLONG:
    return err::NAMETOOLONG;
  case ENETDOWN:
    return err::NETDOWN;
  case ENETRESET:
    return err::NETRESET;
  case ENETUNREACH:
    return err::NETUNREACH;
  case ENFILE:
    return err::NFILE;
  case ENOBUFS:
    return err::NOBUFS;
  case ENODEV:
    return err::NODEV;
  case ENOENT:
    return err::NOENT;
  case ENOEXEC:
    return err::NOEXEC;
  case ENOLCK:
    return err::NOLCK;
  case ENOLINK:
    return err::NOLINK;
  case ENOMEM:
    return err::NOMEM;
  case ENOMSG:
    return err::NOMSG;
  case ENOPROTOOPT:
    return err::NOPROTOOPT;
  case ENOSPC:
    return err::NOSPC;
  case ENOSYS:
    return err::NOSYS;
  case ENOTCONN:
    return err::NOTCONN;
  case ENOTDIR:
    return err::NOTDIR;
  case ENOTEMPTY:
    return err::NOTEMPTY;
  case ENOTRECOVERABLE:
    return err::NOTRECOVERABLE;
  case ENOTSOCK:
    return err::NOTSOCK;
  case ENOTSUP:
    return err::NOTSUP;
  case ENOTTY:
    return err::NOTTY;
  case ENXIO:
    return err::NXIO;
  case EOVERFLOW:
    return err::OVERFLOW;
  case EOWNERDEAD:
    return err::OWNERDEAD;
  case EPERM:
    return err::PERM;
  case EPIPE:
    return err::PIPE;
  case EPROTO:
    return err::PROTO;
  case EPROTONOSUPPORT:
    return err::PROTONOSUPPORT;
  case EPROTOTYPE:
    return err::PROTOTYPE;
  case ERANGE:
    return err::RANGE;
  case EROFS:
    return err::ROFS;
  case ESPIPE:
    return err::SPIPE;
  case ESRCH:
    return err::SRCH;
  case ESTALE:
    return err::STALE;
  case ETIMEDOUT:
    return err::TIMEDOUT;
  case ETXTBSY:
    return err::TXTBSY;
  case EXDEV:
    return err::XDEV;
  default:
    return err::IO;
  }
}

uint32_t lastError() { return fromHostErrno(errno); }

// ---- Descriptors ---------------------------------------------------------

FdEntry::~FdEntry() {
  if (!Borrowed && Host >= 0)
    close(Host);
}

uint8_t fileTypeOf(unsigned Mode) {
  switch (Mode & S_IFMT) {
  case S_IFREG:
    return FtRegularFile;
  case S_IFDIR:
    return FtDirectory;
  case S_IFCHR:
    return FtCharacterDevice;
  case S_IFBLK:
    return FtBlockDevice;
  case S_IFLNK:
    return FtSymbolicLink;
  case S_IFSOCK:
    return FtSocketStream;
  default: // FIFOs have no WASI type
    return FtUnknown;
  }
}

uint8_t fileTypeOfFd(int Fd) {
  struct stat St;
  if (fstat(Fd, &St) != 0)
    return FtUnknown;
  if (S_ISSOCK(St.st_mode)) {
    int Type = 0;
    socklen_t Len = sizeof(Type);
    if (getsockopt(Fd, SOL_SOCKET, SO_TYPE, &Type, &Len) == 0 &&
        Type == SOCK_DGRAM)
      return FtSocketDgram;
    return FtSocketStream;
  }
  return fileTypeOf(St.st_mode);
}

uint64_t rightsForType(uint8_t T) {
  switch (T) {
  case FtRegularFile:
    return rights::File;
  case FtDirectory:
    return rights::Directory;
  case FtSocketDgram:
  case FtSocketStream:
    return rights::Socket;
  default:
    return rights::Stream;
  }
}

uint32_t unsupportedByType(uint8_t T, uint64_t Missing) {
  using namespace rights;
  if (Missing & (SockShutdown | SockAccept))
    return err::NOTSOCK;
  if (Missing & (Directory & ~File)) // fd_readdir and the path_* rights
    return err::NOTDIR;
  // File operations on a directory: EBADF, as POSIX's write() and ftruncate()
  // say and as wasmtime answers for the rest (Linux's lseek and fdatasync
  // would succeed on a directory, its read() says EISDIR).
  if (T == FtDirectory)
    return err::BADF;
  // Pipes, terminals and sockets: what lseek, posix_fadvise and
  // posix_fallocate say about them, then fsync's and ftruncate's EINVAL.
  if (Missing & (FdSeek | FdTell | FdAdvise | FdAllocate))
    return err::SPIPE;
  return err::INVAL;
}

uint32_t WasiCtx::Impl::get(uint32_t Fd, uint64_t Needed, FdEntry *&Out) const {
  FdEntry *E = entry(Fd);
  if (!E)
    return err::BADF;
  // ENOTCAPABLE means "not granted"; an operation that this kind of
  // descriptor cannot do at all fails as it would on the host.
  if (uint64_t Impossible = Needed & ~rightsForType(E->Type))
    return unsupportedByType(E->Type, Impossible);
  if ((E->Base & Needed) != Needed)
    return err::NOTCAPABLE;
  Out = E;
  return err::SUCCESS;
}

uint32_t WasiCtx::Impl::getDir(uint32_t Fd, uint64_t Needed,
                               FdEntry *&Out) const {
  FdEntry *E = entry(Fd);
  if (!E)
    return err::BADF;
  if (E->Type != FtDirectory)
    return err::NOTDIR;
  if ((E->Base & Needed) != Needed)
    return err::NOTCAPABLE;
  Out = E;
  return err::SUCCESS;
}

uint32_t WasiCtx::Impl::insert(std::unique_ptr<FdEntry> E, uint32_t &Fd) {
  /// Far more than any guest needs; the host's own limit usually comes
  /// first.
  constexpr size_t MaxFds = 1 << 16;
  for (size_t I = 0; I < Fds.size(); ++I)
    if (!Fds[I]) {
      Fds[I] = std::move(E);
      Fd = uint32_t(I);
      return err::SUCCESS;
    }
  if (Fds.size() >= MaxFds)
    return err::MFILE;
  Fds.push_back(std::move(E));
  Fd = uint32_t(Fds.size() - 1);
  return err::SUCCESS;
}

uint32_t hostIovecs(GuestMemory Mem, uint32_t IovsPtr, uint32_t NumIovs,
                    std::vector<struct iovec> &Out) {
  if (NumIovs > IOV_MAX)
    return err::INVAL;
  Out.resize(NumIovs);
  for (uint32_t I = 0; I < NumIovs; ++I) {
    uint32_t Buf, Len;
    uint64_t At = uint64_t(IovsPtr) + uint64_t(I) * layout::IovecSize;
    if (!Mem.load(At, Buf) || !Mem.load(At + 4, Len))
      return err::FAULT;
    uint8_t *P = Mem.range(Buf, Len);
    if (!P)
      return err::FAULT;
    Out[I].iov_base = P;
    Out[I].iov_len = Len;
  }
  return err::SUCCESS;
}

// ---- args, environ --------------------------------------------------------

namespace {

/// args_get / environ_get: pointers at Ptrs, NUL-terminated strings at Buf.
uint32_t writeStrings(GuestMemory Mem, const std::vector<std::string> &Strs,
                      uint32_t Ptrs, uint32_t Buf) {
  uint64_t At = Buf;
  for (size_t I = 0; I < Strs.size(); ++I) {
    uint8_t *P = Mem.range(At, Strs[I].size() + 1);
    if (!P || !Mem.store(uint64_t(Ptrs) + 4 * I, uint32_t(At)))
      return err::FAULT;
    std::memcpy(P, Strs[I].c_str(), Strs[I].size() + 1);
    At += Strs[I].size() + 1;
  }
  return err::SUCCESS;
}

uint32_t writeSizes(GuestMemory Mem, const std::vector<std::string> &Strs,
                    uint32_t CountPtr, uint32_t SizePtr) {
  uint64_t Size = 0;
  for (const std::string &S : Strs)
    Size += S.size() + 1;
  if (Size > UINT32_MAX)
    return err::OVERFLOW;
  if (!Mem.store(CountPtr, uint32_t(Strs.size())) ||
      !Mem.store(SizePtr, uint32_t(Size)))
    return err::FAULT;
  return err::SUCCESS;
}

uint32_t argsGet(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  return writeStrings(M, C.Config.Args, A[0].i32, A[1].i32);
}
uint32_t argsSizesGet(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  return writeSizes(M, C.Config.Args, A[0].i32, A[1].i32);
}
uint32_t environGet(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  return writeStrings(M, C.Config.Env, A[0].i32, A[1].i32);
}
uint32_t environSizesGet(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  return writeSizes(M, C.Config.Env, A[0].i32, A[1].i32);
}

// ---- clocks, random, sched ------------------------------------------------

bool hostClock(uint32_t Id, clockid_t &Out) {
  switch (Id) {
  case 0:
    Out = CLOCK_REALTIME;
    return true;
  case 1:
    Out = CLOCK_MONOTONIC;
    return true;
  case 2:
    Out = CLOCK_PROCESS_CPUTIME_ID;
    return true;
  case 3:
    Out = CLOCK_THREAD_CPUTIME_ID;
    return true;
  default:
    return false;
  }
}

uint64_t toNanos(const struct timespec &T) {
  return uint64_t(T.tv_sec) * 1000000000u + uint64_t(T.tv_nsec);
}

uint64_t nowNanos(clockid_t Clock) {
  struct timespec T;
  clock_gettime(Clock, &T);
  return toNanos(T);
}

uint32_t clockResGet(WasiCtx::Impl &, GuestMemory M, const w2n_val *A) {
  clockid_t Clock;
  if (!hostClock(A[0].i32, Clock))
    return err::INVAL;
  struct timespec T;
  if (clock_getres(Clock, &T) != 0)
    return lastError();
  return M.store(A[1].i32, toNanos(T)) ? err::SUCCESS : err::FAULT;
}

uint32_t clockTimeGet(WasiCtx::Impl &, GuestMemory M, const w2n_val *A) {
  clockid_t Clock;
  if (!hostClock(A[0].i32, Clock))
    return err::INVAL;
  struct timespec T;
  if (clock_gettime(Clock, &T) != 0)
    return lastError();
  return M.store(A[2].i32, toNanos(T)) ? err::SUCCESS : err::FAULT;
}

uint32_t randomGet(WasiCtx::Impl &, GuestMemory M, const w2n_val *A) {
  uint8_t *P = M.range(A[0].i32, A[1].i32);
  if (!P)
    return err::FAULT;
  size_t Left = A[1].i32;
  while (Left) {
    ssize_t N = getrandom(P, Left, 0);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return lastError();
    }
    P += N;
    Left -= size_t(N);
  }
  return err::SUCCESS;
}

uint32_t schedYield(WasiCtx::Impl &, GuestMemory, const w2n_val *) {
  sched_yield();
  return err::SUCCESS;
}

// ---- proc -----------------------------------------------------------------

/// Ends the call into wasm as the guest's exit. Nothing with a destructor
/// may be alive in the frames between here and runGuarded (raiseTrap skips
/// them).
[[noreturn]] void exitGuest(WasiCtx::Impl &C, uint32_t Code, const char *Why) {
  C.Exited = true;
  C.ExitCode = Code;
  C.ExitMessage = std::string(Why) + "(" + std::to_string(Code) + ")";
  rt::raiseHostTrap(C.ExitMessage.c_str());
}

uint32_t procExit(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  exitGuest(C, A[0].i32, "proc_exit");
}

uint32_t procRaise(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  // WASI signal numbers: 0 none, then HUP INT QUIT ILL TRAP ABRT BUS FPE
  // KILL USR1 SEGV USR2 PIPE ALRM TERM CHLD CONT STOP TSTP TTIN TTOU URG
  // XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS (1..30).
  uint32_t Sig = A[0].i32;
  if (Sig > 30)
    return err::INVAL;
  switch (Sig) {
  case 0:  // no signal
  case 16: // CHLD: ignored by default
  case 17: // CONT
  case 22: // URG
  case 27: // WINCH
    return err::SUCCESS;
  case 18: // STOP, TSTP, TTIN, TTOU: a sandboxed guest is never stopped
  case 19:
  case 20:
  case 21:
    return err::NOSYS;
  default:
    // Every other signal's default action ends the process: the guest
    // terminates with the shell's status for a signal.
    exitGuest(C, 128 + Sig, "proc_raise");
  }
}

// ---- poll_oneoff ----------------------------------------------------------

constexpr uint8_t EventClock = 0;
constexpr uint8_t EventFdRead = 1;
constexpr uint8_t EventFdWrite = 2;

struct Sub {
  uint64_t Userdata;
  uint8_t Tag;
  uint64_t Deadline = 0; // clocks: CLOCK_MONOTONIC ns
  int PollIndex = -1;    // fds: index in the pollfd array
  uint32_t Error = err::SUCCESS;
};

void writeEvent(GuestMemory M, uint64_t At, const Sub &S, uint32_t Error,
                uint64_t NBytes, uint16_t Flags) {
  uint8_t *P = M.range(At, layout::EventSize);
  std::memset(P, 0, layout::EventSize);
  uint16_t Err16 = uint16_t(Error);
  std::memcpy(P, &S.Userdata, 8);
  std::memcpy(P + 8, &Err16, 2);
  P[10] = S.Tag;
  std::memcpy(P + 16, &NBytes, 8);
  std::memcpy(P + 24, &Flags, 2);
}

uint32_t pollOneoff(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  uint32_t In = A[0].i32, Out = A[1].i32, N = A[2].i32, NEventsPtr = A[3].i32;
  if (N == 0)
    return err::INVAL;
  if (!M.range(In, uint64_t(N) * layout::SubscriptionSize) ||
      !M.range(Out, uint64_t(N) * layout::EventSize) || !M.range(NEventsPtr, 4))
    return err::FAULT;

  std::vector<Sub> Subs(N);
  std::vector<struct pollfd> Fds;
  uint64_t Now = nowNanos(CLOCK_MONOTONIC);
  bool HaveClock = false, Immediate = false;
  uint64_t Earliest = UINT64_MAX;
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t At = uint64_t(In) + uint64_t(I) * layout::SubscriptionSize;
    Sub &S = Subs[I];
    M.load(At, S.Userdata);
    M.load(At + 8, S.Tag);
    if (S.Tag == EventClock) {
      // Zero-initialised only to quiet GCC: M.load fills each (the range
      // was checked above).
      uint32_t Id = 0;
      uint64_t Timeout = 0;
      uint16_t Flags = 0;
      M.load(At + 16, Id);
      M.load(At + 24, Timeout);
      M.load(At + 40, Flags);
      bool Abs = Flags & 1;
      if (Id == 1) {
        S.Deadline =
            Abs ? Timeout
                : (Timeout > UINT64_MAX - Now ? UINT64_MAX : Now + Timeout);
      } else if (Id == 0) {
        uint64_t Real = nowNanos(CLOCK_REALTIME);
        uint64_t Rel = Abs ? (Timeout > Real ? Timeout - Real : 0) : Timeout;
        S.Deadline = Rel > UINT64_MAX - Now ? UINT64_MAX : Now + Rel;
      } else {
        // CPU-time clocks cannot be waited on.
        S.Error = Id <= 3 ? err::NOTSUP : err::INVAL;
        Immediate = true;
        continue;
      }
      HaveClock = true;
      Earliest = std::min(Earliest, S.Deadline);
      continue;
    }
    if (S.Tag != EventFdRead && S.Tag != EventFdWrite)
      return err::INVAL;
    uint32_t Fd = 0; // filled by M.load; initialised to quiet GCC
    M.load(At + 16, Fd);
    FdEntry *E;
    if ((S.Error = C.get(Fd, rights::PollFdReadwrite, E))) {
      Immediate = true;
      continue;
    }
    S.PollIndex = int(Fds.size());
    struct pollfd P;
    P.fd = E->Host;
    P.events = S.Tag == EventFdRead ? POLLIN : POLLOUT;
    P.revents = 0;
    Fds.push_back(P);
  }

  // Wait: not at all if something is already decided, else until the
  // earliest clock (or forever if there is none).
  for (;;) {
    struct timespec Ts, *TsP = nullptr;
    if (Immediate) {
      Ts = {0, 0};
      TsP = &Ts;
    } else if (HaveClock) {
      uint64_t Cur = nowNanos(CLOCK_MONOTONIC);
      uint64_t Left = Earliest > Cur ? Earliest - Cur : 0;
      uint64_t MaxSec = uint64_t(INT32_MAX);
      Ts.tv_sec = time_t(std::min<uint64_t>(Left / 1000000000u, MaxSec));
      Ts.tv_nsec = long(Left % 1000000000u);
      TsP = &Ts;
    }
    int R = ppoll(Fds.data(), Fds.size(), TsP, nullptr);
    if (R < 0 && errno == EINTR)
      continue;
    if (R < 0)
      return lastError();
    if (R == 0 && HaveClock && !Immediate &&
        nowNanos(CLOCK_MONOTONIC) < Earliest)
      continue; // woke early
    break;
  }

  uint64_t After = nowNanos(CLOCK_MONOTONIC);
  uint32_t NEvents = 0;
  for (const Sub &S : Subs) {
    uint64_t At = uint64_t(Out) + uint64_t(NEvents) * layout::EventSize;
    if (S.Error) {
      writeEvent(M, At, S, S.Error, 0, 0);
      ++NEvents;
      continue;
    }
    if (S.Tag == EventClock) {
      if (After >= S.Deadline) {
        writeEvent(M, At, S, err::SUCCESS, 0, 0);
        ++NEvents;
      }
      continue;
    }
    const struct pollfd &P = Fds[S.PollIndex];
    if (!P.revents)
      continue;
    uint32_t Err = err::SUCCESS;
    uint16_t Flags = 0;
    uint64_t NBytes = 0;
    if (P.revents & POLLNVAL)
      Err = err::BADF;
    else if ((P.revents & POLLERR) && !(P.revents & (POLLIN | POLLOUT)))
      Err = err::IO;
    if (P.revents & POLLHUP)
      Flags |= 1; // fd_readwrite hangup
    if (!Err && S.Tag == EventFdRead) {
      struct stat St;
      int Avail = 0;
      if (fstat(P.fd, &St) == 0 && S_ISREG(St.st_mode)) {
        off_t Pos = lseek(P.fd, 0, SEEK_CUR);
        NBytes = Pos >= 0 && St.st_size > Pos ? uint64_t(St.st_size - Pos) : 0;
      } else if (ioctl(P.fd, FIONREAD, &Avail) == 0 && Avail > 0) {
        NBytes = uint64_t(Avail);
      }
    }
    writeEvent(M, At, S, Err, NBytes, Flags);
    ++NEvents;
  }
  M.store(NEventsPtr, NEvents);
  return err::SUCCESS;
}

// ---- sockets --------------------------------------------------------------

/// As Impl::get, for the sock_* calls: whatever the rights they need
/// (sock_recv and sock_send need only FD_READ and FD_WRITE, which files also
/// hold), a descriptor that is not a socket fails with ENOTSOCK, as the host
/// call would.
uint32_t getSocket(WasiCtx::Impl &C, uint32_t Fd, uint64_t Needed,
                   FdEntry *&Out) {
  FdEntry *E = C.entry(Fd);
  if (!E)
    return err::BADF;
  if (E->Type != FtSocketStream && E->Type != FtSocketDgram)
    return err::NOTSOCK;
  return C.get(Fd, Needed, Out);
}

uint32_t sockAccept(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *L;
  if (uint32_t E = getSocket(C, A[0].i32, rights::SockAccept, L))
    return E;
  uint16_t Flags = uint16_t(A[1].i32);
  if (Flags & ~fdflags::Nonblock)
    return err::INVAL;
  if (!M.range(A[2].i32, 4))
    return err::FAULT;
  int Fd;
  do
    Fd = accept4(L->Host, nullptr, nullptr,
                 SOCK_CLOEXEC |
                     ((Flags & fdflags::Nonblock) ? SOCK_NONBLOCK : 0));
  while (Fd < 0 && errno == EINTR);
  if (Fd < 0)
    return lastError();
  auto E = std::make_unique<FdEntry>();
  E->Host = Fd;
  E->Type = fileTypeOfFd(Fd);
  E->HostSocket = true;
  E->Base = rights::Stream | rights::SockShutdown;
  E->Inheriting = 0;
  uint32_t New;
  if (uint32_t Err = C.insert(std::move(E), New))
    return Err;
  M.store(A[2].i32, New);
  return err::SUCCESS;
}

uint32_t sockRecv(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = getSocket(C, A[0].i32, rights::FdRead, E))
    return Err;
  uint16_t RiFlags = uint16_t(A[3].i32);
  if (RiFlags & ~3u)
    return err::INVAL;
  std::vector<struct iovec> Iov;
  if (uint32_t Err = hostIovecs(M, A[1].i32, A[2].i32, Iov))
    return Err;
  if (!M.range(A[4].i32, 4) || !M.range(A[5].i32, 2))
    return err::FAULT;
  struct msghdr Msg;
  std::memset(&Msg, 0, sizeof(Msg));
  Msg.msg_iov = Iov.data();
  Msg.msg_iovlen = Iov.size();
  int HostFlags =
      ((RiFlags & 1) ? MSG_PEEK : 0) | ((RiFlags & 2) ? MSG_WAITALL : 0);
  ssize_t N;
  do
    N = recvmsg(E->Host, &Msg, HostFlags);
  while (N < 0 && errno == EINTR);
  if (N < 0)
    return lastError();
  M.store(A[4].i32, uint32_t(N));
  M.store(A[5].i32, uint16_t((Msg.msg_flags & MSG_TRUNC) ? 1 : 0));
  return err::SUCCESS;
}

uint32_t sockSend(WasiCtx::Impl &C, GuestMemory M, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = getSocket(C, A[0].i32, rights::FdWrite, E))
    return Err;
  if (A[3].i32 != 0) // siflags: none defined
    return err::INVAL;
  std::vector<struct iovec> Iov;
  if (uint32_t Err = hostIovecs(M, A[1].i32, A[2].i32, Iov))
    return Err;
  if (!M.range(A[4].i32, 4))
    return err::FAULT;
  struct msghdr Msg;
  std::memset(&Msg, 0, sizeof(Msg));
  Msg.msg_iov = Iov.data();
  Msg.msg_iovlen = Iov.size();
  ssize_t N;
  do
    N = sendmsg(E->Host, &Msg, MSG_NOSIGNAL);
  while (N < 0 && errno == EINTR);
  if (N < 0)
    return lastError();
  M.store(A[4].i32, uint32_t(N));
  return err::SUCCESS;
}

uint32_t sockShutdown(WasiCtx::Impl &C, GuestMemory, const w2n_val *A) {
  FdEntry *E;
  if (uint32_t Err = getSocket(C, A[0].i32, rights::SockShutdown, E))
    return Err;
  int How;
  switch (A[1].i32) {
  case 1:
    How = SHUT_RD;
    break;
  case 2:
    How = SHUT_WR;
    break;
  case 3:
    How = SHUT_RDWR;
    break;
  default:
    return err::INVAL;
  }
  return shutdown(E->Host, How) == 0 ? err::SUCCESS : lastError();
}

const FunctionInfo OtherFunctions[] = {
    {"args_get", "ii", true, argsGet},
    {"args_sizes_get", "ii", true, argsSizesGet},
    {"environ_get", "ii", true, environGet},
    {"environ_sizes_get", "ii", true, environSizesGet},
    {"clock_res_get", "ii", true, clockResGet},
    {"clock_time_get", "iIi", true, clockTimeGet},
    {"poll_oneoff", "iiii", true, pollOneoff},
    {"proc_exit", "i", false, procExit},
    {"proc_raise", "i", true, procRaise},
    {"sched_yield", "", true, schedYield},
    {"random_get", "ii", true, randomGet},
    {"sock_accept", "iii", true, sockAccept},
    {"sock_recv", "iiiiii", true, sockRecv},
    {"sock_send", "iiiii", true, sockSend},
    {"sock_shutdown", "ii", true, sockShutdown},
};

/// Every host function's callback: unpacks the environment, runs the
/// function and stores its errno.
void hostCallback(void *Env, w2n_val *Slots) {
  auto *E = static_cast<FuncEnv *>(Env);
  GuestMemory Mem(E->Binding->memory());
  uint32_t R = E->Info->Fn(*E->Ctx, Mem, Slots);
  if (E->Info->ReturnsErrno) {
    std::memset(&Slots[0], 0, sizeof(w2n_val));
    Slots[0].i32 = R;
  }
}

template <typename Fn> void forEachFunction(Fn &&F) {
  for (const FunctionInfo &I : OtherFunctions)
    F(I);
  for (size_t I = 0; I < NumFsFunctions; ++I)
    F(FsFunctions[I]);
}

} // namespace

// ---- WasiCtx --------------------------------------------------------------

WasiCtx::WasiCtx() : I(std::make_unique<Impl>()) {}
WasiCtx::~WasiCtx() = default;

std::unique_ptr<WasiCtx> WasiCtx::create(const WasiConfig &Config,
                                         std::string &Err) {
  std::unique_ptr<WasiCtx> Ctx(new WasiCtx());
  Impl &C = *Ctx->I;
  C.Config = Config;

  auto Borrow = [&](int Host, uint64_t Allowed) {
    if (Host < 0 || fcntl(Host, F_GETFD) < 0) {
      C.Fds.emplace_back();
      return;
    }
    auto E = std::make_unique<FdEntry>();
    E->Host = Host;
    E->Borrowed = true;
    E->Type = fileTypeOfFd(Host);
    // Stdio that happens to be a socket (systemd's journal, Node's child
    // processes, inetd) is a stream to the guest, as a pipe would be: a
    // socket capability is granted with --socket-fd only. Otherwise
    // sock_shutdown would reach the host's connection, which the guest was
    // never given.
    if (E->Type == FtSocketStream || E->Type == FtSocketDgram) {
      E->HostSocket = true;
      E->Type = FtUnknown;
    }
    E->Base = rightsForType(E->Type) & Allowed;
    // A directory as stdio is not a capability: no path rights.
    if (E->Type == FtDirectory)
      E->Base = rights::FdFilestatGet;
    E->Inheriting = 0;
    C.Fds.push_back(std::move(E));
  };
  Borrow(Config.Stdin, ~rights::FdWrite);
  Borrow(Config.Stdout, ~rights::FdRead);
  Borrow(Config.Stderr, ~rights::FdRead);

  for (const Preopen &P : Config.Preopens) {
    int Fd = open(P.HostPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (Fd < 0) {
      Err =
          "cannot open directory '" + P.HostPath + "': " + std::strerror(errno);
      return nullptr;
    }
    auto E = std::make_unique<FdEntry>();
    E->Host = Fd;
    E->Type = FtDirectory;
    E->ReadOnly = P.ReadOnly;
    uint64_t Drop = P.ReadOnly ? rights::Mutating : 0;
    E->Base = rights::Directory & ~Drop;
    E->Inheriting = (rights::Directory | rights::File) & ~Drop;
    E->IsPreopen = true;
    E->PreopenName = P.GuestPath;
    C.Fds.push_back(std::move(E));
  }
  for (int S : Config.Sockets) {
    auto E = std::make_unique<FdEntry>();
    E->Host = S;
    E->Borrowed = true;
    E->Type = fileTypeOfFd(S);
    if (E->Type != FtSocketStream && E->Type != FtSocketDgram) {
      Err = "descriptor " + std::to_string(S) + " is not a socket";
      return nullptr;
    }
    E->HostSocket = true;
    E->Base = rights::Socket;
    C.Fds.push_back(std::move(E));
  }
  return Ctx;
}

WasiBinding *WasiCtx::define(rt::Store &S, rt::Linker &L) {
  Impl &C = *I;
  C.Bindings.push_back(std::unique_ptr<WasiBinding>(new WasiBinding(*this)));
  WasiBinding *B = C.Bindings.back().get();
  forEachFunction([&](const FunctionInfo &Info) {
    std::vector<uint8_t> Params;
    for (const char *P = Info.Params; *P; ++P)
      Params.push_back(*P == 'I' ? W2N_I64 : W2N_I32);
    std::vector<uint8_t> Results;
    if (Info.ReturnsErrno)
      Results.push_back(W2N_I32);
    C.Envs.push_back(std::make_unique<FuncEnv>(FuncEnv{&C, B, &Info}));
    rt::Func *F =
        S.createHostFunc(rt::FuncType(std::move(Params), std::move(Results)),
                         hostCallback, C.Envs.back().get());
    L.define(ModuleName, Info.Name, rt::Extern::func(F));
  });
  return B;
}

bool WasiCtx::exited() const { return I->Exited; }
uint32_t WasiCtx::exitCode() const { return I->ExitCode; }
bool WasiCtx::isExit(const rt::Trap &T) const {
  return I->Exited && T.Kind == W2N_TRAP_HOST && T.Message == I->ExitMessage;
}

std::vector<std::string> functionNames() {
  std::vector<std::string> Names;
  forEachFunction([&](const FunctionInfo &I) { Names.push_back(I.Name); });
  return Names;
}

} // namespace w2n::wasi
