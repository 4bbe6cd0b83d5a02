//===- objects.h - Memories, tables, globals and functions ------*- C++ -*-===//
///
/// \file
/// The run-time objects of a store. Each begins with the abi.h struct that
/// compiled code reads, so a pointer to the object is also a pointer to
/// that struct (checked by static_asserts in the sources).
///
/// The bulk operations return W2N_TRAP_NONE or the trap kind to raise;
/// they check the whole range in 64-bit arithmetic before writing anything,
/// as the spec requires.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_OBJECTS_H
#define WASM2NATIVE_RUNTIME_OBJECTS_H

#include "wasm2native/abi.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace w2n::rt {

class LoadedModule;

/// How a memory's address space is reserved.
///
/// Guard (for modules compiled without W2N_FLAG_EXPLICIT_BOUNDS): 4 GiB
/// plus GuardBytes are reserved inaccessible and the current size is made
/// readable and writable, so any 32-bit address plus offset either hits the
/// memory or faults in the reservation. Explicit: the declared maximum (4
/// GiB without one) is reserved with no guard; compiled code compares every
/// access with the size. In both modes the base never moves.
struct MemoryOptions {
  bool Guard = true;
  /// Guard mode: bytes reserved past 4 GiB. The default, 4 GiB + 64 KiB,
  /// covers every `addr + offset + size` of a 32-bit memory (at most
  /// 2^33 - 2 + 16) and is what the compiler's targets/ table asks for; a
  /// guard-mode module refuses to import a memory with less.
  uint64_t GuardBytes = (uint64_t(4) << 30) + 65536;
  /// The embedder's cap on the memory's size in pages, below the declared
  /// maximum (embedding API limits): growth past it fails, and creating a
  /// memory whose minimum exceeds it fails.
  uint64_t MaxPages = 65536;
};

class Memory {
public:
  /// Creates a memory of Type's minimum size; null (and Err) on failure,
  /// e.g. when the address space cannot be reserved.
  static std::unique_ptr<Memory>
  create(const w2n_limits &Type, const MemoryOptions &Opts, std::string &Err);
  ~Memory();
  Memory(const Memory &) = delete;
  Memory &operator=(const Memory &) = delete;

  w2n_memory *abi() { return &Abi; }
  uint8_t *data() const { return Abi.base; }
  uint64_t sizeBytes() const { return Abi.size_bytes; }
  uint64_t pages() const { return Abi.size_bytes / W2N_WASM_PAGE_SIZE; }
  /// The declared maximum, if any.
  std::optional<uint64_t> maxPages() const { return DeclaredMax; }
  bool isGuard() const { return Guard; }
  uint64_t guardBytes() const { return GuardBytes; }
  uint64_t reservedBytes() const { return ReservedBytes; }
  /// Whether the address type is i64 (memory64, W2N_LIMITS_I64).
  bool is64() const { return Is64; }

  /// memory.grow: the old size in pages, or UINT32_MAX (memory unchanged)
  /// when the new size would pass the maximum or cannot be committed.
  uint32_t grow(uint64_t DeltaPages);

  uint32_t fill(uint64_t Dst, uint8_t Value, uint64_t Len);
  uint32_t copy(uint64_t Dst, uint64_t Src, uint64_t Len);
  /// memory.init from Bytes[0..Size).
  uint32_t init(uint64_t Dst, const uint8_t *Bytes, uint64_t Size, uint64_t Src,
                uint64_t Len);

private:
  Memory() = default;

  w2n_memory Abi = {nullptr, 0}; // must stay first
  uint8_t *Reservation = nullptr;
  uint64_t ReservedBytes = 0;
  uint64_t LimitPages = 0; // min(declared max, 65536)
  std::optional<uint64_t> DeclaredMax;
  bool Guard = false;
  uint64_t GuardBytes = 0;
  bool Is64 = false;
};

class Table {
public:
  /// More elements than this are refused (table.grow returns -1, creation
  /// fails), as wasmtime does, so a runaway grow cannot exhaust memory.
  static constexpr uint64_t MaxElements = 10000000;

  /// Creates a table of Type's minimum size with every element Init.
  /// Limit is the embedder's cap on the number of elements (at most
  /// MaxElements): growth past it fails, and so does creation when the
  /// minimum exceeds it.
  static std::unique_ptr<Table> create(const w2n_table_type &Type, void *Init,
                                       std::string &Err,
                                       uint64_t Limit = MaxElements);
  ~Table();
  Table(const Table &) = delete;
  Table &operator=(const Table &) = delete;

  w2n_table *abi() { return &Abi; }
  uint32_t size() const { return Abi.size; }
  std::optional<uint64_t> maxSize() const { return DeclaredMax; }
  uint8_t elemType() const { return ElemType; }
  /// Whether the index type is i64 (table64, W2N_LIMITS_I64).
  bool is64() const { return Is64; }
  void *const *elems() const { return Abi.elems; }

  /// table.get / table.set; false when I is out of bounds.
  bool get(uint64_t I, void *&Out) const;
  bool set(uint64_t I, void *Ref);
  /// table.grow: the old size, or UINT32_MAX (table unchanged).
  uint32_t grow(uint64_t Delta, void *Init);
  uint32_t fill(uint64_t Dst, void *Ref, uint64_t Len);
  /// table.copy from Src (which may be this table) into this table.
  uint32_t copyFrom(const Table &Src, uint64_t Dst, uint64_t SrcIdx,
                    uint64_t Len);
  /// table.init from the references Items[0..Size).
  uint32_t init(uint64_t Dst, void *const *Items, uint64_t Size, uint64_t Src,
                uint64_t Len);

private:
  Table() = default;

  w2n_table Abi = {nullptr, 0, UINT32_MAX}; // must stay first
  uint8_t ElemType = W2N_FUNCREF;
  bool Is64 = false;
  std::optional<uint64_t> DeclaredMax;
  uint64_t Limit = MaxElements;
};

/// A global's storage: compiled code reads and writes Value.
struct Global {
  w2n_val Value; // must stay first
  w2n_global_type Type;
};

struct HostFunc;

/// A function instance. Its address is the funcref value of the function:
/// tables and funcs[] of every vmctx point at Ref.
struct Func {
  w2n_funcref Ref; // must stay first
  /// Wasm functions: the generic entry of the owning module for the type.
  w2n_invoke_fn Invoke = nullptr;
  /// Host functions: the callback.
  HostFunc *Host = nullptr;
  /// Wasm functions: the owning module and the function index in it.
  const LoadedModule *Module = nullptr;
  uint32_t Index = 0;

  /// The Func whose funcref value is Ref (a non-null funcref value made by
  /// this runtime).
  static Func *fromRef(void *Ref) { return static_cast<Func *>(Ref); }
  w2n_funcref *ref() { return &Ref; }
};

/// A host function's implementation: it reads its arguments from
/// Slots[0..num_params) and writes its results to Slots[0..num_results).
/// It may call raiseTrap()/raiseHostTrap() to trap.
using HostCallback = void (*)(void *Env, w2n_val *Slots);

struct HostFunc {
  w2n_host_func Abi; // must stay first: trampolines load Abi.callback
  HostCallback Callback = nullptr;
  Func *Function = nullptr; // its function instance
};

/// An extern value: what an instance exports and another imports.
struct Extern {
  uint8_t Kind = W2N_EXTERN_FUNC; // w2n_extern_kind
  Func *F = nullptr;
  Table *T = nullptr;
  Memory *M = nullptr;
  Global *G = nullptr;

  static Extern func(Func *F) {
    Extern E;
    E.Kind = W2N_EXTERN_FUNC;
    E.F = F;
    return E;
  }
  static Extern table(Table *T) {
    Extern E;
    E.Kind = W2N_EXTERN_TABLE;
    E.T = T;
    return E;
  }
  static Extern memory(Memory *M) {
    Extern E;
    E.Kind = W2N_EXTERN_MEMORY;
    E.M = M;
    return E;
  }
  static Extern global(Global *G) {
    Extern E;
    E.Kind = W2N_EXTERN_GLOBAL;
    E.G = G;
    return E;
  }
};

} // namespace w2n::rt

#endif // WASM2NATIVE_RUNTIME_OBJECTS_H
