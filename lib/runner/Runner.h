//===- Runner.h - Run a compiled module as a WASI program -------*- C++ -*-===//
///
/// \file
/// What `wasm2native run` and `wasm2native-run` share: the run options as a
/// plain struct, and runModule(), which sets up the WASI sandbox, the
/// preloaded modules and the main module, calls `_start` (or the export
/// named by --invoke) and turns the outcome into the process exit status:
///
///   - the guest returned from `_start`: 0;
///   - the guest called proc_exit(N): N;
///   - a trap: `TOOL: trap: <kind> in <function>` and a wasm backtrace on
///     stderr, status 134 (128 + SIGABRT, the shell's status for an abort;
///     no core dump is written);
///   - the module could not be loaded or linked, or bad options: one
///     error line (printError), status 1.
///
/// Built from runtime-support only (no LLVM), for wasm2native-run.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LIB_RUNNER_RUNNER_H
#define WASM2NATIVE_LIB_RUNNER_RUNNER_H

#include "wasm2native/module.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace w2n::run {

/// The exit status of a run that trapped.
constexpr int TrapExitStatus = 134;

struct RunOptions {
  /// FILE and the guest's arguments after it (FILE is the guest's argv[0]).
  std::string Module;
  std::vector<std::string> Args;
  /// --dir / --ro-dir: "HOST::GUEST", or "DIR" for the same path in both.
  std::vector<std::string> Dirs;
  std::vector<std::string> RoDirs;
  /// The same directories in command-line order, which is their descriptor
  /// order from 3 (filled by the command-line parser; if empty, Dirs come
  /// before RoDirs).
  struct DirGrant {
    std::string Spec;
    bool ReadOnly = false;
  };
  std::vector<DirGrant> Grants;
  /// --env: "NAME=VALUE", or "NAME" to copy the host's value.
  std::vector<std::string> Env;
  /// --invoke: the export to call instead of _start.
  std::string Invoke;
  /// --preload: "NAME=FILE".
  std::vector<std::string> Preloads;
  /// --tcplisten: "HOST:PORT" sockets to listen on and hand to the guest.
  std::vector<std::string> TcpListen;
  /// --socket-fd: host socket descriptors handed to the guest.
  std::vector<int> SocketFds;
  /// --wasi-resolver: "auto" or "manual" (see wasi::PathResolver).
  std::string Resolver = "auto";
  /// --max-wasm-stack: bytes of native stack wasm may use (0: default).
  uint64_t MaxWasmStack = 0;
  /// --fuel: the fuel each instance starts with (-1: unmetered). Every
  /// module must have been compiled with fuel (W2N_FLAG_FUEL).
  int64_t Fuel = -1;
  /// --timeout: "500ms", "2s", "1m" or plain seconds ("" for none). The
  /// store's epoch deadline is 1 and a timer thread increments the epoch
  /// once it expires; modules must have been compiled with --epoch.
  std::string Timeout;
};

/// Parses a --timeout DURATION into milliseconds; false if malformed.
bool parseDuration(const std::string &S, uint64_t &Ms);

/// Why a module could not be loaded: Message, and the offset in the file
/// of the byte at fault when there is one (a malformed .wasm).
struct LoadError {
  std::string Message;
  std::optional<uint64_t> Offset;
};

/// Loads the module a command-line FILE names; null (and Err) on failure.
using ModuleLoader = std::function<std::shared_ptr<rt::LoadedModule>(
    const std::string &File, LoadError &Err)>;

/// Prints an error on stderr in the one format of the wasm2native tools
/// (tools/wasm2native/Diagnostics.h): `FILE:0xOFFSET: error: MSG` with an
/// offset, `FILE: error: MSG` without, `TOOL: error: MSG` if File is empty.
void printError(const char *Tool, const std::string &File,
                const std::string &Msg,
                std::optional<uint64_t> Offset = std::nullopt);

/// Runs Opts.Module; returns the process exit status. Diagnostics start
/// with Tool (e.g. "wasm2native").
int runModule(const RunOptions &Opts, const ModuleLoader &Load,
              const char *Tool);

/// The loader of wasm2native-run: compiled modules only (a .wasm file is
/// refused with a hint to compile it first).
std::shared_ptr<rt::LoadedModule> loadCompiledModule(const std::string &File,
                                                     LoadError &Err);

/// Loads the compiled module at File (a relative path, not the library
/// search path).
std::shared_ptr<rt::LoadedModule> loadSharedObject(const std::string &File,
                                                   LoadError &Err);

/// Whether the file starts with the wasm binary magic "\0asm".
bool isWasmBinary(const std::string &File);

} // namespace w2n::run

#endif // WASM2NATIVE_LIB_RUNNER_RUNNER_H
