//===- types.h - Function types and import matching -------------*- C++ -*-===//
///
/// \file
/// Function types in the runtime's own form, the store's canonical type
/// registry (equal types get equal ids, whichever module declares them; the
/// ids are what call_indirect compares) and the import-matching rules of
/// WebAssembly 2.0 ("Import Subtyping": limits, element types, mutability).
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_TYPES_H
#define WASM2NATIVE_RUNTIME_TYPES_H

#include "wasm2native/abi.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace w2n::rt {

/// A function type; value types use their binary encodings (w2n_valtype).
struct FuncType {
  std::vector<uint8_t> Params;
  std::vector<uint8_t> Results;

  FuncType() = default;
  FuncType(std::vector<uint8_t> Params, std::vector<uint8_t> Results)
      : Params(std::move(Params)), Results(std::move(Results)) {}
  static FuncType fromABI(const w2n_func_type &T);

  bool operator==(const FuncType &O) const {
    return Params == O.Params && Results == O.Results;
  }
  bool operator!=(const FuncType &O) const { return !(*this == O); }
  bool operator<(const FuncType &O) const {
    return Params != O.Params ? Params < O.Params : Results < O.Results;
  }
  /// "(i32 i64) -> (f32)", for diagnostics.
  std::string str() const;
};

/// The text name of a value type ("i32", "funcref"...).
const char *valTypeName(uint8_t T);
/// The text name of an extern kind ("func", "table"...).
const char *externKindName(uint8_t K);

/// Assigns one id to each structurally distinct function type. Ids start
/// at 1, so a zeroed type id never matches a real type.
class TypeRegistry {
public:
  uint32_t intern(const FuncType &T);
  uint32_t intern(const w2n_func_type &T) {
    return intern(FuncType::fromABI(T));
  }
  /// The type with id Id, or null if no type has that id.
  const FuncType *lookup(uint32_t Id) const;
  size_t size() const { return ById.size(); }

private:
  std::map<FuncType, uint32_t> Ids;
  std::vector<const FuncType *> ById; // ById[Id - 1] is a key of Ids
};

/// Limits subtyping for imports: the actual object (its current size and
/// declared maximum, if any) matches the expected import type when it is at
/// least as large and its maximum is no looser.
bool limitsMatch(uint64_t ActualMin, std::optional<uint64_t> ActualMax,
                 const w2n_limits &Expected);

} // namespace w2n::rt

#endif // WASM2NATIVE_RUNTIME_TYPES_H
