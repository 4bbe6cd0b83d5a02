//===- Types.cpp - Function types and import matching ---------------------===//
///
/// \file
/// The canonical type registry and the import-matching rules of types.h.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/types.h"

namespace w2n::rt {

FuncType FuncType::fromABI(const w2n_func_type &T) {
  const uint8_t *P = T.types;
  return FuncType(
      std::vector<uint8_t>(P, P + T.num_params),
      std::vector<uint8_t>(P + T.num_params, P + T.num_params + T.num_results));
}

static void appendList(std::string &S, const std::vector<uint8_t> &Types) {
  S += '(';
  for (size_t I = 0; I < Types.size(); ++I) {
    if (I)
      S += ' ';
    S += valTypeName(Types[I]);
  }
  S += ')';
}

std::string FuncType::str() const {
  std::string S;
  appendList(S, Params);
  S += " -> ";
  appendList(S, Results);
  return S;
}

const char *valTypeName(uint8_t T) {
  switch (T) {
  case W2N_I32:
    return "i32";
  case W2N_I64:
    return "i64";
  case W2N_F32:
    return "f32";
  case W2N_F64:
    return "f64";
  case W2N_V128:
    return "v128";
  case W2N_FUNCREF:
    return "funcref";
  case W2N_EXTERNREF:
    return "externref";
  default:
    return "<invalid type>";
  }
}

const char *externKindName(uint8_t K) {
  switch (K) {
  case W2N_EXTERN_FUNC:
    return "func";
  case W2N_EXTERN_TABLE:
    return "table";
  case W2N_EXTERN_MEMORY:
    return "memory";
  case W2N_EXTERN_GLOBAL:
    return "global";
  default:
    return "<invalid kind>";
  }
}

uint32_t TypeRegistry::intern(const FuncType &T) {
  auto [It, Inserted] = Ids.try_emplace(T, uint32_t(ById.size() + 1));
  if (Inserted)
    ById.push_back(&It->first);
  return It->second;
}

const FuncType *TypeRegistry::lookup(uint32_t Id) const {
  if (Id == 0 || Id > ById.size())
    return nullptr;
  return ById[Id - 1];
}

bool limitsMatch(uint64_t ActualMin, std::optional<uint64_t> ActualMax,
                 const w2n_limits &Expected) {
  if (ActualMin < Expected.min)
    return false;
  if (!Expected.has_max)
    return true;
  return ActualMax && *ActualMax <= Expected.max;
}

} // namespace w2n::rt
