//===- PathResolve.cpp - Paths that never leave a preopen -----------------===//
///
/// \file
/// SANDBOX-CRITICAL. Every guest path goes through this file before any
/// host call sees it. The invariant: whatever the path and whatever the
/// symlinks on disk, the host object finally named is the base directory
/// or below it.
///
///  * Absolute paths are refused (err::NOTCAPABLE): a guest path is always
///    relative to a directory descriptor.
///  * With openat2 (Linux 5.6+), the kernel enforces it: RESOLVE_BENEATH
///    refuses `..` above the base and symlinks that lead outside (err::XDEV,
///    reported as err::NOTCAPABLE); RESOLVE_NO_MAGICLINKS refuses /proc
///    magic links.
///  * Without it (err::NOSYS, or PathResolver::Manual), the path is walked one
///    component at a time with openat(O_PATH | O_DIRECTORY | O_NOFOLLOW):
///    `..` pops a stack of the directories walked through and fails when
///    the stack is empty; a symlink is read with readlinkat and its target
///    spliced into the remaining components (absolute targets refused,
///    at most 40 links).
///  * The last component is returned by name with the directory that holds
///    it; callers use the *at() system calls with AT_SYMLINK_NOFOLLOW or
///    O_NOFOLLOW on it, so a symlink swapped in after resolution is never
///    followed. A trailing '/' is never passed to the host (it would make
///    the kernel follow a symlink).
///
/// Changes here need two reviews.
///
//===----------------------------------------------------------------------===//

#include "WasiInternal.h"

#include <atomic>
#include <cerrno>
#include <deque>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace w2n::wasi {

namespace {

/// POSIX's SYMLOOP_MAX on Linux.
constexpr unsigned MaxSymlinks = 40;

constexpr uint64_t BeneathFlags = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;

std::atomic<int> Openat2State{0}; // 0 unknown, 1 available, -1 missing

int sysOpenat2(int Dir, const char *Path, uint64_t Flags, uint64_t Mode,
               uint64_t Resolve) {
  struct open_how How;
  std::memset(&How, 0, sizeof(How));
  How.flags = Flags;
  How.mode = Mode;
  How.resolve = Resolve;
  for (int Attempt = 0;; ++Attempt) {
    long R = syscall(SYS_openat2, Dir, Path, &How, sizeof(How));
    // err::AGAIN: a concurrent rename or mount raced with the lookup.
    if (R < 0 && errno == EAGAIN && Attempt < 8)
      continue;
    if (R < 0 && errno == EINTR)
      continue;
    return int(R);
  }
}

/// Splits Path into its components, dropping empty ones ("a//b").
std::deque<std::string> split(std::string_view Path) {
  std::deque<std::string> Out;
  size_t I = 0;
  while (I < Path.size()) {
    size_t J = Path.find('/', I);
    if (J == std::string_view::npos)
      J = Path.size();
    if (J > I)
      Out.emplace_back(Path.substr(I, J - I));
    I = J + 1;
  }
  return Out;
}

bool endsWithSlash(std::string_view P) { return !P.empty() && P.back() == '/'; }

/// readlinkat into a string; false (errno set) on failure.
bool readLink(int Dir, const std::string &Name, std::string &Out) {
  std::string Buf(256, '\0');
  for (;;) {
    ssize_t N = readlinkat(Dir, Name.c_str(), Buf.data(), Buf.size());
    if (N < 0)
      return false;
    if (size_t(N) < Buf.size()) {
      Buf.resize(size_t(N));
      Out = std::move(Buf);
      return true;
    }
    if (Buf.size() >= 65536) {
      errno = ENAMETOOLONG;
      return false;
    }
    Buf.resize(Buf.size() * 2);
  }
}

/// Checks what every resolution refuses up front.
uint32_t checkPath(std::string_view Path) {
  if (Path.empty())
    return err::NOENT;
  if (Path.find('\0') != std::string_view::npos)
    return err::ILSEQ;
  if (Path.front() == '/')
    return err::NOTCAPABLE;
  return err::SUCCESS;
}

// ---- Manual: one component at a time ------------------------------------

uint32_t resolveManual(int Base, std::string_view Path, bool FollowLast,
                       ResolvedPath &Out) {
  std::deque<std::string> Pending = split(Path);
  bool MustBeDir = endsWithSlash(Path);
  // The directories walked through, innermost last; all owned.
  std::vector<UniqueFd> Stack;
  auto Cur = [&] { return Stack.empty() ? Base : Stack.back().get(); };
  unsigned Links = 0;

  // Splices the symlink Name (in the current directory) into Pending.
  auto Expand = [&](const std::string &Name, bool WasLast) -> uint32_t {
    if (++Links > MaxSymlinks)
      return err::LOOP;
    std::string Target;
    if (!readLink(Cur(), Name, Target))
      return lastError();
    if (Target.empty())
      return err::NOENT;
    if (Target.front() == '/')
      return err::NOTCAPABLE;
    std::deque<std::string> Parts = split(Target);
    if (WasLast && endsWithSlash(Target))
      MustBeDir = true;
    Pending.insert(Pending.begin(), Parts.begin(), Parts.end());
    return err::SUCCESS;
  };

  std::string Name = ".";
  while (!Pending.empty()) {
    std::string C = std::move(Pending.front());
    Pending.pop_front();
    bool Last = Pending.empty();
    if (C == ".") {
      Name = ".";
      continue;
    }
    if (C == "..") {
      if (Stack.empty())
        return err::NOTCAPABLE;
      Stack.pop_back();
      Name = ".";
      continue;
    }
    if (Last) {
      Name = C;
      if (!FollowLast && !MustBeDir)
        break;
      struct stat St;
      if (fstatat(Cur(), C.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0 ||
          !S_ISLNK(St.st_mode))
        break;
      if (uint32_t E = Expand(C, /*WasLast=*/true))
        return E;
      Name = ".";
      continue;
    }
    int Fd =
        openat(Cur(), C.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (Fd >= 0) {
      Stack.emplace_back(Fd);
      continue;
    }
    int Err = errno;
    if (Err != ELOOP && Err != ENOTDIR)
      return fromHostErrno(Err);
    struct stat St;
    if (fstatat(Cur(), C.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISLNK(St.st_mode))
      return fromHostErrno(Err);
    if (uint32_t E = Expand(C, /*WasLast=*/false))
      return E;
  }

  Out.Name = std::move(Name);
  Out.MustBeDir = MustBeDir;
  if (Stack.empty()) {
    Out.Dir = Base;
    Out.Owned = UniqueFd();
  } else {
    Out.Owned = std::move(Stack.back());
    Out.Dir = Out.Owned.get();
  }
  return err::SUCCESS;
}

// ---- openat2: the kernel keeps us beneath Base --------------------------

uint32_t resolveOpenat2(int Base, std::string_view Path, bool FollowLast,
                        ResolvedPath &Out) {
  std::string P(Path);
  bool MustBeDir = false;
  for (unsigned Links = 0;; ++Links) {
    if (Links > MaxSymlinks)
      return err::LOOP;
    while (endsWithSlash(P)) {
      MustBeDir = true;
      P.pop_back();
    }
    if (P.empty())
      P = ".";
    size_t Slash = P.rfind('/');
    std::string DirPart =
        Slash == std::string::npos ? std::string() : P.substr(0, Slash);
    std::string Last = Slash == std::string::npos ? P : P.substr(Slash + 1);
    if (Last == "." || Last == "..") {
      // The whole path names a directory: resolve it and use ".".
      DirPart = P;
      Last = ".";
    }
    UniqueFd Dir;
    if (!DirPart.empty()) {
      int Fd = sysOpenat2(Base, DirPart.c_str(),
                          O_PATH | O_DIRECTORY | O_CLOEXEC, 0, BeneathFlags);
      if (Fd < 0)
        return errno == EXDEV ? err::NOTCAPABLE : lastError();
      Dir = UniqueFd(Fd);
    }
    int DirFd = Dir.get() >= 0 ? Dir.get() : Base;
    if (Last != "." && (FollowLast || MustBeDir)) {
      struct stat St;
      if (fstatat(DirFd, Last.c_str(), &St, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISLNK(St.st_mode)) {
        std::string Target;
        if (!readLink(DirFd, Last, Target))
          return lastError();
        if (Target.empty())
          return err::NOENT;
        if (Target.front() == '/')
          return err::NOTCAPABLE;
        if (endsWithSlash(Target))
          MustBeDir = true;
        // Resolve the target from Base again, where the link sits.
        P = DirPart.empty() ? Target : DirPart + "/" + Target;
        continue;
      }
    }
    Out.Owned = std::move(Dir);
    Out.Dir = DirFd;
    Out.Name = std::move(Last);
    Out.MustBeDir = MustBeDir;
    return err::SUCCESS;
  }
}

bool useOpenat2(PathResolver Mode) {
  return Mode == PathResolver::Auto && haveOpenat2();
}

} // namespace

bool haveOpenat2() {
  int S = Openat2State.load(std::memory_order_relaxed);
  if (S == 0) {
    int Fd = sysOpenat2(AT_FDCWD, ".", O_PATH | O_DIRECTORY | O_CLOEXEC, 0,
                        BeneathFlags);
    S = Fd >= 0 ? 1 : -1;
    if (Fd >= 0)
      close(Fd);
    Openat2State.store(S, std::memory_order_relaxed);
  }
  return S == 1;
}

uint32_t resolvePath(int Base, std::string_view Path, bool FollowLast,
                     PathResolver Mode, ResolvedPath &Out) {
  if (uint32_t E = checkPath(Path))
    return E;
  if (useOpenat2(Mode))
    return resolveOpenat2(Base, Path, FollowLast, Out);
  return resolveManual(Base, Path, FollowLast, Out);
}

uint32_t openBeneath(int Base, std::string_view Path, bool FollowLast,
                     int Flags, unsigned Mode, PathResolver Resolver,
                     int &Out) {
  if (uint32_t E = checkPath(Path))
    return E;
  Flags |= O_CLOEXEC | O_NOCTTY;
  if (useOpenat2(Resolver)) {
    std::string P(Path);
    int Fd = sysOpenat2(Base, P.c_str(), Flags | (FollowLast ? 0 : O_NOFOLLOW),
                        (Flags & O_CREAT) ? Mode : 0, BeneathFlags);
    if (Fd < 0)
      return errno == EXDEV ? err::NOTCAPABLE : lastError();
    Out = Fd;
    return err::SUCCESS;
  }
  ResolvedPath R;
  if (uint32_t E = resolveManual(Base, Path, FollowLast, R))
    return E;
  // open("name/", O_CREAT) is EISDIR on Linux whatever "name" is (the
  // openat2 branch passes the slash to the kernel and gets that answer);
  // O_DIRECTORY would turn it into EINVAL, or a new regular file before
  // Linux 6.4.
  if (R.MustBeDir && (Flags & O_CREAT))
    return err::ISDIR;
  if (R.MustBeDir)
    Flags |= O_DIRECTORY;
  int Fd;
  do
    Fd = openat(R.Dir, R.Name.c_str(), Flags | O_NOFOLLOW, Mode);
  while (Fd < 0 && errno == EINTR);
  if (Fd < 0)
    return lastError();
  Out = Fd;
  return err::SUCCESS;
}

bool symlinkStaysInside(std::string_view LinkPath, std::string_view Target) {
  if (Target.empty() || Target.front() == '/')
    return false;
  // The depth of the directory that will hold the link, read lexically.
  std::deque<std::string> LinkParts = split(LinkPath);
  if (!LinkParts.empty())
    LinkParts.pop_back(); // the link's own name
  long Depth = 0;
  for (const std::string &C : LinkParts) {
    if (C == "..")
      --Depth;
    else if (C != ".")
      ++Depth;
    if (Depth < 0)
      return false;
  }
  for (const std::string &C : split(Target)) {
    if (C == "..")
      --Depth;
    else if (C != ".")
      ++Depth;
    if (Depth < 0)
      return false;
  }
  return true;
}

void UniqueFd::reset(int New) {
  if (Fd >= 0)
    close(Fd);
  Fd = New;
}

} // namespace w2n::wasi
