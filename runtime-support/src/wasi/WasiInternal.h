//===- WasiInternal.h - Shared internals of the WASI host -------*- C++ -*-===//
///
/// \file
/// The preview1 constants and layouts (from the witx, in the guest's
/// little-endian byte order), the descriptor table, guest-memory access
/// that checks every range, and the path resolver that keeps the guest
/// inside its preopens.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_WASI_WASIINTERNAL_H
#define WASM2NATIVE_RUNTIME_WASI_WASIINTERNAL_H

#include "wasm2native/wasi.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/uio.h>
#include <vector>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "guest memory is little-endian; the WASI host copies "
              "integers in and out with memcpy");

namespace w2n::wasi {

// ---- Constants of wasi_snapshot_preview1 ----------------------------------

/// errno values (witx `errno`). Not E-prefixed: those are the host's
/// macros.
namespace err {
enum : uint32_t {
  SUCCESS = 0,
  TOOBIG = 1,
  ACCES = 2,
  ADDRINUSE = 3,
  ADDRNOTAVAIL = 4,
  AFNOSUPPORT = 5,
  AGAIN = 6,
  ALREADY = 7,
  BADF = 8,
  BADMSG = 9,
  BUSY = 10,
  CANCELED = 11,
  CHILD = 12,
  CONNABORTED = 13,
  CONNREFUSED = 14,
  CONNRESET = 15,
  DEADLK = 16,
  DESTADDRREQ = 17,
  DOM = 18,
  DQUOT = 19,
  EXIST = 20,
  FAULT = 21,
  FBIG = 22,
  HOSTUNREACH = 23,
  IDRM = 24,
  ILSEQ = 25,
  INPROGRESS = 26,
  INTR = 27,
  INVAL = 28,
  IO = 29,
  ISCONN = 30,
  ISDIR = 31,
  LOOP = 32,
  MFILE = 33,
  MLINK = 34,
  MSGSIZE = 35,
  MULTIHOP = 36,
  NAMETOOLONG = 37,
  NETDOWN = 38,
  NETRESET = 39,
  NETUNREACH = 40,
  NFILE = 41,
  NOBUFS = 42,
  NODEV = 43,
  NOENT = 44,
  NOEXEC = 45,
  NOLCK = 46,
  NOLINK = 47,
  NOMEM = 48,
  NOMSG = 49,
  NOPROTOOPT = 50,
  NOSPC = 51,
  NOSYS = 52,
  NOTCONN = 53,
  NOTDIR = 54,
  NOTEMPTY = 55,
  NOTRECOVERABLE = 56,
  NOTSOCK = 57,
  NOTSUP = 58,
  NOTTY = 59,
  NXIO = 60,
  OVERFLOW = 61,
  OWNERDEAD = 62,
  PERM = 63,
  PIPE = 64,
  PROTO = 65,
  PROTONOSUPPORT = 66,
  PROTOTYPE = 67,
  RANGE = 68,
  ROFS = 69,
  SPIPE = 70,
  SRCH = 71,
  STALE = 72,
  TIMEDOUT = 73,
  TXTBSY = 74,
  XDEV = 75,
  NOTCAPABLE = 76,
};
} // namespace err

/// Maps a host errno value to the WASI one (EIO for anything unknown).
uint32_t fromHostErrno(int E);
/// fromHostErrno(errno).
uint32_t lastError();

namespace rights {
constexpr uint64_t FdDatasync = 1ull << 0;
constexpr uint64_t FdRead = 1ull << 1;
constexpr uint64_t FdSeek = 1ull << 2;
constexpr uint64_t FdFdstatSetFlags = 1ull << 3;
constexpr uint64_t FdSync = 1ull << 4;
constexpr uint64_t FdTell = 1ull << 5;
constexpr uint64_t FdWrite = 1ull << 6;
constexpr uint64_t FdAdvise = 1ull << 7;
constexpr uint64_t FdAllocate = 1ull << 8;
constexpr uint64_t PathCreateDirectory = 1ull << 9;
constexpr uint64_t PathCreateFile = 1ull << 10;
constexpr uint64_t PathLinkSource = 1ull << 11;
constexpr uint64_t PathLinkTarget = 1ull << 12;
constexpr uint64_t PathOpen = 1ull << 13;
constexpr uint64_t FdReaddir = 1ull << 14;
constexpr uint64_t PathReadlink = 1ull << 15;
constexpr uint64_t PathRenameSource = 1ull << 16;
constexpr uint64_t PathRenameTarget = 1ull << 17;
constexpr uint64_t PathFilestatGet = 1ull << 18;
constexpr uint64_t PathFilestatSetSize = 1ull << 19;
constexpr uint64_t PathFilestatSetTimes = 1ull << 20;
constexpr uint64_t FdFilestatGet = 1ull << 21;
constexpr uint64_t FdFilestatSetSize = 1ull << 22;
constexpr uint64_t FdFilestatSetTimes = 1ull << 23;
constexpr uint64_t PathSymlink = 1ull << 24;
constexpr uint64_t PathRemoveDirectory = 1ull << 25;
constexpr uint64_t PathUnlinkFile = 1ull << 26;
constexpr uint64_t PollFdReadwrite = 1ull << 27;
constexpr uint64_t SockShutdown = 1ull << 28;
constexpr uint64_t SockAccept = 1ull << 29;

/// What a regular file can do.
constexpr uint64_t File = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags |
                          FdSync | FdTell | FdWrite | FdAdvise | FdAllocate |
                          FdFilestatGet | FdFilestatSetSize |
                          FdFilestatSetTimes | PollFdReadwrite;
/// What a directory can do.
constexpr uint64_t Directory =
    FdFdstatSetFlags | FdSync | FdAdvise | PathCreateDirectory |
    PathCreateFile | PathLinkSource | PathLinkTarget | PathOpen | FdReaddir |
    PathReadlink | PathRenameSource | PathRenameTarget | PathFilestatGet |
    PathFilestatSetSize | PathFilestatSetTimes | FdFilestatGet |
    FdFilestatSetTimes | PathSymlink | PathRemoveDirectory | PathUnlinkFile |
    PollFdReadwrite;
/// A stream that is not a file (pipe, terminal, character device).
constexpr uint64_t Stream =
    FdRead | FdWrite | FdFdstatSetFlags | FdFilestatGet | PollFdReadwrite;
/// A socket handed in by the host.
constexpr uint64_t Socket = Stream | SockShutdown | SockAccept;
/// The rights that change the file system or a file's contents or times:
/// never granted below a read-only preopen.
constexpr uint64_t Mutating =
    FdWrite | FdAllocate | FdFilestatSetSize | FdFilestatSetTimes |
    PathCreateDirectory | PathCreateFile | PathLinkSource | PathLinkTarget |
    PathRenameSource | PathRenameTarget | PathFilestatSetSize |
    PathFilestatSetTimes | PathSymlink | PathRemoveDirectory | PathUnlinkFile;
} // namespace rights

enum FileType : uint8_t {
  FtUnknown = 0,
  FtBlockDevice = 1,
  FtCharacterDevice = 2,
  FtDirectory = 3,
  FtRegularFile = 4,
  FtSocketDgram = 5,
  FtSocketStream = 6,
  FtSymbolicLink = 7,
};

namespace fdflags {
constexpr uint16_t Append = 1 << 0;
constexpr uint16_t Dsync = 1 << 1;
constexpr uint16_t Nonblock = 1 << 2;
constexpr uint16_t Rsync = 1 << 3;
constexpr uint16_t Sync = 1 << 4;
} // namespace fdflags

namespace oflags {
constexpr uint16_t Creat = 1 << 0;
constexpr uint16_t Directory = 1 << 1;
constexpr uint16_t Excl = 1 << 2;
constexpr uint16_t Trunc = 1 << 3;
} // namespace oflags

namespace fstflags {
constexpr uint16_t Atim = 1 << 0;
constexpr uint16_t AtimNow = 1 << 1;
constexpr uint16_t Mtim = 1 << 2;
constexpr uint16_t MtimNow = 1 << 3;
} // namespace fstflags

constexpr uint32_t LookupSymlinkFollow = 1;

// Byte layouts (witx "calculated" sizes and offsets).
namespace layout {
constexpr uint32_t IovecSize = 8;         // buf u32 @0, buf_len u32 @4
constexpr uint32_t FdstatSize = 24;       // filetype u8 @0, flags u16 @2,
                                          // base u64 @8, inheriting u64 @16
constexpr uint32_t FilestatSize = 64;     // dev @0 ino @8 filetype u8 @16
                                          // nlink @24 size @32 atim @40
                                          // mtim @48 ctim @56
constexpr uint32_t PrestatSize = 8;       // tag u8 @0, name_len u32 @4
constexpr uint32_t DirentSize = 24;       // next u64 @0 ino u64 @8
                                          // namlen u32 @16 type u8 @20
constexpr uint32_t SubscriptionSize = 48; // userdata @0, tag u8 @8,
                                          // clock: id u32 @16, timeout
                                          // u64 @24, precision @32,
                                          // flags u16 @40; fd u32 @16
constexpr uint32_t EventSize = 32;        // userdata @0, error u16 @8, type u8
                                          // @10, nbytes u64 @16, flags u16 @24
} // namespace layout

// ---- Guest memory --------------------------------------------------------

/// The guest's linear memory as a WASI function sees it: every access is
/// checked against the current size (in 64-bit arithmetic) and fails with
/// EFAULT instead of touching anything outside.
class GuestMemory {
public:
  explicit GuestMemory(rt::Memory *M) : M(M) {}

  /// Host address of [Ptr, Ptr + Len), or null if it is not all inside.
  uint8_t *range(uint64_t Ptr, uint64_t Len) const {
    if (!M)
      return nullptr;
    uint64_t Size = M->sizeBytes();
    if (Len > Size || Ptr > Size - Len)
      return nullptr;
    return M->data() + Ptr;
  }

  template <typename T> bool load(uint64_t Ptr, T &Out) const {
    const uint8_t *P = range(Ptr, sizeof(T));
    if (!P)
      return false;
    std::memcpy(&Out, P, sizeof(T));
    return true;
  }
  template <typename T> bool store(uint64_t Ptr, T Value) const {
    uint8_t *P = range(Ptr, sizeof(T));
    if (!P)
      return false;
    std::memcpy(P, &Value, sizeof(T));
    return true;
  }
  /// Copies the guest string [Ptr, Ptr + Len) into Out.
  bool string(uint64_t Ptr, uint64_t Len, std::string &Out) const {
    const uint8_t *P = range(Ptr, Len);
    if (!P)
      return false;
    Out.assign(reinterpret_cast<const char *>(P), Len);
    return true;
  }

private:
  rt::Memory *M;
};

// ---- Descriptors ---------------------------------------------------------

/// A directory entry, as fd_readdir reports it.
struct DirEntry {
  std::string Name;
  uint64_t Ino;
  uint8_t Type;
};

struct FdEntry {
  int Host = -1;
  /// Borrowed host descriptors (stdio, sockets handed in) are not closed.
  bool Borrowed = false;
  uint8_t Type = FtUnknown;
  uint64_t Base = 0;
  uint64_t Inheriting = 0;
  /// Below a read-only preopen: no mutating right is ever granted.
  bool ReadOnly = false;
  /// The host descriptor is a socket even if the guest is not told so
  /// (stdio: see WasiCtx::create); writes use MSG_NOSIGNAL.
  bool HostSocket = false;
  bool IsPreopen = false;
  std::string PreopenName;
  /// fd_readdir's snapshot of the directory, taken at cookie 0.
  std::vector<DirEntry> Dir;
  bool DirValid = false;

  FdEntry() = default;
  FdEntry(const FdEntry &) = delete;
  FdEntry &operator=(const FdEntry &) = delete;
  ~FdEntry();
};

/// A host descriptor that is closed when this goes out of scope.
class UniqueFd {
public:
  UniqueFd() = default;
  explicit UniqueFd(int Fd) : Fd(Fd) {}
  UniqueFd(UniqueFd &&O) noexcept : Fd(O.release()) {}
  UniqueFd &operator=(UniqueFd &&O) noexcept {
    reset(O.release());
    return *this;
  }
  ~UniqueFd() { reset(); }
  int get() const { return Fd; }
  int release() {
    int F = Fd;
    Fd = -1;
    return F;
  }
  void reset(int New = -1);

private:
  int Fd = -1;
};

// ---- Path resolution (PathResolve.cpp, sandbox-critical) ----------------

/// A guest path resolved to the directory that holds its last component.
struct ResolvedPath {
  /// The directory: the base descriptor or Owned.
  int Dir = -1;
  /// The last component: never empty, never "..", no '/'; "." means Dir
  /// itself.
  std::string Name;
  /// The path ended in '/': its last component must be a directory.
  bool MustBeDir = false;
  UniqueFd Owned;
};

/// Resolves Path relative to the host directory Base without ever leaving
/// it: absolute paths, `..` above Base and symlinks that lead outside fail
/// with ENOTCAPABLE. Symlinks in intermediate components are followed
/// (inside Base); the last component is followed when FollowLast is set
/// (or the path ends in '/'). Returns a WASI errno.
uint32_t resolvePath(int Base, std::string_view Path, bool FollowLast,
                     PathResolver Mode, ResolvedPath &Out);

/// Opens Path relative to Base with open(2) Flags (O_NOFOLLOW is added for
/// the last component unless FollowLast), under the same rules. Returns a
/// WASI errno; on success Out is the new host descriptor.
uint32_t openBeneath(int Base, std::string_view Path, bool FollowLast,
                     int Flags, unsigned Mode, PathResolver Resolver, int &Out);

/// Whether the kernel has openat2(RESOLVE_BENEATH) (probed once).
bool haveOpenat2();

/// Whether a symlink at LinkPath (relative to a directory) with contents
/// Target stays inside that directory when read lexically: Target is
/// relative and its `..` never climb above the directory.
bool symlinkStaysInside(std::string_view LinkPath, std::string_view Target);

// ---- The context ---------------------------------------------------------

struct FuncEnv;

struct WasiCtx::Impl {
  WasiConfig Config;
  std::vector<std::unique_ptr<FdEntry>> Fds;
  std::vector<std::unique_ptr<WasiBinding>> Bindings;
  /// The environments of the host functions of every binding.
  std::vector<std::unique_ptr<FuncEnv>> Envs;
  bool Exited = false;
  uint32_t ExitCode = 0;
  /// The message of the proc_exit trap.
  std::string ExitMessage;

  /// The entry of Fd, or null.
  FdEntry *entry(uint32_t Fd) const {
    return Fd < Fds.size() ? Fds[Fd].get() : nullptr;
  }
  /// Looks up Fd and checks that it has every right in Needed: EBADF if
  /// there is no such descriptor, the type's errno if a descriptor of its
  /// type can never hold a right in Needed (see unsupportedByType), and
  /// ENOTCAPABLE if it could but this one was not granted it.
  uint32_t get(uint32_t Fd, uint64_t Needed, FdEntry *&Out) const;
  /// As get(), and the descriptor must be a directory (ENOTDIR).
  uint32_t getDir(uint32_t Fd, uint64_t Needed, FdEntry *&Out) const;
  /// Puts E at the lowest free descriptor; EMFILE if the table is full.
  uint32_t insert(std::unique_ptr<FdEntry> E, uint32_t &Fd);
};

/// A WASI function's implementation: reads its parameters from Args and
/// returns its errno.
using WasiFn = uint32_t (*)(WasiCtx::Impl &Ctx, GuestMemory Mem,
                            const w2n_val *Args);

struct FunctionInfo {
  const char *Name;
  /// Parameter types, one character each: 'i' (i32) or 'I' (i64).
  const char *Params;
  /// Whether the function returns an errno (every one but proc_exit).
  bool ReturnsErrno;
  WasiFn Fn;
};

/// What each WASI host function gets as its environment.
struct FuncEnv {
  WasiCtx::Impl *Ctx;
  WasiBinding *Binding;
  const FunctionInfo *Info;
};

/// The file-system functions (WasiFs.cpp).
extern const FunctionInfo FsFunctions[];
extern const size_t NumFsFunctions;

/// Fills a host stat into a 64-byte WASI filestat.
void encodeFilestat(uint8_t *Out, const struct stat &St);
/// The WASI file type of a host st_mode.
uint8_t fileTypeOf(unsigned Mode);
/// The WASI file type of an open host descriptor (sockets included).
uint8_t fileTypeOfFd(int Fd);
/// The rights a descriptor of type T can have.
uint64_t rightsForType(uint8_t T);
/// The errno of an operation that needs the rights Missing, none of which a
/// descriptor of type T can ever have: ENOTSOCK, ENOTDIR, EBADF, ESPIPE or
/// EINVAL, as POSIX hosts report them.
uint32_t unsupportedByType(uint8_t T, uint64_t Missing);

/// Host iovecs for NumIovs guest iovecs at IovsPtr; EFAULT if any buffer
/// leaves memory, EINVAL if there are too many.
uint32_t hostIovecs(GuestMemory Mem, uint32_t IovsPtr, uint32_t NumIovs,
                    std::vector<struct iovec> &Out);

} // namespace w2n::wasi

#endif // WASM2NATIVE_RUNTIME_WASI_WASIINTERNAL_H
