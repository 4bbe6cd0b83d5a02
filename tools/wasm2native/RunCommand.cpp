//===- RunCommand.cpp - wasm2native run -----------------------------------===//
///
/// \file
/// `wasm2native run [options] FILE [ARGS...]`: the run semantics of
/// wasm2native-run (Runner.h) plus the compiler. A FILE (or --preload FILE)
/// that is a .wasm binary is compiled once and cached:
///
///   $XDG_CACHE_HOME/wasm2native/<sha256>.so   (else ~/.cache/wasm2native)
///
/// where the hash covers the module's bytes, the compiler's version and
/// build (size and time of this executable), every code generation flag
/// (including the fuel and epoch instrumentation that --fuel N and
/// --timeout select) and the target. A cache entry is written to a temporary
/// file in the same directory and renamed into place, so concurrent runs never
/// see a partial file (the output is deterministic, so racing writers agree).
/// An entry that no longer loads is compiled again. Without a usable cache
/// directory the module is compiled to a temporary file.
///
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Version.h"

#include "decode/ModuleReader.h"
#include "support/WasmError.h"
#include "targets/TargetInfo.h"
#include "validate/Validator.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace w2n {

namespace {

/// The cache directory, or "" if there is none.
std::string cacheDirectory() {
  if (const char *X = std::getenv("XDG_CACHE_HOME"); X && *X == '/')
    return (Twine(X) + "/wasm2native").str();
  if (const char *H = std::getenv("HOME"); H && *H == '/')
    return (Twine(H) + "/.cache/wasm2native").str();
  return "";
}

/// Changes whenever this compiler is rebuilt, so a development build
/// never runs code cached by another build of the same version.
std::string compilerIdentity() {
  std::string Id =
      "wasm2native " WASM2NATIVE_VERSION " LLVM " WASM2NATIVE_LLVM_VERSION;
  struct stat St;
  if (stat("/proc/self/exe", &St) == 0)
    Id += " " + std::to_string(St.st_size) + " " +
          std::to_string(St.st_mtim.tv_sec) + "." +
          std::to_string(St.st_mtim.tv_nsec);
  return Id;
}

/// Every input of the compilation, one field per line.
std::string cacheKey(ArrayRef<uint8_t> Bytes, const CodegenOptions &C) {
  std::string Desc;
  raw_string_ostream OS(Desc);
  OS << "wasm2native-run-cache 1\n"
     << compilerIdentity() << '\n'
     << "target " << C.Triple << '\n'
     << "cpu " << C.CPU << '\n'
     << "features " << C.Features << '\n'
     << "opt " << C.OptLevel << '\n'
     << "bounds " << (C.Bounds ? boundsChecksName(*C.Bounds) : "default")
     << '\n'
     << "fuel " << C.Fuel << " epoch " << C.Epoch << '\n';
  SHA256 H;
  H.update(OS.str());
  H.update(Bytes);
  std::array<uint8_t, 32> Digest = H.final();
  return toHex(Digest, /*LowerCase=*/true);
}

run::LoadError loadError(Error E) {
  run::LoadError L;
  handleAllErrors(
      std::move(E),
      [&](const WasmError &WE) {
        L.Message = WE.getMessage();
        L.Offset = WE.getOffset();
      },
      [&](const ErrorInfoBase &EI) { L.Message = EI.message(); });
  return L;
}

class CompilingLoader {
public:
  explicit CompilingLoader(const RunCommandOptions &Opts) : Opts(Opts) {
    Codegen = Opts.Codegen;
    Codegen.Emit = EmitKind::SharedObject;
    // Run on this machine: its target, but the target's baseline CPU
    // unless --cpu says otherwise, so cache entries stay portable.
    if (Codegen.Triple.empty())
      Codegen.Triple = hostTarget();
    Codegen.Triple = Triple::normalize(Codegen.Triple);
    // --fuel N and --timeout need the instrumentation (and select it in
    // the cache key, which covers every codegen flag).
    if (Opts.Run.Fuel >= 0)
      Codegen.Fuel = true;
    if (!Opts.Run.Timeout.empty())
      Codegen.Epoch = true;
  }

  std::shared_ptr<rt::LoadedModule> load(const std::string &File,
                                         run::LoadError &Err);

private:
  /// Compiles Bytes to Out.
  bool compile(ArrayRef<uint8_t> Bytes, const std::string &Out,
               run::LoadError &Err);

  const RunCommandOptions &Opts;
  CodegenOptions Codegen;
};

bool CompilingLoader::compile(ArrayRef<uint8_t> Bytes, const std::string &Out,
                              run::LoadError &Err) {
  Expected<std::unique_ptr<Module>> M = readModule(Bytes, Opts.Features);
  if (!M) {
    Err = loadError(M.takeError());
    return false;
  }
  if (Error E = validateModule(**M)) {
    Err = loadError(std::move(E));
    return false;
  }
  if (Error E = compileModule(**M, Codegen, Out)) {
    Err = loadError(std::move(E));
    return false;
  }
  return true;
}

std::shared_ptr<rt::LoadedModule> CompilingLoader::load(const std::string &File,
                                                        run::LoadError &Err) {
  if (!run::isWasmBinary(File))
    return run::loadSharedObject(File, Err);
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFile(File, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!Buf) {
    Err.Message = "cannot read file: " + Buf.getError().message();
    return nullptr;
  }
  ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());

  std::string Dir = Opts.CacheDir.empty() ? cacheDirectory() : Opts.CacheDir;
  if (!Dir.empty() && !sys::fs::create_directories(Dir)) {
    std::string Entry = Dir + "/" + cacheKey(Bytes, Codegen) + ".so";
    if (sys::fs::exists(Entry)) {
      std::string Ignored;
      if (auto M = rt::LoadedModule::load(Entry, Ignored))
        return M;
      // A stale or damaged entry: compile it again below.
    }
    SmallString<128> Tmp;
    int TmpFd;
    if (!sys::fs::createUniqueFile(Entry + ".tmp-%%%%%%%%", TmpFd, Tmp)) {
      ::close(TmpFd);
      if (!compile(Bytes, Tmp.str().str(), Err)) {
        sys::fs::remove(Tmp);
        return nullptr;
      }
      if (!sys::fs::rename(Tmp, Entry))
        return rt::LoadedModule::load(Entry, Err.Message);
      sys::fs::remove(Tmp);
    }
  }

  // No usable cache: compile to a temporary file, load it, delete it (the
  // loaded mapping stays valid).
  SmallString<128> Tmp;
  if (std::error_code EC =
          sys::fs::createTemporaryFile("wasm2native-run", "so", Tmp)) {
    Err.Message = "cannot create a temporary file: " + EC.message();
    return nullptr;
  }
  if (!compile(Bytes, Tmp.str().str(), Err)) {
    sys::fs::remove(Tmp);
    return nullptr;
  }
  std::shared_ptr<rt::LoadedModule> M =
      rt::LoadedModule::load(Tmp.str().str(), Err.Message);
  sys::fs::remove(Tmp);
  return M;
}

} // namespace

std::string hostTarget() {
  // The supported target's own spelling (x86_64-unknown-linux-gnu, as
  // `compile` writes it), not the process's (x86_64-pc-linux-gnu): the
  // triple is part of the output, so `run` and `compile` would otherwise
  // make different bytes of the same module.
  std::string Process = sys::getProcessTriple();
  if (const TargetDefaults *TD = lookupTargetDefaults(Process))
    return TD->Triple;
  return Process;
}

int runRun(const RunCommandOptions &Opts) {
  CompilingLoader Loader(Opts);
  return run::runModule(
      Opts.Run,
      [&](const std::string &File, run::LoadError &Err) {
        return Loader.load(File, Err);
      },
      "wasm2native");
}

} // namespace w2n
