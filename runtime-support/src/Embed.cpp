//===- Embed.cpp - The C embedding API over the C++ runtime ---------------===//
///
/// \file
/// wasm2native.h implemented with Store, Linker and WasiCtx. Each
/// wasm2native_instance owns a Store of its own (so instances share
/// nothing and limits are per instance); the linker holds definitions,
/// which every instantiation turns into host functions of the new store
/// whose environment names the instance (the `caller` of the callback).
///
//===----------------------------------------------------------------------===//

#include "wasm2native/wasm2native.h"

#include "wasm2native/runtime.h"
#include "wasm2native/wasi.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace w2n;

struct wasm2native_error {
  int Kind;
  std::string Message;
  uint32_t TrapCode = 0;
  std::string Function;
  int ExitCode = -1;
};

struct wasm2native_module {
  std::shared_ptr<rt::LoadedModule> M;
};

namespace {

/// A host function definition; shared by the linker and every instance
/// made with it, so its finalizer runs when the last of them goes.
struct HostDef {
  std::string Module, Name;
  rt::FuncType Type;
  wasm2native_host_fn Fn;
  void *Env;
  void (*Finalizer)(void *);

  ~HostDef() {
    if (Finalizer)
      Finalizer(Env);
  }
};

struct GlobalDef {
  std::string Module, Name;
  wasm2native_val Value;
  bool Mutable;
};

/// The environment of one host function in one instance.
struct HostCall {
  const HostDef *Def;
  wasm2native_instance *Caller;
};

wasm2native_error *makeError(int Kind, std::string Message) {
  auto *E = new wasm2native_error();
  E->Kind = Kind;
  E->Message = std::move(Message);
  return E;
}

bool validKind(uint8_t K) {
  return K == WASM2NATIVE_I32 || K == WASM2NATIVE_I64 || K == WASM2NATIVE_F32 ||
         K == WASM2NATIVE_F64;
}

w2n_val toSlot(const wasm2native_val &V) {
  w2n_val S;
  std::memset(&S, 0, sizeof(S));
  switch (V.kind) {
  case WASM2NATIVE_I32:
    S.i32 = uint32_t(V.of.i32);
    break;
  case WASM2NATIVE_I64:
    S.i64 = uint64_t(V.of.i64);
    break;
  case WASM2NATIVE_F32:
    S.f32 = V.of.f32;
    break;
  default:
    S.f64 = V.of.f64;
    break;
  }
  return S;
}

wasm2native_val fromSlot(uint8_t Kind, const w2n_val &S) {
  wasm2native_val V;
  std::memset(&V, 0, sizeof(V));
  V.kind = Kind;
  switch (Kind) {
  case WASM2NATIVE_I32:
    V.of.i32 = int32_t(S.i32);
    break;
  case WASM2NATIVE_I64:
    V.of.i64 = int64_t(S.i64);
    break;
  case WASM2NATIVE_F32:
    V.of.f32 = S.f32;
    break;
  default:
    V.of.f64 = S.f64;
    break;
  }
  return V;
}

/// Runs a host function. Returns false, or true with the message of the
/// trap it asked for in Msg.
bool callHost(const HostCall &C, w2n_val *Slots, char *Msg, size_t MsgSize) {
  const HostDef &D = *C.Def;
  constexpr size_t Inline = 16;
  size_t NP = D.Type.Params.size(), NR = D.Type.Results.size();
  wasm2native_val ArgsInline[Inline], ResultsInline[Inline];
  std::vector<wasm2native_val> ArgsHeap, ResultsHeap;
  wasm2native_val *Args = ArgsInline, *Results = ResultsInline;
  if (NP > Inline) {
    ArgsHeap.resize(NP);
    Args = ArgsHeap.data();
  }
  if (NR > Inline) {
    ResultsHeap.resize(NR);
    Results = ResultsHeap.data();
  }
  for (size_t I = 0; I < NP; ++I)
    Args[I] = fromSlot(D.Type.Params[I], Slots[I]);
  for (size_t I = 0; I < NR; ++I)
    Results[I] = fromSlot(D.Type.Results[I], w2n_val());
  wasm2native_error *E = D.Fn(D.Env, C.Caller, Args, Results);
  if (E) {
    std::snprintf(Msg, MsgSize, "%s", E->Message.c_str());
    wasm2native_error_delete(E);
    return true;
  }
  for (size_t I = 0; I < NR; ++I) {
    wasm2native_val V = Results[I];
    V.kind = D.Type.Results[I]; // the declared type wins
    Slots[I] = toSlot(V);
  }
  return false;
}

/// The rt::HostCallback of every host function. Nothing with a destructor
/// is alive in this frame when it raises the trap (raiseHostTrap skips
/// destructors).
void hostTrampoline(void *Env, w2n_val *Slots) {
  char Msg[512];
  if (callHost(*static_cast<const HostCall *>(Env), Slots, Msg, sizeof(Msg)))
    rt::raiseHostTrap(Msg);
}

} // namespace

struct wasm2native_linker {
  std::vector<std::shared_ptr<HostDef>> Funcs;
  std::vector<GlobalDef> Globals;
  bool Wasi = false;
  wasi::WasiConfig WasiConfig;
};

namespace {
/// wasm2native_set_max_instances (0: no cap) and the live count.
std::atomic<uint64_t> MaxInstances{0};
std::atomic<uint64_t> LiveInstances{0};

/// Counts one live instance, or fails if the cap is reached.
bool reserveInstance() {
  uint64_t Live = LiveInstances.load(std::memory_order_relaxed);
  do {
    uint64_t Max = MaxInstances.load(std::memory_order_relaxed);
    if (Max && Live >= Max)
      return false;
  } while (!LiveInstances.compare_exchange_weak(Live, Live + 1,
                                                std::memory_order_relaxed));
  return true;
}
} // namespace

struct wasm2native_instance {
  /// Whether this object counts as a live instance (reserveInstance).
  bool Counted = false;
  wasm2native_epoch_fn EpochFn = nullptr;
  void *EpochEnv = nullptr;
  std::shared_ptr<rt::LoadedModule> Module;
  std::unique_ptr<rt::Store> Store;
  rt::Instance *Inst = nullptr;
  std::vector<std::shared_ptr<HostDef>> Defs; // keep their envs alive
  std::vector<std::unique_ptr<HostCall>> Calls;
  std::unique_ptr<wasi::WasiCtx> Wasi;

  ~wasm2native_instance() {
    // The store (and the code it runs) goes before the definitions.
    Store.reset();
    if (Counted)
      LiveInstances.fetch_sub(1, std::memory_order_relaxed);
  }

  wasm2native_error *fromTrap(rt::Trap T) const {
    if (Wasi && Wasi->isExit(T)) {
      wasm2native_error *E =
          makeError(WASM2NATIVE_ERROR_EXIT,
                    "exited with status " + std::to_string(Wasi->exitCode()));
      E->ExitCode = int(Wasi->exitCode());
      return E;
    }
    wasm2native_error *E = makeError(WASM2NATIVE_ERROR_TRAP, T.str());
    E->TrapCode = T.Kind;
    E->Function = std::move(T.Function);
    return E;
  }
};

// ---- Errors ---------------------------------------------------------------

int wasm2native_error_kind(const wasm2native_error *e) { return e->Kind; }
const char *wasm2native_error_message(const wasm2native_error *e) {
  return e->Message.c_str();
}
uint32_t wasm2native_error_trap_code(const wasm2native_error *e) {
  return e->Kind == WASM2NATIVE_ERROR_TRAP ? e->TrapCode : 0;
}
const char *wasm2native_error_function(const wasm2native_error *e) {
  return e->Function.c_str();
}
int wasm2native_error_exit_code(const wasm2native_error *e) {
  return e->Kind == WASM2NATIVE_ERROR_EXIT ? e->ExitCode : -1;
}
void wasm2native_error_delete(wasm2native_error *e) { delete e; }

wasm2native_error *wasm2native_trap_new(const char *message) {
  wasm2native_error *E =
      makeError(WASM2NATIVE_ERROR_TRAP, message ? message : "");
  E->TrapCode = W2N_TRAP_HOST;
  return E;
}

// ---- Modules --------------------------------------------------------------

wasm2native_error *wasm2native_module_load(const char *path,
                                           wasm2native_module **out) {
  *out = nullptr;
  std::string Path = path;
  // dlopen would search the library path for a bare name.
  if (Path.find('/') == std::string::npos)
    Path = "./" + Path;
  std::string Err;
  std::shared_ptr<rt::LoadedModule> M = rt::LoadedModule::load(Path, Err);
  if (!M)
    return makeError(WASM2NATIVE_ERROR_LOAD, std::string(path) + ": " + Err);
  *out = new wasm2native_module{std::move(M)};
  return nullptr;
}

void wasm2native_module_delete(wasm2native_module *m) { delete m; }

wasm2native_error *wasm2native_module_from_linked(const void *descriptor,
                                                  const void *code_begin,
                                                  const void *code_end,
                                                  wasm2native_module **out) {
  *out = nullptr;
  std::string Err;
  std::shared_ptr<rt::LoadedModule> M = rt::LoadedModule::fromLinkedCode(
      static_cast<const w2n_module_descriptor *>(descriptor),
      reinterpret_cast<uintptr_t>(code_begin),
      reinterpret_cast<uintptr_t>(code_end), Err);
  if (!M)
    return makeError(WASM2NATIVE_ERROR_LOAD, "linked module: " + Err);
  *out = new wasm2native_module{std::move(M)};
  return nullptr;
}

// ---- Linker ---------------------------------------------------------------

wasm2native_linker *wasm2native_linker_new(void) {
  return new wasm2native_linker();
}

void wasm2native_linker_delete(wasm2native_linker *l) { delete l; }

wasm2native_error *
wasm2native_linker_define_func(wasm2native_linker *l, const char *module,
                               const char *name, const uint8_t *params,
                               size_t num_params, const uint8_t *results,
                               size_t num_results, wasm2native_host_fn fn,
                               void *env, void (*finalizer)(void *)) {
  auto D = std::make_shared<HostDef>();
  D->Module = module;
  D->Name = name;
  D->Fn = fn;
  D->Env = env;
  D->Finalizer = finalizer;
  for (size_t I = 0; I < num_params + num_results; ++I) {
    uint8_t K = I < num_params ? params[I] : results[I - num_params];
    if (!validKind(K)) {
      D->Finalizer = nullptr; // not taken over
      return makeError(WASM2NATIVE_ERROR_USAGE,
                       "unsupported value kind " + std::to_string(K) +
                           " in the type of " + D->Module + "." + D->Name);
    }
    (I < num_params ? D->Type.Params : D->Type.Results).push_back(K);
  }
  for (std::shared_ptr<HostDef> &Old : l->Funcs)
    if (Old->Module == D->Module && Old->Name == D->Name) {
      Old = std::move(D);
      return nullptr;
    }
  l->Funcs.push_back(std::move(D));
  return nullptr;
}

wasm2native_error *wasm2native_linker_define_global(wasm2native_linker *l,
                                                    const char *module,
                                                    const char *name,
                                                    wasm2native_val value,
                                                    int is_mutable) {
  if (!validKind(value.kind))
    return makeError(WASM2NATIVE_ERROR_USAGE,
                     "unsupported value kind " + std::to_string(value.kind));
  l->Globals.push_back(GlobalDef{module, name, value, is_mutable != 0});
  return nullptr;
}

void wasm2native_linker_enable_wasi(wasm2native_linker *l) { l->Wasi = true; }
void wasm2native_linker_wasi_arg(wasm2native_linker *l, const char *arg) {
  l->WasiConfig.Args.push_back(arg);
}
void wasm2native_linker_wasi_env(wasm2native_linker *l, const char *var) {
  l->WasiConfig.Env.push_back(var);
}
void wasm2native_linker_wasi_preopen(wasm2native_linker *l,
                                     const char *host_path,
                                     const char *guest_path, int read_only) {
  l->WasiConfig.Preopens.push_back({host_path, guest_path, read_only != 0});
}
void wasm2native_linker_wasi_stdio(wasm2native_linker *l, int in, int out,
                                   int err) {
  l->WasiConfig.Stdin = in;
  l->WasiConfig.Stdout = out;
  l->WasiConfig.Stderr = err;
}

// ---- Instances ------------------------------------------------------------

void wasm2native_limits_init(wasm2native_limits *limits) {
  rt::StoreConfig Defaults;
  limits->max_memory_pages = Defaults.MaxMemoryPages;
  limits->max_table_elements = Defaults.MaxTableElements;
  limits->max_stack_bytes = Defaults.MaxWasmStack;
  limits->fuel = Defaults.Fuel;
}

wasm2native_error *wasm2native_instantiate(const wasm2native_linker *l,
                                           wasm2native_module *m,
                                           const wasm2native_limits *limits,
                                           wasm2native_instance **out) {
  *out = nullptr;
  wasm2native_limits Lim;
  wasm2native_limits_init(&Lim);
  if (limits)
    Lim = *limits;
  rt::StoreConfig SC;
  SC.MaxMemoryPages = Lim.max_memory_pages;
  SC.MaxTableElements = Lim.max_table_elements;
  SC.MaxWasmStack = size_t(Lim.max_stack_bytes);
  SC.Fuel = Lim.fuel;

  auto I = std::make_unique<wasm2native_instance>();
  if (!reserveInstance())
    return makeError(WASM2NATIVE_ERROR_RESOURCE,
                     "too many instances: the process limit is " +
                         std::to_string(MaxInstances.load()) +
                         " (wasm2native_set_max_instances)");
  I->Counted = true;
  I->Module = m->M;
  I->Store = std::make_unique<rt::Store>(SC);
  rt::Linker L;
  wasi::WasiBinding *Binding = nullptr;
  if (l->Wasi) {
    std::string Err;
    I->Wasi = wasi::WasiCtx::create(l->WasiConfig, Err);
    if (!I->Wasi)
      return makeError(WASM2NATIVE_ERROR_RESOURCE, "WASI: " + Err);
    Binding = I->Wasi->define(*I->Store, L);
  }
  for (const std::shared_ptr<HostDef> &D : l->Funcs) {
    I->Calls.push_back(std::make_unique<HostCall>(HostCall{D.get(), I.get()}));
    rt::Func *F = I->Store->createHostFunc(D->Type, hostTrampoline,
                                           I->Calls.back().get());
    L.define(D->Module, D->Name, rt::Extern::func(F));
    I->Defs.push_back(D);
  }
  for (const GlobalDef &G : l->Globals) {
    w2n_global_type T;
    T.type = G.Value.kind;
    T.mutable_ = G.Mutable;
    L.define(G.Module, G.Name,
             rt::Extern::global(I->Store->createGlobal(T, toSlot(G.Value))));
  }

  rt::InstantiateResult R = L.instantiate(*I->Store, m->M);
  if (R.Err) {
    switch (R.Err.K) {
    case rt::Error::Unlinkable:
      return makeError(WASM2NATIVE_ERROR_LINK, R.Err.Message);
    case rt::Error::Uninstantiable:
      if (R.Err.TrapInfo)
        return I->fromTrap(std::move(R.Err.TrapInfo));
      return makeError(WASM2NATIVE_ERROR_TRAP, R.Err.Message);
    default:
      return makeError(WASM2NATIVE_ERROR_RESOURCE, R.Err.Message);
    }
  }
  I->Inst = R.Inst;
  if (Binding)
    Binding->bindInstance(*R.Inst);
  *out = I.release();
  return nullptr;
}

void wasm2native_instance_delete(wasm2native_instance *i) { delete i; }

wasm2native_error *
wasm2native_instance_call(wasm2native_instance *i, const char *name,
                          const wasm2native_val *args, size_t num_args,
                          wasm2native_val *results, size_t num_results) {
  rt::Func *F = i->Inst->exportedFunc(name);
  if (!F)
    return makeError(WASM2NATIVE_ERROR_USAGE,
                     std::string("no exported function '") + name + "'");
  const rt::FuncType &T = i->Store->funcType(F);
  if (num_args != T.Params.size() || num_results != T.Results.size())
    return makeError(WASM2NATIVE_ERROR_USAGE,
                     std::string("'") + name + "' has type " + T.str() +
                         ", called with " + std::to_string(num_args) +
                         " arguments and " + std::to_string(num_results) +
                         " results");
  constexpr size_t Inline = 16;
  size_t N = std::max<size_t>({num_args, num_results, 1});
  w2n_val SlotsInline[Inline];
  std::vector<w2n_val> SlotsHeap;
  w2n_val *Slots = SlotsInline;
  if (N > Inline) {
    SlotsHeap.resize(N);
    Slots = SlotsHeap.data();
  }
  for (size_t K = 0; K < num_args; ++K) {
    if (args[K].kind != T.Params[K])
      return makeError(WASM2NATIVE_ERROR_USAGE,
                       "argument " + std::to_string(K + 1) + " of '" + name +
                           "' must be " + rt::valTypeName(T.Params[K]) +
                           ", got " + rt::valTypeName(args[K].kind));
    Slots[K] = toSlot(args[K]);
  }
  if (rt::Trap Tr = i->Store->call(F, Slots, num_args, Slots, num_results))
    return i->fromTrap(std::move(Tr));
  for (size_t K = 0; K < num_results; ++K)
    results[K] = fromSlot(T.Results[K], Slots[K]);
  return nullptr;
}

wasm2native_error *wasm2native_instance_native_func(
    const wasm2native_instance *i, const char *name, const uint8_t *params,
    size_t num_params, const uint8_t *results, size_t num_results,
    wasm2native_native_func *out) {
  out->code = nullptr;
  out->vmctx = nullptr;
  rt::Func *F = i->Inst->exportedFunc(name);
  if (!F)
    return makeError(WASM2NATIVE_ERROR_USAGE,
                     std::string("no exported function '") + name + "'");
  const rt::FuncType &T = i->Store->funcType(F);
  rt::FuncType Want(std::vector<uint8_t>(params, params + num_params),
                    std::vector<uint8_t>(results, results + num_results));
  if (T != Want)
    return makeError(WASM2NATIVE_ERROR_USAGE, std::string("'") + name +
                                                  "' has type " + T.str() +
                                                  ", expected " + Want.str());
  // Host functions have no code of their own to call, and several results
  // come back the way LLVM returns a struct, which is not C's.
  if (F->Host || T.Results.size() > 1)
    return nullptr;
  out->code = reinterpret_cast<wasm2native_native_code>(F->Ref.code);
  out->vmctx = F->Ref.vmctx;
  return nullptr;
}

wasm2native_error *wasm2native_instance_call_native(wasm2native_instance *i,
                                                    void (*fn)(void *arg),
                                                    void *arg) {
  if (rt::Trap T = i->Store->callGuarded(fn, arg))
    return i->fromTrap(std::move(T));
  return nullptr;
}

int wasm2native_instance_func_type(const wasm2native_instance *i,
                                   const char *name, uint8_t *params,
                                   size_t *num_params, uint8_t *results,
                                   size_t *num_results) {
  rt::Func *F = i->Inst->exportedFunc(name);
  if (!F)
    return -1;
  const rt::FuncType &T = i->Store->funcType(F);
  for (size_t K = 0; K < T.Params.size() && K < *num_params; ++K)
    params[K] = T.Params[K];
  for (size_t K = 0; K < T.Results.size() && K < *num_results; ++K)
    results[K] = T.Results[K];
  *num_params = T.Params.size();
  *num_results = T.Results.size();
  return 0;
}

uint8_t *wasm2native_instance_memory(const wasm2native_instance *i,
                                     size_t *size) {
  rt::Memory *M = i->Inst ? i->Inst->memory() : nullptr;
  if (size)
    *size = M ? size_t(M->sizeBytes()) : 0;
  return M ? M->data() : nullptr;
}

static uint8_t *memoryRange(const wasm2native_instance *i, uint64_t Offset,
                            size_t Len) {
  size_t Size;
  uint8_t *Base = wasm2native_instance_memory(i, &Size);
  if (!Base || Len > Size || Offset > Size - Len)
    return nullptr;
  return Base + Offset;
}

wasm2native_error *
wasm2native_instance_memory_read(const wasm2native_instance *i, uint64_t offset,
                                 void *dst, size_t len) {
  uint8_t *P = memoryRange(i, offset, len);
  if (!P)
    return makeError(WASM2NATIVE_ERROR_USAGE,
                     "memory read of " + std::to_string(len) + " bytes at " +
                         std::to_string(offset) + " is out of bounds");
  std::memcpy(dst, P, len);
  return nullptr;
}

wasm2native_error *wasm2native_instance_memory_write(wasm2native_instance *i,
                                                     uint64_t offset,
                                                     const void *src,
                                                     size_t len) {
  uint8_t *P = memoryRange(i, offset, len);
  if (!P)
    return makeError(WASM2NATIVE_ERROR_USAGE,
                     "memory write of " + std::to_string(len) + " bytes at " +
                         std::to_string(offset) + " is out of bounds");
  std::memcpy(P, src, len);
  return nullptr;
}

int wasm2native_instance_wasi_exited(const wasm2native_instance *i,
                                     int *status) {
  if (!i->Wasi || !i->Wasi->exited())
    return 0;
  if (status)
    *status = int(i->Wasi->exitCode());
  return 1;
}

// ---- Resource limits -------------------------------------------------------

namespace {
bool hasFlag(const wasm2native_instance *i, uint32_t Flag) {
  return (i->Module->descriptor().flags & Flag) != 0;
}
wasm2native_error *noFuel() {
  return makeError(WASM2NATIVE_ERROR_USAGE,
                   "the module has no fuel metering (compile it with "
                   "`wasm2native compile --fuel`)");
}
} // namespace

wasm2native_error *wasm2native_instance_set_fuel(wasm2native_instance *i,
                                                 int64_t fuel) {
  if (!hasFlag(i, W2N_FLAG_FUEL))
    return noFuel();
  i->Inst->setFuel(fuel);
  return nullptr;
}

wasm2native_error *wasm2native_instance_add_fuel(wasm2native_instance *i,
                                                 int64_t fuel) {
  if (!hasFlag(i, W2N_FLAG_FUEL))
    return noFuel();
  int64_t Sum;
  if (__builtin_add_overflow(i->Inst->fuel(), fuel, &Sum))
    Sum = fuel > 0 ? INT64_MAX : INT64_MIN;
  i->Inst->setFuel(Sum);
  return nullptr;
}

wasm2native_error *wasm2native_instance_get_fuel(const wasm2native_instance *i,
                                                 int64_t *fuel) {
  *fuel = -1;
  if (!hasFlag(i, W2N_FLAG_FUEL))
    return noFuel();
  *fuel = i->Inst->fuel();
  return nullptr;
}

void wasm2native_instance_increment_epoch(wasm2native_instance *i) {
  i->Store->incrementEpoch();
}

wasm2native_error *
wasm2native_instance_set_epoch_deadline(wasm2native_instance *i,
                                        uint64_t ticks) {
  if (!hasFlag(i, W2N_FLAG_EPOCH))
    return makeError(WASM2NATIVE_ERROR_USAGE,
                     "the module has no epoch checks (compile it with "
                     "`wasm2native compile --epoch`)");
  i->Store->setEpochDeadline(ticks);
  return nullptr;
}

void wasm2native_instance_set_epoch_callback(wasm2native_instance *i,
                                             wasm2native_epoch_fn fn,
                                             void *env) {
  i->EpochFn = fn;
  i->EpochEnv = env;
  if (!fn) {
    i->Store->setEpochCallback(nullptr, nullptr);
    return;
  }
  i->Store->setEpochCallback(
      [](void *Env, rt::Store &) -> uint64_t {
        auto *I = static_cast<wasm2native_instance *>(Env);
        return I->EpochFn(I->EpochEnv, I);
      },
      i);
}

void wasm2native_set_max_instances(uint64_t max) {
  MaxInstances.store(max, std::memory_order_relaxed);
}

uint64_t wasm2native_live_instances(void) {
  return LiveInstances.load(std::memory_order_relaxed);
}
