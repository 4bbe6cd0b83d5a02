//===- wasi.h - WASI preview1 with a deny-by-default sandbox ----*- C++ -*-===//
///
/// \file
/// The host side of `wasi_snapshot_preview1`: every function of the
/// preview1 witx, on POSIX, with WASI errno results.
///
/// Nothing is visible to the guest unless the embedder grants it in a
/// WasiConfig: its arguments, the environment variables listed, the host
/// directories preopened (read-write or read-only), stdio and the sockets
/// handed in. Paths never resolve outside the directory descriptor they
/// are relative to (no `..` above it, no absolute path, no symlink that
/// points outside); docs/wasi.md describes the model.
///
/// \code
///   wasi::WasiConfig C;
///   C.Args = {"prog", "input.txt"};
///   C.Preopens.push_back({"/srv/data", "/data", /*ReadOnly=*/true});
///   std::string Err;
///   auto Wasi = wasi::WasiCtx::create(C, Err);
///   rt::Store S;
///   rt::Linker L;
///   wasi::WasiBinding *B = Wasi->define(S, L);
///   rt::InstantiateResult R = L.instantiate(S, Mod);
///   B->bindInstance(*R.Inst);         // the guest's memory
///   rt::Trap T = S.call(R.Inst->exportedFunc("_start"), nullptr, 0,
///                       nullptr, 0);
///   if (Wasi->exited()) ... Wasi->exitCode() ...
/// \endcode
///
/// A WasiCtx is the state of one WASI "process" (its descriptor table,
/// arguments and environment); it is used by one thread at a time.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_WASI_H
#define WASM2NATIVE_RUNTIME_WASI_H

#include "wasm2native/runtime.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace w2n::wasi {

/// The module name under which the functions are defined.
inline constexpr const char *ModuleName = "wasi_snapshot_preview1";

/// A host directory offered to the guest under GuestPath.
struct Preopen {
  std::string HostPath;
  std::string GuestPath;
  /// Read-only: the directory and everything below it can be read but not
  /// written, created, renamed, linked or deleted (the rights that would
  /// allow it are never granted; see docs/wasi.md).
  bool ReadOnly = false;
};

/// How paths are resolved inside a preopen.
enum class PathResolver {
  /// openat2(RESOLVE_BENEATH) where the kernel has it, else Manual.
  Auto,
  /// Component by component with openat(O_NOFOLLOW) and readlinkat, on
  /// any kernel (used when openat2 is missing; tests force it).
  Manual,
};

struct WasiConfig {
  /// argv, including argv[0].
  std::vector<std::string> Args;
  /// The whole environment, as "NAME=VALUE" strings. Nothing of the host's
  /// environment is passed unless it is listed here.
  std::vector<std::string> Env;
  /// Directories, in descriptor order from 3.
  std::vector<Preopen> Preopens;
  /// The host descriptors behind guest descriptors 0, 1 and 2; -1 leaves
  /// the guest descriptor closed. They are borrowed: never closed.
  int Stdin = 0;
  int Stdout = 1;
  int Stderr = 2;
  /// Host sockets (listening or connected) handed to the guest, numbered
  /// after the preopens. Borrowed, like stdio.
  std::vector<int> Sockets;
  PathResolver Resolver = PathResolver::Auto;
};

class WasiCtx;

/// The WASI functions of one instance: they read and write that instance's
/// memory. Owned by the WasiCtx that made it.
class WasiBinding {
public:
  /// The memory that guest pointers refer to. Until it is set (e.g. while
  /// the module's start function runs) every pointer is out of bounds and
  /// functions that take one return EFAULT.
  void bindMemory(rt::Memory *M) { Mem = M; }
  /// bindMemory(I.memory()).
  void bindInstance(const rt::Instance &I) { Mem = I.memory(); }
  rt::Memory *memory() const { return Mem; }
  WasiCtx &context() const { return *Ctx; }

private:
  friend class WasiCtx;
  explicit WasiBinding(WasiCtx &Ctx) : Ctx(&Ctx) {}
  WasiCtx *Ctx;
  rt::Memory *Mem = nullptr;
};

class WasiCtx {
public:
  /// Opens the preopened directories; null (and Err) if one cannot be
  /// opened.
  static std::unique_ptr<WasiCtx> create(const WasiConfig &Config,
                                         std::string &Err);
  ~WasiCtx();
  WasiCtx(const WasiCtx &) = delete;
  WasiCtx &operator=(const WasiCtx &) = delete;

  /// Creates the host functions of wasi_snapshot_preview1 in S for one
  /// instance and defines them in L (replacing earlier definitions of the
  /// same names). Bind the returned binding to the instance's memory once
  /// it is instantiated.
  WasiBinding *define(rt::Store &S, rt::Linker &L);

  /// Whether the guest called proc_exit (or was terminated by proc_raise);
  /// the call into wasm then returned a W2N_TRAP_HOST trap.
  bool exited() const;
  /// The status passed to proc_exit (128 + signal after proc_raise).
  uint32_t exitCode() const;
  /// Whether T is the trap by which proc_exit ended the call that returned
  /// it.
  bool isExit(const rt::Trap &T) const;

  /// Implementation details, for the sources in src/wasi/.
  struct Impl;
  Impl &impl() { return *I; }

private:
  WasiCtx();
  std::unique_ptr<Impl> I;
};

/// The names of the functions WasiCtx defines: all of
/// wasi_snapshot_preview1.
std::vector<std::string> functionNames();

} // namespace w2n::wasi

#endif // WASM2NATIVE_RUNTIME_WASI_H
