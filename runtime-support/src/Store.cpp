//===- Store.cpp - Instantiation and calls --------------------------------===//
///
/// \file
/// Instantiation in the order of the WebAssembly 2.0 spec (module
/// instantiation, 4.5.4): match the imports, allocate the functions,
/// tables, memory and globals, fill the vmctx as abi.h lays it out, then
/// run the active element segments (table.init + elem.drop; declarative
/// ones are dropped), the active data segments (memory.init + data.drop)
/// and the start function. A segment out of bounds traps: the instance
/// fails as uninstantiable, and what earlier segments wrote stays.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/runtime.h"

#include "Internal.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace w2n::rt {

namespace {

/// Wasm may not go closer than this to the bottom of the thread's stack:
/// room for the runtime, host functions and the signal handler.
constexpr uintptr_t StackMargin = 128 * 1024;
/// The stack limit is computed from the host's stack pointer rounded down
/// to this, so that it rarely changes between calls.
constexpr uintptr_t StackLimitGranule = 64 * 1024;

Error makeError(Error::Kind K, std::string Message) {
  Error E;
  E.K = K;
  E.Message = std::move(Message);
  return E;
}

std::string quoted(std::string_view S) { return "\"" + std::string(S) + "\""; }

std::string_view moduleName(const w2n_import &I) {
  return std::string_view(I.module, I.module_len);
}
std::string_view fieldName(const w2n_import &I) {
  return std::string_view(I.name, I.name_len);
}
std::string_view exportName(const w2n_export &E) {
  return std::string_view(E.name, E.name_len);
}

std::string limitsStr(uint64_t Min, std::optional<uint64_t> Max) {
  std::string S = std::to_string(Min);
  if (Max)
    S += " " + std::to_string(*Max);
  return S;
}

std::string limitsStr(const w2n_limits &L) {
  return limitsStr(L.min,
                   L.has_max ? std::optional<uint64_t>(L.max) : std::nullopt);
}

void hostEntry(w2n_host_func *Self, w2n_val *Slots) {
  HostFunc *H = reinterpret_cast<HostFunc *>(Self);
  H->Callback(H->Abi.env, Slots);
}

struct CallArgs {
  Func *F;
  w2n_val *Slots;
};

void callThunk(void *P) {
  auto *A = static_cast<CallArgs *>(P);
  Func *F = A->F;
  if (F->Host)
    F->Host->Callback(F->Host->Abi.env, A->Slots);
  else
    F->Invoke(F->Ref.code, F->Ref.vmctx, A->Slots);
}

template <typename T> void storeField(char *Base, uint32_t Offset, T Value) {
  std::memcpy(Base + Offset, &Value, sizeof(T));
}

} // namespace

// ---- Instance -------------------------------------------------------------

Instance::Instance(Store &S, std::shared_ptr<LoadedModule> Mod)
    : S(&S), Mod(std::move(Mod)) {}

Instance::~Instance() { std::free(Vmctx); }

static Extern externOf(const Instance &I, uint8_t Kind, uint32_t Index) {
  switch (Kind) {
  case W2N_EXTERN_FUNC:
    return Extern::func(I.func(Index));
  case W2N_EXTERN_TABLE:
    return Extern::table(I.table(Index));
  case W2N_EXTERN_MEMORY:
    return Extern::memory(I.memory(Index));
  default:
    return Extern::global(I.global(Index));
  }
}

std::optional<Extern> Instance::getExport(std::string_view Name) const {
  const w2n_module_descriptor &D = Mod->descriptor();
  for (uint32_t I = 0; I < D.num_exports; ++I)
    if (Name == exportName(D.exports[I]))
      return externOf(*this, D.exports[I].kind, D.exports[I].index);
  return std::nullopt;
}

Func *Instance::exportedFunc(std::string_view Name) const {
  std::optional<Extern> E = getExport(Name);
  return E && E->Kind == W2N_EXTERN_FUNC ? E->F : nullptr;
}

std::vector<std::pair<std::string, Extern>> Instance::exports() const {
  const w2n_module_descriptor &D = Mod->descriptor();
  std::vector<std::pair<std::string, Extern>> Out;
  for (uint32_t I = 0; I < D.num_exports; ++I)
    Out.emplace_back(std::string(exportName(D.exports[I])),
                     externOf(*this, D.exports[I].kind, D.exports[I].index));
  return Out;
}

int64_t Instance::fuel() const {
  int64_t F;
  std::memcpy(&F, Vmctx + W2N_VMCTX_FUEL, sizeof(F));
  return F;
}

void Instance::setFuel(int64_t Fuel) {
  storeField(Vmctx, W2N_VMCTX_FUEL, Fuel);
}

// ---- Store: objects -------------------------------------------------------

Store::Store(StoreConfig Config) : Config(Config) {}

Store::~Store() {
  // Instances and objects first: the modules' code and data go last.
  Instances.clear();
  Funcs.clear();
  HostFuncs.clear();
  Tables.clear();
  Memories.clear();
  Globals.clear();
  Modules.clear();
}

const FuncType &Store::funcType(const Func *F) const {
  return *Types.lookup(F->Ref.type_id);
}

Func *Store::createHostFunc(const FuncType &Type, HostCallback Callback,
                            void *Env) {
  auto H = std::make_unique<HostFunc>();
  H->Abi.callback = hostEntry;
  H->Abi.env = Env;
  H->Callback = Callback;
  auto F = std::make_unique<Func>();
  // Ref.code is a host trampoline for the type (abi.h), from the first
  // module of the store that has one: compiled code can call the function
  // only from a module that imports its type or calls it indirectly, and
  // the compiler emits the trampolines of those types, so the function has
  // code before it can be called, even if the embedder puts it in a table
  // without any module importing it.
  F->Ref.vmctx = &H->Abi;
  F->Ref.type_id = Types.intern(Type);
  F->Host = H.get();
  H->Function = F.get();
  bindHostCode(*F);
  HostFuncs.push_back(std::move(H));
  Funcs.push_back(std::move(F));
  return Funcs.back().get();
}

void Store::bindHostCode(Func &F) {
  if (F.Ref.code)
    return;
  auto It = HostCode.find(F.Ref.type_id);
  if (It != HostCode.end())
    F.Ref.code = It->second;
}

Memory *Store::createMemory(const w2n_limits &Type, std::string &Err) {
  std::unique_ptr<Memory> M = Memory::create(Type, Config.HostMemories, Err);
  if (!M)
    return nullptr;
  Memories.push_back(std::move(M));
  return Memories.back().get();
}

Table *Store::createTable(const w2n_table_type &Type, void *Init,
                          std::string &Err) {
  std::unique_ptr<Table> T = Table::create(Type, Init, Err);
  if (!T)
    return nullptr;
  Tables.push_back(std::move(T));
  return Tables.back().get();
}

Global *Store::createGlobal(w2n_global_type Type, w2n_val Value) {
  auto G = std::make_unique<Global>();
  G->Type = Type;
  G->Value = Value;
  Globals.push_back(std::move(G));
  return Globals.back().get();
}

// ---- Store: instantiation -------------------------------------------------

Error Store::matchImport(const w2n_import &Imp, const Extern &E,
                         const w2n_module_descriptor &D,
                         const std::vector<uint32_t> &TypeIds) const {
  std::string Where = "incompatible import type for " +
                      quoted(moduleName(Imp)) + " " + quoted(fieldName(Imp)) +
                      ": ";
  if (E.Kind != Imp.kind)
    return makeError(Error::Unlinkable, Where + "expected " +
                                            externKindName(Imp.kind) +
                                            ", got " + externKindName(E.Kind));
  switch (Imp.kind) {
  case W2N_EXTERN_FUNC: {
    uint32_t Expected = TypeIds[D.func_types[Imp.index]];
    if (E.F->Ref.type_id != Expected)
      return makeError(Error::Unlinkable, Where + "expected func " +
                                              Types.lookup(Expected)->str() +
                                              ", got func " +
                                              funcType(E.F).str());
    // A host function is called through the importer's trampoline for the
    // type; the compiler emits one for every imported type.
    if (E.F->Host && !E.F->Ref.code &&
        !D.host_trampolines[D.func_types[Imp.index]])
      return makeError(Error::Unlinkable,
                       Where + "the module has no host trampoline for it");
    return Error();
  }
  case W2N_EXTERN_TABLE: {
    const w2n_table_type &T = D.tables[Imp.index];
    if (E.T->elemType() != T.elem_type)
      return makeError(Error::Unlinkable,
                       Where + "expected table of " + valTypeName(T.elem_type) +
                           ", got table of " + valTypeName(E.T->elemType()));
    bool Want64 = T.limits.flags & W2N_LIMITS_I64;
    if (E.T->is64() != Want64)
      return makeError(Error::Unlinkable,
                       Where +
                           "incompatible import type: expected a table "
                           "of " +
                           (Want64 ? "i64" : "i32") + " indices, got " +
                           (E.T->is64() ? "i64" : "i32"));
    if (!limitsMatch(E.T->size(), E.T->maxSize(), T.limits))
      return makeError(Error::Unlinkable,
                       Where + "expected table limits " + limitsStr(T.limits) +
                           ", got " + limitsStr(E.T->size(), E.T->maxSize()));
    return Error();
  }
  case W2N_EXTERN_MEMORY: {
    const w2n_limits &L = D.memories[Imp.index];
    bool Want64 = L.flags & W2N_LIMITS_I64;
    if (E.M->is64() != Want64)
      return makeError(Error::Unlinkable,
                       Where +
                           "incompatible import type: expected a memory "
                           "of " +
                           (Want64 ? "i64" : "i32") + " addresses, got " +
                           (E.M->is64() ? "i64" : "i32"));
    if (!limitsMatch(E.M->pages(), E.M->maxPages(), L))
      return makeError(Error::Unlinkable,
                       Where + "expected memory limits " + limitsStr(L) +
                           ", got " + limitsStr(E.M->pages(), E.M->maxPages()));
    if (!(D.flags & W2N_FLAG_EXPLICIT_BOUNDS) &&
        (!E.M->isGuard() || E.M->guardBytes() < D.guard_bytes))
      return makeError(Error::Unlinkable,
                       Where +
                           "the module was compiled for guard-mode "
                           "bounds checks and the memory lacks a " +
                           std::to_string(D.guard_bytes) +
                           "-byte guard region");
    return Error();
  }
  default: {
    const w2n_global_type &G = D.globals[Imp.index].type;
    if (E.G->Type.type != G.type || E.G->Type.mutable_ != G.mutable_)
      return makeError(Error::Unlinkable,
                       Where + "expected global " + (G.mutable_ ? "mut " : "") +
                           valTypeName(G.type) + ", got global " +
                           (E.G->Type.mutable_ ? "mut " : "") +
                           valTypeName(E.G->Type.type));
    return Error();
  }
  }
}

w2n_val Store::evalConst(const w2n_const_expr &C, const Instance &I) const {
  w2n_val V;
  std::memset(&V, 0, sizeof(V));
  switch (C.kind) {
  case W2N_CONST_VALUE:
    V = C.value;
    if (C.type == W2N_I32 || C.type == W2N_F32)
      std::memset(V.v128 + 4, 0, 12);
    else if (C.type != W2N_V128)
      std::memset(V.v128 + 8, 0, 8);
    break;
  case W2N_CONST_REF_FUNC:
    V.ref = I.Funcs[C.index]->ref();
    break;
  case W2N_CONST_GLOBAL_GET:
    V = I.Globals[C.index]->Value;
    break;
  case W2N_CONST_SEQUENCE: {
    // checkDescriptor made sure that every step finds its operands. The
    // arithmetic is unsigned, so it wraps as wasm's does.
    const auto *Steps = static_cast<const w2n_const_expr *>(C.value.ref);
    std::vector<w2n_val> Stack;
    for (uint32_t K = 0; K < C.index; ++K) {
      const w2n_const_expr &S = Steps[K];
      if (S.kind == W2N_CONST_VALUE || S.kind == W2N_CONST_GLOBAL_GET) {
        Stack.push_back(evalConst(S, I));
        continue;
      }
      uint64_t B = Stack.back().i64, A = Stack[Stack.size() - 2].i64;
      Stack.pop_back();
      uint64_t R = S.kind == W2N_CONST_ADD   ? A + B
                   : S.kind == W2N_CONST_SUB ? A - B
                                             : A * B;
      w2n_val &Top = Stack.back();
      std::memset(&Top, 0, sizeof(Top));
      if (S.type == W2N_I32)
        Top.i32 = uint32_t(R);
      else
        Top.i64 = R;
    }
    V = Stack.back();
    break;
  }
  default: // W2N_CONST_REF_NULL
    break;
  }
  return V;
}

/// The offset of an active segment (an i32, or an i64 for memory64).
static uint64_t offsetValue(const w2n_const_expr &C, const w2n_val &V) {
  return C.type == W2N_I64 ? V.i64 : V.i32;
}

InstantiateResult Store::instantiate(std::shared_ptr<LoadedModule> Mod,
                                     const std::vector<Extern> &Imports) {
  InstantiateResult R;
  const w2n_module_descriptor &D = Mod->descriptor();
  if (Imports.size() != D.num_imports) {
    R.Err = makeError(Error::Unlinkable,
                      "the module has " + std::to_string(D.num_imports) +
                          " imports, but " + std::to_string(Imports.size()) +
                          " were given");
    return R;
  }

  // Imports.
  std::vector<uint32_t> TypeIds(D.num_types);
  for (uint32_t T = 0; T < D.num_types; ++T)
    TypeIds[T] = Types.intern(D.types[T]);
  for (uint32_t I = 0; I < D.num_imports; ++I) {
    R.Err = matchImport(D.imports[I], Imports[I], D, TypeIds);
    if (R.Err)
      return R;
  }

  // From here on host functions may run the module's trampolines, so the
  // store keeps it loaded.
  if (std::find(Modules.begin(), Modules.end(), Mod) == Modules.end())
    Modules.push_back(Mod);
  for (uint32_t T = 0; T < D.num_types; ++T)
    if (D.host_trampolines[T])
      HostCode.try_emplace(TypeIds[T], D.host_trampolines[T]);
  for (const std::unique_ptr<HostFunc> &H : HostFuncs)
    bindHostCode(*H->Function);

  refreshStackLimit();
  std::unique_ptr<Instance> Inst(new Instance(*this, Mod));
  Instance &I = *Inst;
  I.TypeIds = std::move(TypeIds);
  I.Funcs.resize(D.num_funcs);
  I.Tables.resize(D.num_tables);
  I.Globals.resize(D.num_globals);
  I.Mems.resize(D.num_memories);
  for (uint32_t K = 0; K < D.num_imports; ++K) {
    const w2n_import &Imp = D.imports[K];
    const Extern &E = Imports[K];
    switch (Imp.kind) {
    case W2N_EXTERN_FUNC:
      if (E.F->Host && !E.F->Ref.code)
        E.F->Ref.code = D.host_trampolines[D.func_types[Imp.index]];
      I.Funcs[Imp.index] = E.F;
      break;
    case W2N_EXTERN_TABLE:
      I.Tables[Imp.index] = E.T;
      break;
    case W2N_EXTERN_MEMORY:
      I.Mems[Imp.index] = E.M;
      break;
    default:
      I.Globals[Imp.index] = E.G;
      break;
    }
  }

  const w2n_vmctx_layout &L = D.vmctx_layout;
  I.Vmctx = static_cast<char *>(
      std::calloc(1, std::max<uint32_t>(L.size, W2N_VMCTX_HEADER_SIZE)));
  if (!I.Vmctx) {
    R.Err = makeError(Error::Resource, "out of memory allocating a vmctx");
    return R;
  }

  // Allocation: functions, tables, memory, globals.
  for (uint32_t F = D.num_imported_funcs; F < D.num_funcs; ++F) {
    auto Fn = std::make_unique<Func>();
    uint32_t Type = D.func_types[F];
    Fn->Ref.code = D.func_code[F - D.num_imported_funcs];
    Fn->Ref.vmctx = I.Vmctx;
    Fn->Ref.type_id = I.TypeIds[Type];
    Fn->Invoke = D.invoke[Type];
    Fn->Module = Mod.get();
    Fn->Index = F;
    I.Funcs[F] = Fn.get();
    Funcs.push_back(std::move(Fn));
  }
  std::string Why;
  for (uint32_t T = D.num_imported_tables; T < D.num_tables; ++T) {
    std::unique_ptr<Table> Tab =
        Table::create(D.tables[T], nullptr, Why, Config.MaxTableElements);
    if (!Tab) {
      R.Err = makeError(Error::Resource, Why);
      return R;
    }
    I.Tables[T] = Tab.get();
    Tables.push_back(std::move(Tab));
  }
  for (uint32_t K = D.num_imported_memories; K < D.num_memories; ++K) {
    MemoryOptions Opts;
    Opts.Guard = !(D.flags & W2N_FLAG_EXPLICIT_BOUNDS);
    Opts.GuardBytes = D.guard_bytes;
    Opts.MaxPages = Config.MaxMemoryPages;
    std::unique_ptr<Memory> M = Memory::create(D.memories[K], Opts, Why);
    if (!M) {
      R.Err = makeError(Error::Resource, Why);
      return R;
    }
    I.Mems[K] = M.get();
    Memories.push_back(std::move(M));
  }
  for (uint32_t G = D.num_imported_globals; G < D.num_globals; ++G) {
    auto Glob = std::make_unique<Global>();
    Glob->Type = D.globals[G].type;
    Glob->Value = evalConst(D.globals[G].init, I);
    I.Globals[G] = Glob.get();
    Globals.push_back(std::move(Glob));
  }

  // The vmctx, as abi.h lays it out.
  char *V = I.Vmctx;
  storeField(V, W2N_VMCTX_MEMORY, I.Mems.empty() ? nullptr : I.Mems[0]->abi());
  storeField(V, W2N_VMCTX_STACK_LIMIT, StackLimit);
  storeField(V, W2N_VMCTX_RUNTIME, &detail::RuntimeFnsTable);
  storeField(V, W2N_VMCTX_INSTANCE, &I);
  storeField(V, W2N_VMCTX_FUEL, Config.Fuel);
  storeField(V, W2N_VMCTX_EPOCH_DEADLINE, EpochDeadline);
  static_assert(sizeof(std::atomic<uint64_t>) == sizeof(uint64_t) &&
                    std::atomic<uint64_t>::is_always_lock_free,
                "compiled code reads the epoch as a plain uint64_t");
  storeField(V, W2N_VMCTX_EPOCH_COUNTER,
             reinterpret_cast<const uint64_t *>(&Epoch));
  for (uint32_t G = 0; G < D.num_globals; ++G)
    storeField(V, L.globals_offset + 8 * G, &I.Globals[G]->Value);
  for (uint32_t T = 0; T < D.num_tables; ++T)
    storeField(V, L.tables_offset + 8 * T, I.Tables[T]->abi());
  for (uint32_t K = 0; K < D.num_memories; ++K)
    storeField(V, L.memories_offset + 8 * K, I.Mems[K]->abi());
  for (uint32_t F = 0; F < D.num_funcs; ++F)
    storeField(V, L.funcs_offset + 8 * F, I.Funcs[F]->ref());
  for (uint32_t T = 0; T < D.num_types; ++T)
    storeField(V, L.type_ids_offset + 4 * T, I.TypeIds[T]);

  // Element segments are evaluated at instantiation; data segments are
  // read from the module.
  I.ElemSegments.resize(D.num_elem_segments);
  for (uint32_t S = 0; S < D.num_elem_segments; ++S) {
    const w2n_elem_segment &Seg = D.elem_segments[S];
    I.ElemSegments[S].reserve(Seg.num_items);
    for (uint32_t K = 0; K < Seg.num_items; ++K)
      I.ElemSegments[S].push_back(evalConst(Seg.items[K], I).ref);
  }
  I.DataDropped.assign(D.num_data_segments, false);

  // From here on the instance's functions may be reachable from other
  // instances (through imported tables), even if initialisation traps, so
  // the store keeps it (and its module, above).
  Instances.push_back(std::move(Inst));
  R.Err = initialize(I);
  if (!R.Err)
    R.Inst = &I;
  return R;
}

Error Store::initialize(Instance &I) {
  const w2n_module_descriptor &D = I.Mod->descriptor();
  auto Trapped = [](uint32_t Kind) {
    Error E = makeError(Error::Uninstantiable, trapMessage(Kind));
    E.TrapInfo.Kind = Kind;
    E.TrapInfo.Message = trapMessage(Kind);
    return E;
  };
  for (uint32_t S = 0; S < D.num_elem_segments; ++S) {
    const w2n_elem_segment &Seg = D.elem_segments[S];
    std::vector<void *> &Items = I.ElemSegments[S];
    if (Seg.mode == W2N_SEGMENT_ACTIVE) {
      uint64_t Offset = offsetValue(Seg.offset, evalConst(Seg.offset, I));
      if (uint32_t K = I.Tables[Seg.table_index]->init(
              Offset, Items.data(), Items.size(), 0, Items.size()))
        return Trapped(K);
    }
    if (Seg.mode != W2N_SEGMENT_PASSIVE)
      std::vector<void *>().swap(Items); // elem.drop
  }
  for (uint32_t S = 0; S < D.num_data_segments; ++S) {
    const w2n_data_segment &Seg = D.data_segments[S];
    if (Seg.mode != W2N_SEGMENT_ACTIVE)
      continue;
    uint64_t Offset = offsetValue(Seg.offset, evalConst(Seg.offset, I));
    if (uint32_t K = I.Mems[Seg.memory_index]->init(Offset, Seg.bytes, Seg.size,
                                                    0, Seg.size))
      return Trapped(K);
    I.DataDropped[S] = true; // data.drop
  }
  if (D.has_start) {
    Trap T = call(I.Funcs[D.start_func], nullptr, 0, nullptr, 0);
    if (T) {
      Error E = makeError(Error::Uninstantiable, T.Message);
      E.TrapInfo = std::move(T);
      return E;
    }
  }
  return Error();
}

// ---- Store: fuel and epochs -----------------------------------------------

void Store::setFuel(int64_t Fuel) {
  Config.Fuel = Fuel;
  for (const std::unique_ptr<Instance> &I : Instances)
    I->setFuel(Fuel);
}

void Store::setEpochDeadline(uint64_t Ticks) {
  uint64_t Now = epoch();
  EpochDeadline = Ticks > UINT64_MAX - Now ? UINT64_MAX : Now + Ticks;
  for (const std::unique_ptr<Instance> &I : Instances)
    storeField(I->Vmctx, W2N_VMCTX_EPOCH_DEADLINE, EpochDeadline);
}

// ---- Store: calls ---------------------------------------------------------

void Store::refreshStackLimit() {
  if (StackLimit && detail::guardedDepth() != 0)
    return; // a nested call keeps the limit of the outermost one
  uintptr_t Sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  Sp &= ~(StackLimitGranule - 1);
  uintptr_t Limit = Sp > Config.MaxWasmStack ? Sp - Config.MaxWasmStack : 0;
  if (uintptr_t Low = detail::threadStackLow())
    Limit = std::max(Limit, Low + StackMargin);
  void *NewLimit = reinterpret_cast<void *>(Limit);
  if (NewLimit == StackLimit)
    return;
  StackLimit = NewLimit;
  for (const std::unique_ptr<Instance> &I : Instances)
    storeField(I->Vmctx, W2N_VMCTX_STACK_LIMIT, StackLimit);
}

std::string Store::functionName(const LoadedModule &M, uint32_t Index) {
  if (Index >= M.descriptor().num_funcs)
    return "";
  if (const char *Name = M.functionName(Index))
    return Name;
  return "func[" + std::to_string(Index) + "]";
}

const LoadedModule *Store::moduleAt(uintptr_t Pc) const {
  for (const std::shared_ptr<LoadedModule> &M : Modules)
    if (M->containsCode(Pc))
      return M.get();
  return nullptr;
}

std::string Store::functionNameAt(uintptr_t Pc) const {
  const LoadedModule *M = Pc ? moduleAt(Pc) : nullptr;
  if (!M)
    return "";
  if (std::optional<uint32_t> Index = M->functionAt(Pc))
    return functionName(*M, *Index);
  return "";
}

Trap Store::callUnchecked(Func *F, w2n_val *Slots) {
  CallArgs Args = {F, Slots};
  return callGuarded(callThunk, &Args);
}

Trap Store::callGuarded(void (*Fn)(void *), void *Arg) {
  refreshStackLimit();
  detail::RawTrap Raw;
  if (!detail::runGuarded(Fn, Arg, Raw))
    return Trap();
  Trap T;
  T.Kind = Raw.Kind;
  T.Message = Raw.Kind == W2N_TRAP_HOST ? Raw.HostMessage
                                        : std::string(trapMessage(Raw.Kind));
  T.Function =
      Raw.Function.empty() ? functionNameAt(Raw.Pc) : std::move(Raw.Function);
  nameFrames(Raw, T);
  return T;
}

Trap Store::call(Func *F, const w2n_val *Args, size_t NumArgs, w2n_val *Results,
                 size_t NumResults) {
  const FuncType &Type = funcType(F);
  if (NumArgs != Type.Params.size() || NumResults != Type.Results.size()) {
    Trap T;
    T.Kind = W2N_TRAP_HOST;
    T.Message = "wrong number of arguments or results for a function of "
                "type " +
                Type.str();
    return T;
  }
  constexpr size_t InlineSlots = 16;
  size_t N = std::max<size_t>({NumArgs, NumResults, 1});
  w2n_val Inline[InlineSlots];
  std::vector<w2n_val> Heap;
  w2n_val *Slots = Inline;
  if (N > InlineSlots) {
    Heap.resize(N);
    Slots = Heap.data();
  }
  std::memset(Slots, 0, N * sizeof(w2n_val));
  if (NumArgs)
    std::memcpy(Slots, Args, NumArgs * sizeof(w2n_val));
  Trap T = callUnchecked(F, Slots);
  if (!T && NumResults)
    std::memcpy(Results, Slots, NumResults * sizeof(w2n_val));
  return T;
}

Trap Store::call(Func *F, const std::vector<w2n_val> &Args,
                 std::vector<w2n_val> &Results) {
  Results.resize(funcType(F).Results.size());
  return call(F, Args.data(), Args.size(), Results.data(), Results.size());
}

// ---- Linker ---------------------------------------------------------------

void Linker::define(const std::string &Module, const std::string &Name,
                    const Extern &E) {
  Defs[{Module, Name}] = E;
}

void Linker::defineInstance(const std::string &Module, const Instance &I) {
  for (const auto &[Name, E] : I.exports())
    define(Module, Name, E);
}

std::optional<Extern> Linker::lookup(const std::string &Module,
                                     const std::string &Name) const {
  auto It = Defs.find({Module, Name});
  if (It == Defs.end())
    return std::nullopt;
  return It->second;
}

InstantiateResult Linker::instantiate(Store &S,
                                      std::shared_ptr<LoadedModule> Mod) const {
  const w2n_module_descriptor &D = Mod->descriptor();
  std::vector<Extern> Imports;
  for (uint32_t I = 0; I < D.num_imports; ++I) {
    std::string Module(moduleName(D.imports[I]));
    std::string Name(fieldName(D.imports[I]));
    std::optional<Extern> E = lookup(Module, Name);
    if (!E) {
      InstantiateResult R;
      R.Err = makeError(Error::Unlinkable, "unknown import: " + quoted(Module) +
                                               " " + quoted(Name));
      return R;
    }
    Imports.push_back(*E);
  }
  return S.instantiate(std::move(Mod), Imports);
}

} // namespace w2n::rt
