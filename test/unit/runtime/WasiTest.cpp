//===- WasiTest.cpp - The WASI host functions, called directly ------------===//
///
/// \file
/// wasi_snapshot_preview1 as the host defines it, exercised without a
/// guest: every function is present with its witx type; garbage arguments
/// give errno values, never a crash or a write outside the memory; the
/// read-only preopen withholds every mutating right; proc_exit ends the
/// call as an exit. (Whole programs are tested in test/wasi/.)
///
//===----------------------------------------------------------------------===//

#include "wasm2native/wasi.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace w2n;

namespace {

class WasiTest : public ::testing::Test {
protected:
  void SetUp() override {
    char Tmpl[] = "/tmp/w2n-wasi-test-XXXXXX";
    ASSERT_TRUE(mkdtemp(Tmpl));
    Dir = Tmpl;
  }
  void TearDown() override {
    std::string Cmd = "rm -rf '" + Dir + "'";
    ASSERT_EQ(std::system(Cmd.c_str()), 0);
  }

  /// A context bound to a fresh one-page memory; with no stdio unless
  /// KeepStdio (then C's descriptors are used).
  void make(wasi::WasiConfig C, bool KeepStdio = false) {
    if (!KeepStdio)
      C.Stdin = C.Stdout = C.Stderr = -1;
    std::string Err;
    Ctx = wasi::WasiCtx::create(C, Err);
    ASSERT_TRUE(Ctx) << Err;
    S = std::make_unique<rt::Store>();
    wasi::WasiBinding *B = Ctx->define(*S, L);
    w2n_limits Lim = {1, 1, 1, 0};
    Mem = S->createMemory(Lim, Err);
    ASSERT_TRUE(Mem) << Err;
    B->bindMemory(Mem);
  }

  rt::Func *fn(const char *Name) {
    std::optional<rt::Extern> E = L.lookup(wasi::ModuleName, Name);
    EXPECT_TRUE(E) << Name;
    return E ? E->F : nullptr;
  }

  /// Calls Name with integer arguments; returns its errno.
  uint32_t call(const char *Name, std::vector<uint64_t> Args) {
    rt::Func *F = fn(Name);
    std::vector<w2n_val> In(Args.size()), Out;
    for (size_t I = 0; I < Args.size(); ++I) {
      std::memset(&In[I], 0, sizeof(w2n_val));
      In[I].i64 = Args[I];
    }
    rt::Trap T = S->call(F, In, Out);
    EXPECT_FALSE(T) << Name << ": " << T.str();
    return Out.empty() ? 0 : Out[0].i32;
  }

  uint8_t *mem() { return Mem->data(); }
  uint32_t load32(uint32_t At) {
    uint32_t V;
    std::memcpy(&V, mem() + At, 4);
    return V;
  }
  uint64_t load64(uint32_t At) {
    uint64_t V;
    std::memcpy(&V, mem() + At, 8);
    return V;
  }
  /// Puts a string in memory at At; returns its length.
  uint32_t put(uint32_t At, const std::string &Str) {
    std::memcpy(mem() + At, Str.data(), Str.size());
    return uint32_t(Str.size());
  }

  /// A fresh context with Dir preopened as fd 3, read-write, with resolver
  /// R; for the tests that run once per resolver.
  void makeWithDir(wasi::PathResolver R) {
    wasi::WasiConfig C;
    C.Preopens.push_back({Dir, "/d", false});
    C.Resolver = R;
    L = rt::Linker();
    make(C);
  }

  // The path calls on the preopen (fd 3), with their strings placed in
  // memory; each returns the errno.
  uint32_t link(const std::string &From, const std::string &To) {
    uint32_t F = put(1000, From), T = put(1200, To);
    return call("path_link", {3, 0, 1000, F, 3, 1200, T});
  }
  uint32_t symlinkAt(const std::string &Target, const std::string &Name) {
    uint32_t T = put(1000, Target), N = put(1200, Name);
    return call("path_symlink", {1000, T, 3, 1200, N});
  }
  uint32_t rename(const std::string &From, const std::string &To) {
    uint32_t F = put(1000, From), T = put(1200, To);
    return call("path_rename", {3, 1000, F, 3, 1200, T});
  }
  uint32_t onePath(const char *Fn, const std::string &P) {
    return call(Fn, {3, 1000, put(1000, P)});
  }
  /// path_open of P in the preopen; the new descriptor goes to *Fd.
  uint32_t open(const std::string &P, uint32_t OFlags, uint32_t *Fd = nullptr) {
    uint32_t Len = put(1000, P);
    uint32_t E =
        call("path_open", {3, 0, 1000, Len, OFlags, ~0ull, ~0ull, 0, 2000});
    if (Fd)
      *Fd = load32(2000);
    return E;
  }

  /// What is at P in Dir, without following a final symlink: 'f', 'd',
  /// 'l', or '-' for nothing.
  char kind(const std::string &P) {
    struct stat St;
    if (lstat((Dir + "/" + P).c_str(), &St) != 0)
      return '-';
    return S_ISDIR(St.st_mode) ? 'd' : S_ISLNK(St.st_mode) ? 'l' : 'f';
  }
  void touch(const std::string &P) {
    int Fd = ::open((Dir + "/" + P).c_str(), O_CREAT | O_WRONLY, 0644);
    ASSERT_GE(Fd, 0) << P;
    ::close(Fd);
  }

  std::string Dir;
  std::unique_ptr<wasi::WasiCtx> Ctx;
  std::unique_ptr<rt::Store> S;
  rt::Linker L;
  rt::Memory *Mem = nullptr;
};

/// WASI errno values (not the host's E* macros).
namespace werr {
constexpr uint32_t SUCCESS = 0, BADF = 8, EXIST = 20, FAULT = 21, INVAL = 28,
                   ISDIR = 31, NOENT = 44, NOTDIR = 54, NOTSOCK = 57,
                   SPIPE = 70, NOTCAPABLE = 76;
} // namespace werr

} // namespace

TEST_F(WasiTest, EveryPreview1FunctionIsDefined) {
  make({});
  std::vector<std::string> Names = wasi::functionNames();
  EXPECT_EQ(Names.size(), 46u);
  for (const char *N : {"args_get",
                        "args_sizes_get",
                        "environ_get",
                        "environ_sizes_get",
                        "clock_res_get",
                        "clock_time_get",
                        "fd_advise",
                        "fd_allocate",
                        "fd_close",
                        "fd_datasync",
                        "fd_fdstat_get",
                        "fd_fdstat_set_flags",
                        "fd_fdstat_set_rights",
                        "fd_filestat_get",
                        "fd_filestat_set_size",
                        "fd_filestat_set_times",
                        "fd_pread",
                        "fd_prestat_get",
                        "fd_prestat_dir_name",
                        "fd_pwrite",
                        "fd_read",
                        "fd_readdir",
                        "fd_renumber",
                        "fd_seek",
                        "fd_sync",
                        "fd_tell",
                        "fd_write",
                        "path_create_directory",
                        "path_filestat_get",
                        "path_filestat_set_times",
                        "path_link",
                        "path_open",
                        "path_readlink",
                        "path_remove_directory",
                        "path_rename",
                        "path_symlink",
                        "path_unlink_file",
                        "poll_oneoff",
                        "proc_exit",
                        "proc_raise",
                        "sched_yield",
                        "random_get",
                        "sock_accept",
                        "sock_recv",
                        "sock_send",
                        "sock_shutdown"})
    EXPECT_TRUE(L.lookup(wasi::ModuleName, N)) << N;
  // Spot-check witx types: i64 parameters where the witx has u64/s64.
  EXPECT_EQ(S->funcType(fn("fd_seek")),
            rt::FuncType({W2N_I32, W2N_I64, W2N_I32, W2N_I32}, {W2N_I32}));
  EXPECT_EQ(S->funcType(fn("path_open")),
            rt::FuncType({W2N_I32, W2N_I32, W2N_I32, W2N_I32, W2N_I32, W2N_I64,
                          W2N_I64, W2N_I32, W2N_I32},
                         {W2N_I32}));
  EXPECT_EQ(S->funcType(fn("proc_exit")), rt::FuncType({W2N_I32}, {}));
}

TEST_F(WasiTest, ArgsAndEnvironLayout) {
  wasi::WasiConfig C;
  C.Args = {"prog", "a b"};
  C.Env = {"K=V"};
  make(C);
  EXPECT_EQ(call("args_sizes_get", {0, 4}), werr::SUCCESS);
  EXPECT_EQ(load32(0), 2u);
  EXPECT_EQ(load32(4), 9u); // "prog\0a b\0"
  EXPECT_EQ(call("args_get", {100, 200}), werr::SUCCESS);
  EXPECT_EQ(load32(100), 200u);
  EXPECT_EQ(load32(104), 205u);
  EXPECT_STREQ(reinterpret_cast<char *>(mem() + 205), "a b");
  EXPECT_EQ(call("environ_get", {300, 400}), werr::SUCCESS);
  EXPECT_STREQ(reinterpret_cast<char *>(mem() + load32(300)), "K=V");
  // The last string would end past the memory.
  EXPECT_EQ(call("args_get", {100, 65536 - 6}), werr::FAULT);
}

TEST_F(WasiTest, GarbageArgumentsNeverCrash) {
  // No stdio, no preopens: nothing can block. Every function but the ones
  // that end the call (proc_exit, proc_raise) and poll_oneoff (whose
  // garbage clocks could sleep) gets random arguments, pointers near and
  // past the end of memory included; results must be errno values.
  wasi::WasiConfig C;
  C.Args = {"x"};
  make(C);
  std::mt19937_64 Rng(1234);
  const uint64_t Interesting[] = {0,          1,           65535,
                                  65536,      0xfffffff0u, 0xffffffffu,
                                  0x7fffffff, 1ull << 63,  ~0ull};
  for (const std::string &Name : wasi::functionNames()) {
    if (Name == "proc_exit" || Name == "proc_raise" || Name == "poll_oneoff")
      continue;
    rt::Func *F = fn(Name.c_str());
    size_t N = S->funcType(F).Params.size();
    for (int K = 0; K < 300; ++K) {
      std::vector<uint64_t> Args(N);
      for (uint64_t &A : Args) {
        uint64_t R = Rng();
        A = R % 3 == 0   ? Interesting[(R >> 8) % 9]
            : R % 3 == 1 ? (R >> 8) % 70000
                         : R >> 8;
      }
      uint32_t E = call(Name.c_str(), Args);
      EXPECT_LE(E, 76u) << Name;
    }
  }
}

TEST_F(WasiTest, BadDescriptorsAndPointers) {
  make({});
  EXPECT_EQ(call("fd_close", {3}), werr::BADF);
  EXPECT_EQ(call("fd_fdstat_get", {0, 0}), werr::BADF); // stdin closed
  EXPECT_EQ(call("fd_prestat_get", {3, 0}), werr::BADF);
  EXPECT_EQ(call("clock_time_get", {1, 0, 65535}), werr::FAULT);
  EXPECT_EQ(call("clock_time_get", {9, 0, 0}), werr::INVAL);
  EXPECT_EQ(call("random_get", {65000, 1000}), werr::FAULT);
  EXPECT_EQ(call("random_get", {0, 65536}), werr::SUCCESS);
  EXPECT_EQ(call("poll_oneoff", {0, 100, 0, 200}), werr::INVAL);
  EXPECT_EQ(call("poll_oneoff", {65500, 0, 1, 200}), werr::FAULT);
}

TEST_F(WasiTest, ReadOnlyPreopenWithholdsMutatingRights) {
  wasi::WasiConfig C;
  C.Preopens.push_back({Dir, "/ro", true});
  C.Preopens.push_back({Dir, "/rw", false});
  make(C);
  ASSERT_EQ(call("fd_prestat_get", {3, 0}), werr::SUCCESS);
  EXPECT_EQ(load32(4), 3u);
  ASSERT_EQ(call("fd_prestat_dir_name", {3, 16, 3}), werr::SUCCESS);
  EXPECT_EQ(std::string(reinterpret_cast<char *>(mem() + 16), 3), "/ro");

  ASSERT_EQ(call("fd_fdstat_get", {3, 0}), werr::SUCCESS);
  uint64_t RoBase = load64(8), RoInh = load64(16);
  ASSERT_EQ(call("fd_fdstat_get", {4, 0}), werr::SUCCESS);
  uint64_t RwBase = load64(8);
  const uint64_t FdWrite = 1 << 6, PathCreateFile = 1 << 10,
                 PathUnlink = 1 << 26, PathOpen = 1 << 13;
  EXPECT_TRUE(RoBase & PathOpen);
  EXPECT_FALSE(RoBase & (PathCreateFile | PathUnlink));
  EXPECT_FALSE(RoInh & FdWrite);
  EXPECT_TRUE(RwBase & (PathCreateFile | PathUnlink));

  // path_open(fd, dirflags, path, len, oflags=CREAT, base, inh, fdflags,
  // out): refused in /ro, fine in /rw (the same host directory).
  uint32_t Len = put(1000, "new.txt");
  EXPECT_EQ(call("path_open", {3, 0, 1000, Len, 1, ~0ull, ~0ull, 0, 2000}),
            werr::NOTCAPABLE);
  EXPECT_EQ(access((Dir + "/new.txt").c_str(), F_OK), -1);
  EXPECT_EQ(call("path_open", {4, 0, 1000, Len, 1, ~0ull, ~0ull, 0, 2000}),
            werr::SUCCESS);
  EXPECT_EQ(access((Dir + "/new.txt").c_str(), F_OK), 0);
  // Opened through /ro, the same file cannot be written.
  ASSERT_EQ(call("path_open", {3, 0, 1000, Len, 0, ~0ull, ~0ull, 0, 2000}),
            werr::SUCCESS);
  uint32_t Fd = load32(2000);
  put(3000, "x");
  std::memcpy(mem() + 3100, "\xb8\x0b\0\0\1\0\0\0", 8); // iovec {3000, 1}
  EXPECT_EQ(call("fd_write", {Fd, 3100, 1, 3200}), werr::NOTCAPABLE);
  // Rights cannot be regained.
  EXPECT_EQ(call("fd_fdstat_set_rights", {Fd, ~0ull, ~0ull}), werr::NOTCAPABLE);
  EXPECT_EQ(call("path_unlink_file", {3, 1000, Len}), werr::NOTCAPABLE);
  EXPECT_EQ(access((Dir + "/new.txt").c_str(), F_OK), 0);
}

TEST_F(WasiTest, PathsCannotLeaveThePreopenWithEitherResolver) {
  std::string Inner = Dir + "/inner";
  ASSERT_EQ(mkdir(Inner.c_str(), 0755), 0);
  ASSERT_EQ(mkdir((Inner + "/sub").c_str(), 0755), 0);
  ASSERT_EQ(symlink("..", (Inner + "/up").c_str()), 0);
  ASSERT_EQ(symlink("/etc", (Inner + "/etc").c_str()), 0);
  for (wasi::PathResolver R :
       {wasi::PathResolver::Auto, wasi::PathResolver::Manual}) {
    wasi::WasiConfig C;
    C.Preopens.push_back({Inner, "/", false});
    C.Resolver = R;
    L = rt::Linker();
    make(C);
    for (const char *P : {"..", "../inner", "up/inner", "etc/passwd",
                          "/etc/passwd", "sub/../../inner", "up/", "./.."}) {
      uint32_t Len = put(1000, P);
      EXPECT_EQ(call("path_open", {3, 1, 1000, Len, 0, ~0ull, ~0ull, 0, 2000}),
                werr::NOTCAPABLE)
          << P << (R == wasi::PathResolver::Manual ? " (manual)" : "");
      EXPECT_EQ(call("path_filestat_get", {3, 1, 1000, Len, 2000}),
                werr::NOTCAPABLE)
          << P;
    }
  }
}

TEST_F(WasiTest, ProcExitEndsTheCallAsAnExit) {
  make({});
  rt::Func *F = fn("proc_exit");
  w2n_val A;
  std::memset(&A, 0, sizeof(A));
  A.i32 = 17;
  rt::Trap T = S->call(F, &A, 1, nullptr, 0);
  ASSERT_TRUE(T);
  EXPECT_TRUE(Ctx->exited());
  EXPECT_EQ(Ctx->exitCode(), 17u);
  EXPECT_TRUE(Ctx->isExit(T));
}

/// Both resolvers, named for failure messages.
static const std::pair<wasi::PathResolver, const char *> Resolvers[] = {
    {wasi::PathResolver::Auto, "auto"}, {wasi::PathResolver::Manual, "manual"}};

// path_link and path_symlink create a non-directory, so a new name ending
// in '/' is refused (issue 14), with wasmtime's errno values; it used to
// create the name without the slash.
TEST_F(WasiTest, NewLinkNameWithATrailingSlashIsRefused) {
  for (auto [R, Name] : Resolvers) {
    SCOPED_TRACE(Name);
    makeWithDir(R);
    touch("file");
    touch("other");
    ASSERT_EQ(mkdir((Dir + "/dir").c_str(), 0755), 0);

    EXPECT_EQ(link("file", "new/"), werr::NOENT);
    EXPECT_EQ(symlinkAt("file", "new/"), werr::NOENT);
    EXPECT_EQ(kind("new"), '-');
    EXPECT_EQ(link("file", "dir/"), werr::EXIST);
    EXPECT_EQ(symlinkAt("file", "dir/"), werr::EXIST);
    EXPECT_EQ(link("file", "other/"), werr::NOTDIR);
    EXPECT_EQ(symlinkAt("file", "other/"), werr::NOTDIR);
    EXPECT_EQ(link("file", "dir/new/"), werr::NOENT);
    EXPECT_EQ(kind("dir/new"), '-');

    // Without the slash both work, and a slash on the source of a link
    // still means "must be a directory".
    EXPECT_EQ(link("file", "dir/new"), werr::SUCCESS);
    EXPECT_EQ(symlinkAt("file", "new"), werr::SUCCESS);
    EXPECT_EQ(kind("new"), 'l');
    EXPECT_EQ(link("file/", "new2"), werr::NOTDIR);
    ASSERT_EQ(std::system(("rm -rf '" + Dir + "'/*").c_str()), 0);
  }
}

// A trailing '/' on a name that path_rename, path_remove_directory and
// path_unlink_file act on must not make them act on a symlink's target:
// rmdir("link/") on a link to a directory used to remove the directory.
TEST_F(WasiTest, TrailingSlashNeverActsOnASymlinksTarget) {
  for (auto [R, Name] : Resolvers) {
    SCOPED_TRACE(Name);
    makeWithDir(R);
    ASSERT_EQ(mkdir((Dir + "/dir").c_str(), 0755), 0);
    ASSERT_EQ(mkdir((Dir + "/dir2").c_str(), 0755), 0);
    ASSERT_EQ(symlink("dir", (Dir + "/sd").c_str()), 0);

    EXPECT_EQ(onePath("path_remove_directory", "sd/"), werr::NOTDIR);
    EXPECT_EQ(onePath("path_unlink_file", "sd/"), werr::NOTDIR);
    EXPECT_EQ(rename("sd/", "moved"), werr::NOTDIR);
    EXPECT_EQ(rename("dir2", "sd/"), werr::NOTDIR);
    EXPECT_EQ(kind("sd"), 'l');
    EXPECT_EQ(kind("dir"), 'd');
    EXPECT_EQ(kind("dir2"), 'd');
    EXPECT_EQ(kind("moved"), '-');

    // On directories themselves the slash is fine.
    EXPECT_EQ(rename("dir2/", "dir3/"), werr::SUCCESS);
    EXPECT_EQ(onePath("path_remove_directory", "dir3/"), werr::SUCCESS);
    EXPECT_EQ(onePath("path_unlink_file", "dir/"), werr::ISDIR);
    EXPECT_EQ(kind("dir3"), '-');
    ASSERT_EQ(std::system(("rm -rf '" + Dir + "'/*").c_str()), 0);
  }
}

// open("name/", O_CREAT) is EISDIR, as on Linux, with either resolver (the
// manual one used to pass O_CREAT | O_DIRECTORY to the host: EINVAL, or a
// new regular file before Linux 6.4); CREAT with DIRECTORY is EINVAL.
TEST_F(WasiTest, CreatingANameWithATrailingSlashIsEISDIR) {
  const uint32_t Creat = 1, Directory = 2;
  for (auto [R, Name] : Resolvers) {
    SCOPED_TRACE(Name);
    makeWithDir(R);
    touch("file");
    EXPECT_EQ(open("new/", Creat), werr::ISDIR);
    EXPECT_EQ(open("file/", Creat), werr::ISDIR);
    EXPECT_EQ(open("new", Creat | Directory), werr::INVAL);
    EXPECT_EQ(kind("new"), '-');
    EXPECT_EQ(open("file/", 0), werr::NOTDIR);
    ASSERT_EQ(std::system(("rm -rf '" + Dir + "'/*").c_str()), 0);
  }
}

// sock_* on a descriptor that is not a socket is ENOTSOCK, not
// ENOTCAPABLE (issue 14); host stdio that is a socket is a plain stream to
// the guest, so sock_shutdown cannot reach the host's connection (it used
// to succeed there).
TEST_F(WasiTest, SocketCallsOnNonSocketsAreENOTSOCK) {
  int Pair[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, Pair), 0);
  wasi::WasiConfig C;
  C.Preopens.push_back({Dir, "/d", false});
  C.Stdin = -1;
  C.Stdout = Pair[0];
  C.Stderr = -1;
  make(C, /*KeepStdio=*/true);
  touch("file");
  uint32_t File;
  ASSERT_EQ(open("file", 0, &File), werr::SUCCESS);

  for (uint32_t Fd : {1u, 3u, File}) {
    SCOPED_TRACE(Fd);
    EXPECT_EQ(call("sock_shutdown", {Fd, 3}), werr::NOTSOCK);
    EXPECT_EQ(call("sock_accept", {Fd, 0, 2000}), werr::NOTSOCK);
    EXPECT_EQ(call("sock_recv", {Fd, 0, 0, 0, 2000, 2004}), werr::NOTSOCK);
    EXPECT_EQ(call("sock_send", {Fd, 0, 0, 0, 2000}), werr::NOTSOCK);
  }
  EXPECT_EQ(call("sock_shutdown", {99, 3}), werr::BADF);

  // Stdout is still the host's socket: writes arrive, and nothing was shut
  // down. The guest sees a stream, as for a pipe.
  ASSERT_EQ(call("fd_fdstat_get", {1, 3000}), werr::SUCCESS);
  EXPECT_EQ(mem()[3000], 0); // FILETYPE_UNKNOWN
  ASSERT_EQ(call("fd_filestat_get", {1, 3000}), werr::SUCCESS);
  EXPECT_EQ(mem()[3016], 0);
  put(3100, "hi");
  std::memcpy(mem() + 3200, "\x1c\x0c\0\0\2\0\0\0", 8); // iovec {3100, 2}
  ASSERT_EQ(call("fd_write", {1, 3200, 1, 3300}), werr::SUCCESS);
  char Buf[2];
  ASSERT_EQ(read(Pair[1], Buf, 2), 2);
  EXPECT_EQ(write(Pair[1], "x", 1), 1);
  EXPECT_EQ(read(Pair[0], Buf, 1), 1);
  close(Pair[0]);
  close(Pair[1]);
}

// An fd_* call that the descriptor's type can never do fails as it would on
// the host (wasmtime answers the same for directories); ENOTCAPABLE stays
// for rights the type has but this descriptor was not granted.
TEST_F(WasiTest, FdCallsTheTypeCannotDoFailWithTheTypesErrno) {
  int Pipe[2];
  ASSERT_EQ(pipe(Pipe), 0);
  wasi::WasiConfig C;
  C.Preopens.push_back({Dir, "/d", false});
  C.Stdin = Pipe[0];
  C.Stdout = C.Stderr = -1;
  make(C, /*KeepStdio=*/true);
  touch("file");
  uint32_t File;
  ASSERT_EQ(open("file", 0, &File), werr::SUCCESS);

  // The preopen directory (fd 3).
  std::memcpy(mem() + 3200, "\0\0\0\0\1\0\0\0", 8); // iovec {0, 1}
  EXPECT_EQ(call("fd_read", {3, 3200, 1, 3300}), werr::BADF);
  EXPECT_EQ(call("fd_write", {3, 3200, 1, 3300}), werr::BADF);
  EXPECT_EQ(call("fd_pread", {3, 3200, 1, 0, 3300}), werr::BADF);
  EXPECT_EQ(call("fd_seek", {3, 0, 0, 3300}), werr::BADF);
  EXPECT_EQ(call("fd_tell", {3, 3300}), werr::BADF);
  EXPECT_EQ(call("fd_allocate", {3, 0, 1}), werr::BADF);
  EXPECT_EQ(call("fd_datasync", {3}), werr::BADF);
  EXPECT_EQ(call("fd_filestat_set_size", {3, 0}), werr::BADF);
  // A file.
  EXPECT_EQ(call("fd_readdir", {File, 3000, 100, 0, 3300}), werr::NOTDIR);
  EXPECT_EQ(call("path_create_directory", {File, 1000, put(1000, "x")}),
            werr::NOTDIR);
  // A pipe.
  EXPECT_EQ(call("fd_seek", {0, 0, 0, 3300}), werr::SPIPE);
  EXPECT_EQ(call("fd_tell", {0, 3300}), werr::SPIPE);
  EXPECT_EQ(call("fd_sync", {0}), werr::INVAL);
  // Rights a file has, withheld: still ENOTCAPABLE.
  EXPECT_EQ(call("fd_fdstat_set_rights", {File, 0, 0}), werr::SUCCESS);
  EXPECT_EQ(call("fd_read", {File, 3200, 1, 3300}), werr::NOTCAPABLE);
  EXPECT_EQ(call("fd_write", {0, 3200, 1, 3300}), werr::NOTCAPABLE);
  close(Pipe[0]);
  close(Pipe[1]);
}
