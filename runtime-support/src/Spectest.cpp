//===- Spectest.cpp - The spec test suite's host module -------------------===//
///
/// \file
/// The `spectest` imports of the spec scripts (see spectest.h), as host
/// functions and host-created objects of a store.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/spectest.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace w2n::rt {

namespace {

struct PrintFn {
  const char *Name;
  std::vector<uint8_t> Params;
};

/// Env of a print function: its parameter types, or null when silent.
void printCallback(void *Env, w2n_val *Slots) {
  if (!Env)
    return;
  const auto *Params = static_cast<const std::vector<uint8_t> *>(Env);
  for (size_t I = 0; I < Params->size(); ++I) {
    const w2n_val &V = Slots[I];
    switch ((*Params)[I]) {
    case W2N_I32:
      std::printf("%" PRIu32 ": i32\n", V.i32);
      break;
    case W2N_I64:
      std::printf("%" PRIu64 ": i64\n", V.i64);
      break;
    case W2N_F32:
      std::printf("%g: f32\n", double(V.f32));
      break;
    default:
      std::printf("%g: f64\n", V.f64);
      break;
    }
  }
  std::fflush(stdout);
}

const std::vector<PrintFn> &printFns() {
  static const std::vector<PrintFn> Fns = {
      {"print", {}},
      {"print_i32", {W2N_I32}},
      {"print_i64", {W2N_I64}},
      {"print_f32", {W2N_F32}},
      {"print_f64", {W2N_F64}},
      {"print_i32_f32", {W2N_I32, W2N_F32}},
      {"print_f64_f64", {W2N_F64, W2N_F64}},
  };
  return Fns;
}

} // namespace

bool defineSpectest(Store &S, Linker &L, std::string &Err, bool Print) {
  for (const PrintFn &P : printFns()) {
    void *Env = Print ? const_cast<std::vector<uint8_t> *>(&P.Params) : nullptr;
    Func *F = S.createHostFunc(FuncType(P.Params, {}), printCallback, Env);
    L.define("spectest", P.Name, Extern::func(F));
  }

  auto DefineGlobal = [&](const char *Name, uint8_t Type, w2n_val V) {
    L.define("spectest", Name,
             Extern::global(S.createGlobal(w2n_global_type{Type, 0}, V)));
  };
  w2n_val V;
  std::memset(&V, 0, sizeof(V));
  V.i32 = 666;
  DefineGlobal("global_i32", W2N_I32, V);
  std::memset(&V, 0, sizeof(V));
  V.i64 = 666;
  DefineGlobal("global_i64", W2N_I64, V);
  std::memset(&V, 0, sizeof(V));
  V.f32 = 666.6f;
  DefineGlobal("global_f32", W2N_F32, V);
  std::memset(&V, 0, sizeof(V));
  V.f64 = 666.6;
  DefineGlobal("global_f64", W2N_F64, V);

  w2n_table_type TT;
  std::memset(&TT, 0, sizeof(TT));
  TT.elem_type = W2N_FUNCREF;
  TT.limits.min = 10;
  TT.limits.max = 20;
  TT.limits.has_max = 1;
  Table *T = S.createTable(TT, nullptr, Err);
  if (!T)
    return false;
  L.define("spectest", "table", Extern::table(T));
  // WebAssembly 3.0's spectest also has the same table with i64 indices.
  TT.limits.flags = W2N_LIMITS_I64;
  Table *T64 = S.createTable(TT, nullptr, Err);
  if (!T64)
    return false;
  L.define("spectest", "table64", Extern::table(T64));

  w2n_limits ML;
  std::memset(&ML, 0, sizeof(ML));
  ML.min = 1;
  ML.max = 2;
  ML.has_max = 1;
  Memory *M = S.createMemory(ML, Err);
  if (!M)
    return false;
  L.define("spectest", "memory", Extern::memory(M));
  return true;
}

} // namespace w2n::rt
