//===- module.h - A compiled module loaded into the process -----*- C++ -*-===//
///
/// \file
/// LoadedModule dlopens a shared object written by the compiler, finds its
/// module descriptor (abi.h), checks that the runtime understands it (ABI
/// version, flags, target, internal consistency) and registers the range of
/// its executable code with the signal handlers, so that faults there
/// become traps. Unloading unregisters the code and dlcloses the object.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_MODULE_H
#define WASM2NATIVE_RUNTIME_MODULE_H

#include "wasm2native/abi.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace w2n::rt {

class LoadedModule {
public:
  /// Loads the compiled module at Path. On failure returns null and sets
  /// Err to a message such as "abi version 2, expected 1".
  static std::shared_ptr<LoadedModule> load(const std::string &Path,
                                            std::string &Err);
  /// Wraps a descriptor that lives in this process rather than in a loaded
  /// object (tests, embedders that link modules statically). Its code, if
  /// any, is not registered with the signal handlers.
  static std::shared_ptr<LoadedModule>
  fromDescriptor(const w2n_module_descriptor *Desc, std::string &Err);
  /// Wraps a module linked into the program (`compile --emit=obj
  /// --module-name`), whose code is exactly [CodeBegin, CodeEnd): that range
  /// is registered with the signal handlers, so that faults in it become
  /// traps as in a loaded object, and every function must lie inside it.
  static std::shared_ptr<LoadedModule>
  fromLinkedCode(const w2n_module_descriptor *Desc, uintptr_t CodeBegin,
                 uintptr_t CodeEnd, std::string &Err);

  ~LoadedModule();
  LoadedModule(const LoadedModule &) = delete;
  LoadedModule &operator=(const LoadedModule &) = delete;

  const w2n_module_descriptor &descriptor() const { return *Desc; }
  const std::string &path() const { return Path; }
  bool explicitBounds() const {
    return (Desc->flags & W2N_FLAG_EXPLICIT_BOUNDS) != 0;
  }

  /// Whether Pc is in this module's executable code.
  bool containsCode(uintptr_t Pc) const;
  /// The defined function whose code contains Pc, if any: exact by the
  /// ELF symbol table of the loaded file (read on first use; a pc in a
  /// trampoline is in no function), else the nearest function entry that
  /// the descriptor lists at or below Pc.
  std::optional<uint32_t> functionAt(uintptr_t Pc) const;
  /// Function Index's name from the name section, or null.
  const char *functionName(uint32_t Index) const;

private:
  LoadedModule() = default;

  const w2n_module_descriptor *Desc = nullptr;
  void *Handle = nullptr;
  std::string Path;
  std::vector<std::pair<uintptr_t, uintptr_t>> Text; // [lo, hi) ranges
  std::vector<int> TextSlots; // registrations with the signal handlers
  std::vector<std::pair<uintptr_t, uint32_t>> Entries; // sorted (code, index)
  uintptr_t LoadBias = 0; // where the object was mapped (dlpi_addr)

  struct Symbol {
    uintptr_t Lo, Hi;
    uint32_t Index;
  };
  void readSymbols() const;
  mutable std::once_flag SymbolsOnce;
  mutable std::vector<Symbol> Symbols; // the wasm functions, sorted by Lo
};

/// Checks that the runtime can instantiate Desc; returns an empty string
/// if so, else the reason.
std::string checkDescriptor(const w2n_module_descriptor &Desc);

} // namespace w2n::rt

#endif // WASM2NATIVE_RUNTIME_MODULE_H
