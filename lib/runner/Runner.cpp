//===- Runner.cpp - Run a compiled module as a WASI program ---------------===//
///
/// \file
/// See Runner.h. The sequence: build the WASI configuration from the
/// options (nothing is granted that the options do not name), instantiate
/// every --preload module and register its exports, instantiate the main
/// module, then call _start or the --invoke export and map the outcome to
/// an exit status.
///
//===----------------------------------------------------------------------===//

#include "runner/Runner.h"

#include "wasm2native/runtime.h"
#include "wasm2native/wasi.h"

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <netdb.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace w2n::run {

namespace {

class Runner {
public:
  Runner(const RunOptions &Opts, const ModuleLoader &Load, const char *Tool)
      : Opts(Opts), Load(Load), Tool(Tool) {}
  int run();

private:
  /// An error that concerns no file (an option, the host); status 1.
  int error(const std::string &Msg) {
    printError(Tool, "", Msg);
    return 1;
  }
  /// An error about File, at Offset if given; status 1.
  int fileError(const std::string &File, const std::string &Msg,
                std::optional<uint64_t> Offset = std::nullopt) {
    printError(Tool, File, Msg, Offset);
    return 1;
  }
  bool makeConfig(wasi::WasiConfig &C, std::string &Err);
  bool listen(const std::string &Addr, int &Fd, std::string &Err);
  /// Loads and instantiates File with WASI and the preloads so far; null
  /// after printing a diagnostic (Status is then the exit status).
  rt::Instance *instantiate(const std::string &File, int &Status);
  /// The message for a failed link of File, naming the preloaded module
  /// that lacks an import where that is the reason.
  std::string linkError(const rt::LoadedModule &Mod, const rt::Error &E);
  /// Runs the reactor's _initialize, if it exports one; -1 on success,
  /// else the exit status.
  int initialize(rt::Instance &I);
  /// Maps the outcome of a call into wasm to an exit status, printing the
  /// trap if it is one. -1: the call returned normally.
  int outcome(const rt::Trap &T);
  int invoke(rt::Instance &I);

  const RunOptions &Opts;
  const ModuleLoader &Load;
  const char *Tool;
  std::unique_ptr<wasi::WasiCtx> Wasi;
  std::unique_ptr<rt::Store> Store;
  rt::Linker Linker;
  std::vector<int> Listeners;
  /// The --preload modules so far: (NAME, FILE).
  std::vector<std::pair<std::string, std::string>> Preloaded;
};

/// "HOST::GUEST" or "DIR".
wasi::Preopen parseDir(const std::string &Spec, bool ReadOnly) {
  wasi::Preopen P;
  size_t Sep = Spec.find("::");
  P.HostPath = Sep == std::string::npos ? Spec : Spec.substr(0, Sep);
  P.GuestPath = Sep == std::string::npos ? Spec : Spec.substr(Sep + 2);
  P.ReadOnly = ReadOnly;
  return P;
}

/// What backtraces call the main module's frames beside preloaded ones:
/// its name section's name, else its file's (not the cache entry's).
std::string mainModuleName(const rt::Instance &I, const std::string &File) {
  if (const char *N = I.module().descriptor().module_name; N && *N)
    return N;
  std::string Base = File.substr(File.rfind('/') + 1);
  Base = Base.substr(0, Base.find('.'));
  return Base.empty() ? "main" : Base;
}

/// What to say about a module without _start: it is a library of
/// functions (a WASI reactor), so name a few of them for --invoke.
std::string reactorMessage(const rt::Instance &I) {
  std::string Names;
  unsigned Shown = 0, Total = 0;
  for (const auto &[Name, E] : I.exports()) {
    if (E.Kind != W2N_EXTERN_FUNC || Name == "_initialize")
      continue;
    if (++Total > 8)
      continue;
    Names += (Shown++ ? ", " : "") + Name;
  }
  std::string Msg = "the module has no _start export to run (a reactor); "
                    "use --invoke NAME to call one of its functions";
  if (Total)
    Msg += ": " + Names + (Total > Shown ? ", ..." : "");
  return Msg;
}

bool Runner::makeConfig(wasi::WasiConfig &C, std::string &Err) {
  C.Args.push_back(Opts.Module);
  C.Args.insert(C.Args.end(), Opts.Args.begin(), Opts.Args.end());
  for (const std::string &E : Opts.Env) {
    if (E.find('=') != std::string::npos) {
      C.Env.push_back(E);
      continue;
    }
    if (E.empty()) {
      Err = "--env needs NAME or NAME=VALUE";
      return false;
    }
    if (const char *V = std::getenv(E.c_str()))
      C.Env.push_back(E + "=" + V);
  }
  if (!Opts.Grants.empty()) {
    for (const RunOptions::DirGrant &G : Opts.Grants)
      C.Preopens.push_back(parseDir(G.Spec, G.ReadOnly));
  } else {
    for (const std::string &D : Opts.Dirs)
      C.Preopens.push_back(parseDir(D, false));
    for (const std::string &D : Opts.RoDirs)
      C.Preopens.push_back(parseDir(D, true));
  }
  for (const std::string &A : Opts.TcpListen) {
    int Fd;
    if (!listen(A, Fd, Err))
      return false;
    Listeners.push_back(Fd);
    C.Sockets.push_back(Fd);
  }
  C.Sockets.insert(C.Sockets.end(), Opts.SocketFds.begin(),
                   Opts.SocketFds.end());
  C.Resolver = Opts.Resolver == "manual" ? wasi::PathResolver::Manual
                                         : wasi::PathResolver::Auto;
  return true;
}

bool Runner::listen(const std::string &Addr, int &Fd, std::string &Err) {
  size_t Colon = Addr.rfind(':');
  if (Colon == std::string::npos) {
    Err = "--tcplisten needs HOST:PORT, got '" + Addr + "'";
    return false;
  }
  std::string Host = Addr.substr(0, Colon), Port = Addr.substr(Colon + 1);
  if (Host.size() >= 2 && Host.front() == '[' && Host.back() == ']')
    Host = Host.substr(1, Host.size() - 2);
  struct addrinfo Hints, *Res = nullptr;
  std::memset(&Hints, 0, sizeof(Hints));
  Hints.ai_family = AF_UNSPEC;
  Hints.ai_socktype = SOCK_STREAM;
  Hints.ai_flags = AI_PASSIVE;
  if (int R = getaddrinfo(Host.empty() ? nullptr : Host.c_str(), Port.c_str(),
                          &Hints, &Res)) {
    Err = "--tcplisten " + Addr + ": " + gai_strerror(R);
    return false;
  }
  Fd =
      socket(Res->ai_family, Res->ai_socktype | SOCK_CLOEXEC, Res->ai_protocol);
  int One = 1;
  bool Ok = Fd >= 0 &&
            setsockopt(Fd, SOL_SOCKET, SO_REUSEADDR, &One, sizeof(One)) == 0 &&
            bind(Fd, Res->ai_addr, Res->ai_addrlen) == 0 &&
            ::listen(Fd, 128) == 0;
  int SavedErrno = errno;
  freeaddrinfo(Res);
  if (!Ok) {
    Err = "--tcplisten " + Addr + ": " + std::strerror(SavedErrno);
    if (Fd >= 0)
      close(Fd);
    return false;
  }
  return true;
}

rt::Instance *Runner::instantiate(const std::string &File, int &Status) {
  // Said plainly, before a loader reports it in its own terms (dlopen's
  // "cannot open shared object file" of "./FILE").
  if (access(File.c_str(), R_OK) != 0) {
    Status = fileError(File, std::string("cannot read file: ") +
                                 std::strerror(errno));
    return nullptr;
  }
  LoadError Err;
  std::shared_ptr<rt::LoadedModule> Mod = Load(File, Err);
  if (!Mod) {
    Status = fileError(File, Err.Message, Err.Offset);
    return nullptr;
  }
  uint32_t Flags = Mod->descriptor().flags;
  if (Opts.Fuel >= 0 && !(Flags & W2N_FLAG_FUEL)) {
    Status = fileError(File, "--fuel needs a module compiled with fuel "
                             "metering (`wasm2native compile --fuel`)");
    return nullptr;
  }
  if (!Opts.Timeout.empty() && !(Flags & W2N_FLAG_EPOCH)) {
    Status = fileError(File, "--timeout needs a module compiled with epoch "
                             "checks (`wasm2native compile --epoch`)");
    return nullptr;
  }
  wasi::WasiBinding *B = Wasi->define(*Store, Linker);
  rt::InstantiateResult R = Linker.instantiate(*Store, Mod);
  if (R.Err) {
    if (R.Err.K == rt::Error::Uninstantiable && R.Err.TrapInfo) {
      // The start function trapped or exited.
      Status = outcome(R.Err.TrapInfo);
      return nullptr;
    }
    Status = fileError(File, R.Err.K == rt::Error::Unlinkable
                                 ? linkError(*Mod, R.Err)
                                 : R.Err.Message);
    return nullptr;
  }
  B->bindInstance(*R.Inst);
  return R.Inst;
}

std::string Runner::linkError(const rt::LoadedModule &Mod, const rt::Error &E) {
  const w2n_module_descriptor &D = Mod.descriptor();
  for (uint32_t I = 0; I < D.num_imports; ++I) {
    const w2n_import &Imp = D.imports[I];
    std::string Module(Imp.module, Imp.module_len);
    std::string Name(Imp.name, Imp.name_len);
    if (Linker.lookup(Module, Name))
      continue;
    std::string Msg = "unknown import: \"" + Module + "\" \"" + Name + "\"";
    for (const auto &[PName, PFile] : Preloaded)
      if (PName == Module)
        return Msg + ": the module preloaded as \"" + Module + "\" (" + PFile +
               ") has no export \"" + Name + "\"";
    return Msg + " (no --preload " + Module + "=FILE provides module \"" +
           Module + "\")";
  }
  return E.Message;
}

int Runner::initialize(rt::Instance &I) {
  rt::Func *Init = I.exportedFunc("_initialize");
  if (!Init)
    return -1;
  return outcome(Store->call(Init, nullptr, 0, nullptr, 0));
}

int Runner::outcome(const rt::Trap &T) {
  if (!T)
    return -1;
  if (Wasi->isExit(T))
    return int(Wasi->exitCode() & 0xff);
  std::fprintf(stderr, "%s: trap: %s", Tool, T.Message.c_str());
  if (!T.Function.empty())
    std::fprintf(stderr, " in %s", T.Function.c_str());
  std::fputc('\n', stderr);
  std::fputs(rt::formatBacktrace(T).c_str(), stderr);
  return TrapExitStatus;
}

/// Parses a command-line argument as a value of type T.
bool parseValue(const std::string &S, uint8_t T, w2n_val &V) {
  std::memset(&V, 0, sizeof(V));
  if (S.empty())
    return false;
  const char *B = S.c_str();
  char *End = nullptr;
  errno = 0;
  switch (T) {
  case W2N_I32:
  case W2N_I64: {
    bool Neg = S[0] == '-';
    uint64_t U;
    if (Neg) {
      long long L = std::strtoll(B, &End, 0);
      U = uint64_t(L);
      if (T == W2N_I32 && L < INT32_MIN)
        return false;
    } else {
      U = std::strtoull(B, &End, 0);
      if (T == W2N_I32 && U > UINT32_MAX)
        return false;
    }
    if (errno || *End)
      return false;
    if (T == W2N_I32)
      V.i32 = uint32_t(U);
    else
      V.i64 = U;
    return true;
  }
  case W2N_F32:
    V.f32 = std::strtof(B, &End);
    return !*End;
  case W2N_F64:
    V.f64 = std::strtod(B, &End);
    return !*End;
  default:
    return false;
  }
}

void printValue(uint8_t T, const w2n_val &V) {
  switch (T) {
  case W2N_I32:
    std::printf("%" PRId32 "\n", int32_t(V.i32));
    break;
  case W2N_I64:
    std::printf("%" PRId64 "\n", int64_t(V.i64));
    break;
  case W2N_F32:
    std::printf("%.9g\n", double(V.f32));
    break;
  case W2N_F64:
    std::printf("%.17g\n", V.f64);
    break;
  case W2N_V128: {
    std::printf("0x");
    for (int I = 15; I >= 0; --I)
      std::printf("%02x", V.v128[I]);
    std::printf("\n");
    break;
  }
  default:
    std::printf("%s\n", V.ref ? "ref" : "null");
    break;
  }
}

int Runner::invoke(rt::Instance &I) {
  rt::Func *F = I.exportedFunc(Opts.Invoke);
  if (!F)
    return fileError(Opts.Module, "no exported function '" + Opts.Invoke + "'");
  const rt::FuncType &Type = Store->funcType(F);
  if (Opts.Args.size() != Type.Params.size())
    return error("'" + Opts.Invoke + "' takes " +
                 std::to_string(Type.Params.size()) + " arguments, " +
                 std::to_string(Opts.Args.size()) + " given");
  std::vector<w2n_val> Args(Type.Params.size()), Results;
  for (size_t K = 0; K < Args.size(); ++K)
    if (!parseValue(Opts.Args[K], Type.Params[K], Args[K]))
      return error("argument " + std::to_string(K + 1) + " of '" + Opts.Invoke +
                   "': '" + Opts.Args[K] + "' is not " +
                   (Type.Params[K] == W2N_I64 || Type.Params[K] == W2N_I32
                        ? "an "
                        : "a ") +
                   rt::valTypeName(Type.Params[K]));
  rt::Trap T = Store->call(F, Args, Results);
  if (int S = outcome(T); S >= 0)
    return S;
  for (size_t K = 0; K < Results.size(); ++K)
    printValue(Type.Results[K], Results[K]);
  std::fflush(stdout);
  return 0;
}

int Runner::run() {
  // A guest writing to a closed pipe gets EPIPE, not a dead host.
  std::signal(SIGPIPE, SIG_IGN);

  wasi::WasiConfig Config;
  std::string Err;
  if (!makeConfig(Config, Err))
    return error(Err);
  Wasi = wasi::WasiCtx::create(Config, Err);
  if (!Wasi)
    return error(Err);
  rt::StoreConfig SC;
  if (Opts.MaxWasmStack)
    SC.MaxWasmStack = size_t(Opts.MaxWasmStack);
  if (Opts.Fuel >= 0)
    SC.Fuel = Opts.Fuel;
  Store = std::make_unique<rt::Store>(SC);

  // --timeout: every instance's deadline is the next epoch; the timer
  // increments it when the time is up (and is stopped and joined before
  // the store goes, whatever the outcome).
  struct Timer {
    std::mutex M;
    std::condition_variable CV;
    bool Done = false;
    std::thread T;
    ~Timer() {
      if (!T.joinable())
        return;
      {
        std::lock_guard<std::mutex> G(M);
        Done = true;
      }
      CV.notify_all();
      T.join();
    }
  } Watchdog;
  if (!Opts.Timeout.empty()) {
    uint64_t Ms = 0;
    if (!parseDuration(Opts.Timeout, Ms))
      return error("bad --timeout '" + Opts.Timeout + "'");
    Store->setEpochDeadline(1);
    rt::Store *S = Store.get();
    Watchdog.T = std::thread([&Watchdog, S, Ms] {
      std::unique_lock<std::mutex> G(Watchdog.M);
      if (!Watchdog.CV.wait_for(G, std::chrono::milliseconds(Ms),
                                [&] { return Watchdog.Done; }))
        S->incrementEpoch();
    });
  }

  int Status = 0;
  for (const std::string &P : Opts.Preloads) {
    size_t Eq = P.find('=');
    if (Eq == std::string::npos || Eq == 0 || Eq + 1 == P.size())
      return error("--preload needs NAME=FILE, got '" + P + "'");
    std::string Name = P.substr(0, Eq), File = P.substr(Eq + 1);
    rt::Instance *I = instantiate(File, Status);
    if (!I)
      return Status;
    I->setName(Name);
    if (int S = initialize(*I); S >= 0)
      return S;
    Linker.defineInstance(Name, *I);
    Preloaded.emplace_back(Name, File);
  }

  rt::Instance *Main = instantiate(Opts.Module, Status);
  if (!Main)
    return Status;
  Main->setName(mainModuleName(*Main, Opts.Module));
  rt::Func *Start = Main->exportedFunc("_start");
  // A reactor initialises itself before its exports are called.
  if (!Opts.Invoke.empty() || !Start)
    if (int S = initialize(*Main); S >= 0)
      return S;
  if (!Opts.Invoke.empty())
    return invoke(*Main);
  if (!Start) {
    // A module whose start function is the whole program has run.
    const w2n_module_descriptor &D = Main->module().descriptor();
    if (D.has_start && Opts.Args.empty() && !Main->exportedFunc("_initialize"))
      return 0;
    return fileError(Opts.Module, reactorMessage(*Main));
  }
  if (!Store->funcType(Start).Params.empty() ||
      !Store->funcType(Start).Results.empty())
    return fileError(Opts.Module,
                     "_start must take no parameters and return nothing");
  if (int S = outcome(Store->call(Start, nullptr, 0, nullptr, 0)); S >= 0)
    return S;
  return 0;
}

} // namespace

int runModule(const RunOptions &Opts, const ModuleLoader &Load,
              const char *Tool) {
  int Status = Runner(Opts, Load, Tool).run();
  std::fflush(stdout);
  return Status;
}

bool parseDuration(const std::string &S, uint64_t &Ms) {
  size_t I = 0;
  uint64_t N = 0;
  while (I < S.size() && S[I] >= '0' && S[I] <= '9') {
    if (N > UINT64_MAX / 1000 / 60 / 10)
      return false;
    N = N * 10 + uint64_t(S[I++] - '0');
  }
  if (I == 0)
    return false;
  std::string Unit = S.substr(I);
  if (Unit == "ms")
    Ms = N;
  else if (Unit == "s" || Unit.empty())
    Ms = N * 1000;
  else if (Unit == "m")
    Ms = N * 60 * 1000;
  else
    return false;
  return true;
}

void printError(const char *Tool, const std::string &File,
                const std::string &Msg, std::optional<uint64_t> Offset) {
  if (File.empty())
    std::fprintf(stderr, "%s: error: %s\n", Tool, Msg.c_str());
  else if (Offset)
    std::fprintf(stderr, "%s:0x%" PRIx64 ": error: %s\n", File.c_str(), *Offset,
                 Msg.c_str());
  else
    std::fprintf(stderr, "%s: error: %s\n", File.c_str(), Msg.c_str());
}

bool isWasmBinary(const std::string &File) {
  int Fd = open(File.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return false;
  char Magic[4];
  bool Is = read(Fd, Magic, 4) == 4 && std::memcmp(Magic, "\0asm", 4) == 0;
  close(Fd);
  return Is;
}

std::shared_ptr<rt::LoadedModule> loadSharedObject(const std::string &File,
                                                   LoadError &Err) {
  // dlopen searches the library path for a name without a '/'.
  std::string Path = File.find('/') == std::string::npos ? "./" + File : File;
  std::shared_ptr<rt::LoadedModule> M =
      rt::LoadedModule::load(Path, Err.Message);
  // dlerror() repeats the path; the diagnostic names the file already.
  if (!M && Err.Message.compare(0, Path.size() + 2, Path + ": ") == 0)
    Err.Message.erase(0, Path.size() + 2);
  return M;
}

std::shared_ptr<rt::LoadedModule> loadCompiledModule(const std::string &File,
                                                     LoadError &Err) {
  if (isWasmBinary(File)) {
    Err.Message = "a .wasm module; compile it first with `wasm2native "
                  "compile " +
                  File + "` (this runner has no compiler)";
    return nullptr;
  }
  return loadSharedObject(File, Err);
}

} // namespace w2n::run
