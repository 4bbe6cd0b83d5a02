//===- runtime.h - Stores, instances and calls into wasm --------*- C++ -*-===//
///
/// \file
/// The embedding API of runtime-support:
///
/// \code
///   std::string Err;
///   auto Mod = rt::LoadedModule::load("fac.so", Err);
///   rt::Store S;
///   rt::Linker L;                      // imports by (module, name)
///   rt::InstantiateResult R = L.instantiate(S, Mod);
///   rt::Func *Fac = R.Inst->exportedFunc("fac");
///   w2n_val Arg, Res;
///   Arg.i64 = 20;
///   rt::Trap T = S.call(Fac, &Arg, 1, &Res, 1);
/// \endcode
///
/// A Store owns everything it creates (instances, functions, memories,
/// tables, globals) until it is destroyed, including the objects of an
/// instantiation that trapped half-way: the spec lets those stay reachable
/// through imported tables. A store is used by one thread at a time.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_RUNTIME_H
#define WASM2NATIVE_RUNTIME_RUNTIME_H

#include "wasm2native/abi.h"
#include "wasm2native/module.h"
#include "wasm2native/objects.h"
#include "wasm2native/traps.h"
#include "wasm2native/types.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace w2n::rt {

namespace detail {
struct RawTrap;
} // namespace detail

struct StoreConfig {
  /// The most native stack that wasm may use below the host frame that
  /// calls into it. Deeper recursion traps with "call stack exhausted".
  size_t MaxWasmStack = size_t(4) << 20;
  /// How memories created by the host (createMemory) are reserved. Only
  /// guard-mode memories can be imported by guard-mode modules.
  MemoryOptions HostMemories;
  /// Caps on the memories and tables that instances define (embedding API
  /// limits), below their declared maximums: growing past them fails, and
  /// a module whose minimum exceeds them fails to instantiate (Resource).
  uint64_t MaxMemoryPages = 65536;
  uint64_t MaxTableElements = Table::MaxElements;
  /// Modules compiled with --fuel: the fuel each new instance starts with.
  /// Fuel is counted per instance (in its vmctx); compiled code traps
  /// "all fuel consumed" when its instance's fuel drops below zero.
  int64_t Fuel = INT64_MAX;
};

/// Why an instantiation failed.
struct Error {
  enum Kind {
    None,
    /// An import is missing or has the wrong type (spec: "unlinkable").
    Unlinkable,
    /// A segment was out of bounds or the start function trapped (spec:
    /// "uninstantiable"); TrapInfo holds the trap.
    Uninstantiable,
    /// The runtime could not allocate something (address space, memory).
    Resource,
  };
  Kind K = None;
  std::string Message;
  Trap TrapInfo;

  explicit operator bool() const { return K != None; }
};

class Store;

class Instance {
public:
  Instance(const Instance &) = delete;
  Instance &operator=(const Instance &) = delete;
  ~Instance();

  const LoadedModule &module() const { return *Mod; }
  w2n_vmctx *vmctx() const { return reinterpret_cast<w2n_vmctx *>(Vmctx); }
  /// The name that trap backtraces give this instance's frames when a
  /// store holds several instances (`run` uses the --preload NAME); empty
  /// until set: then the name section's module name or the file's.
  const std::string &name() const { return Name; }
  void setName(std::string N) { Name = std::move(N); }
  Store &store() const { return *S; }

  /// The export named Name, if any.
  std::optional<Extern> getExport(std::string_view Name) const;
  /// getExport(Name) if it is a function, else null.
  Func *exportedFunc(std::string_view Name) const;
  /// All exports, in the module's order.
  std::vector<std::pair<std::string, Extern>> exports() const;

  /// compile --fuel: this instance's remaining fuel.
  int64_t fuel() const;
  void setFuel(int64_t Fuel);

  Func *func(uint32_t I) const { return Funcs[I]; }
  Table *table(uint32_t I) const { return Tables[I]; }
  /// Memory 0, the one WASI and the C API use (null if none).
  Memory *memory() const { return Mems.empty() ? nullptr : Mems[0]; }
  Memory *memory(uint32_t I) const { return Mems[I]; }
  Global *global(uint32_t I) const { return Globals[I]; }

private:
  friend class Store;
  friend struct RuntimeFns;
  Instance(Store &S, std::shared_ptr<LoadedModule> Mod);

  Store *S;
  std::shared_ptr<LoadedModule> Mod;
  std::string Name;
  char *Vmctx = nullptr;
  std::vector<Func *> Funcs;
  std::vector<Table *> Tables;
  std::vector<Memory *> Mems;
  std::vector<Global *> Globals;
  std::vector<uint32_t> TypeIds; // canonical id of each module type
  /// The references of each element segment; emptied by elem.drop.
  std::vector<std::vector<void *>> ElemSegments;
  /// Whether each data segment has been dropped.
  std::vector<bool> DataDropped;
};

struct InstantiateResult {
  Instance *Inst = nullptr; // owned by the store; null on failure
  Error Err;
};

class Store {
public:
  explicit Store(StoreConfig Config = StoreConfig());
  ~Store();
  Store(const Store &) = delete;
  Store &operator=(const Store &) = delete;

  const StoreConfig &config() const { return Config; }
  TypeRegistry &types() { return Types; }

  /// Instantiates Mod with Imports (one per import of the module, in
  /// order), following the spec: match imports, allocate, run the active
  /// element and data segments, then the start function.
  InstantiateResult instantiate(std::shared_ptr<LoadedModule> Mod,
                                const std::vector<Extern> &Imports);

  /// Calls F with Args (its parameters) and stores its results in Results.
  /// Returns the trap if the call trapped (Results are then unspecified).
  Trap call(Func *F, const w2n_val *Args, size_t NumArgs, w2n_val *Results,
            size_t NumResults);
  Trap call(Func *F, const std::vector<w2n_val> &Args,
            std::vector<w2n_val> &Results);

  /// F's type (F must belong to this store).
  const FuncType &funcType(const Func *F) const;

  /// Runs Fn(Arg) as a call into wasm from this thread: Fn may call the
  /// native code of this store's functions (Func::Ref) directly, and a trap
  /// in them ends Fn and is returned. Nothing in Fn's frame is cleaned up
  /// when it traps. This is how typed calls skip the generic slots
  /// (wasm2native_instance_call_native).
  Trap callGuarded(void (*Fn)(void *), void *Arg);

  Func *createHostFunc(const FuncType &Type, HostCallback Callback, void *Env);
  /// Null (and Err) on failure.
  Memory *createMemory(const w2n_limits &Type, std::string &Err);
  Table *createTable(const w2n_table_type &Type, void *Init, std::string &Err);
  Global *createGlobal(w2n_global_type Type, w2n_val Value);

  /// The current stack limit that compiled prologues compare against.
  void *stackLimit() const { return StackLimit; }

  /// compile --fuel: sets the fuel of every instance, and of later ones.
  void setFuel(int64_t Fuel);

  /// compile --epoch: the store's epoch counter. incrementEpoch may be
  /// called from any thread (a timer, a watchdog).
  uint64_t epoch() const { return Epoch.load(std::memory_order_relaxed); }
  void incrementEpoch() { Epoch.fetch_add(1, std::memory_order_relaxed); }
  /// Code compiled with --epoch calls the epoch callback (or traps
  /// "interrupted" if there is none) once the epoch reaches the current one
  /// plus Ticks. The default deadline is never.
  void setEpochDeadline(uint64_t Ticks);
  /// Called when the deadline is reached; returns the ticks by which to
  /// extend it and go on, or 0 to trap "interrupted".
  using EpochCallback = uint64_t (*)(void *Env, Store &S);
  void setEpochCallback(EpochCallback Callback, void *Env) {
    EpochCb = Callback;
    EpochEnv = Env;
  }

private:
  friend struct RuntimeFns;

  Error matchImport(const w2n_import &Imp, const Extern &E,
                    const w2n_module_descriptor &D,
                    const std::vector<uint32_t> &TypeIds) const;
  w2n_val evalConst(const w2n_const_expr &C, const Instance &I) const;
  Error initialize(Instance &I);
  /// Sets the stack limit for a call from this thread if it is the
  /// outermost call into wasm.
  void refreshStackLimit();
  Trap callUnchecked(Func *F, w2n_val *Slots);
  /// Gives host function F the store's host trampoline for its type, if it
  /// has no code yet and a module of the store has one (HostCode).
  void bindHostCode(Func &F);
  /// The module whose code contains Pc, if any.
  const LoadedModule *moduleAt(uintptr_t Pc) const;
  /// The name of the wasm function whose code contains Pc; empty if
  /// none (a trampoline, the runtime).
  std::string functionNameAt(uintptr_t Pc) const;
  /// What backtraces call M's frames when the store holds several
  /// instances.
  std::string moduleLabel(const LoadedModule &M) const;
  /// Names and folds the frames of a trap into T.Backtrace.
  void nameFrames(const detail::RawTrap &Raw, Trap &T) const;
  /// Function Index of M: its name, "func[Index]" if unnamed.
  static std::string functionName(const LoadedModule &M, uint32_t Index);

  StoreConfig Config;
  TypeRegistry Types;
  std::vector<std::unique_ptr<Instance>> Instances;
  std::vector<std::unique_ptr<Func>> Funcs;
  std::vector<std::unique_ptr<HostFunc>> HostFuncs;
  std::vector<std::unique_ptr<Memory>> Memories;
  std::vector<std::unique_ptr<Table>> Tables;
  std::vector<std::unique_ptr<Global>> Globals;
  std::vector<std::shared_ptr<LoadedModule>> Modules;
  /// Canonical type id -> a host trampoline of that type (from a module in
  /// Modules), for host functions that get into tables without an import.
  std::unordered_map<uint32_t, void *> HostCode;
  void *StackLimit = nullptr;
  std::atomic<uint64_t> Epoch{0};
  uint64_t EpochDeadline = UINT64_MAX;
  EpochCallback EpochCb = nullptr;
  void *EpochEnv = nullptr;
};

/// Resolves imports by (module name, field name).
class Linker {
public:
  void define(const std::string &Module, const std::string &Name,
              const Extern &E);
  /// Defines every export of I under Module (the spec's `register`).
  void defineInstance(const std::string &Module, const Instance &I);
  std::optional<Extern> lookup(const std::string &Module,
                               const std::string &Name) const;

  /// Resolves Mod's imports (an unknown one fails as Unlinkable, "unknown
  /// import") and instantiates it in S.
  InstantiateResult instantiate(Store &S,
                                std::shared_ptr<LoadedModule> Mod) const;

private:
  std::map<std::pair<std::string, std::string>, Extern> Defs;
};

} // namespace w2n::rt

#endif // WASM2NATIVE_RUNTIME_RUNTIME_H
