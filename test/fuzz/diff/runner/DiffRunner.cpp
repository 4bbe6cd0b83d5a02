//===- DiffRunner.cpp - The wasm2native side of the differential fuzzer ---===//
///
/// \file
/// `wasm2native-diff-runner [--fuel-per-call N] [--dump-memory PREFIX] PLAN
/// MODULE.so`: instantiates one compiled
/// module with the imports the plan describes, calls the plan's exports in
/// order (a trap does not stop the run) and prints a transcript that
/// test/fuzz/diff/fuzzdiff.py compares with V8's and wabt's. Built from
/// runtime-support alone (no LLVM).
///
/// The plan (written by fuzzdiff.py, one command per line):
///
///   import memory MODULE NAME MIN MAX|none
///   import global MODULE NAME TYPE mut|const VALUE
///   call EXPORT state|nostate VALUE...
///
/// Names are percent-encoded (%XX for any byte outside [A-Za-z0-9_.:-]).
/// Every import of module "fuzzing-support" named log-i32, log-i64,
/// log-f32, log-f64 or log-v128 is a logger that prints its argument.
///
/// The transcript:
///
///   instantiate ok | instantiate trap KIND | instantiate error MESSAGE
///   log VALUE                        (a logger call, during the next call)
///   call K ok VALUE... | call K trap KIND
///   state K pages N hash H globals VALUE...   (after call K, if asked)
///
/// Values are TYPE:HEX with the bits in hex (i32:0000002a, f64:7ff8...,
/// v128 as the 32 hex digits of the 128-bit little-endian value) and
/// funcref:null, funcref:nonnull, externref:... for references. The memory
/// hash is FNV-1a over (index, word) of the non-zero 64-bit words; the
/// driver module of the oracles computes the same one in wasm
/// (test/fuzz/diff/shims.py). With --dump-memory the memory is also written
/// to PREFIX<K>.bin with each state line, to see what a hash hides.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/runtime.h"
#include "wasm2native/types.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace w2n;

namespace {

// ---- Values ---------------------------------------------------------------

bool typeFromName(const std::string &S, uint8_t &T) {
  for (uint8_t C : {W2N_I32, W2N_I64, W2N_F32, W2N_F64, W2N_V128, W2N_FUNCREF,
                    W2N_EXTERNREF})
    if (S == rt::valTypeName(C)) {
      T = C;
      return true;
    }
  return false;
}

std::string formatValue(uint8_t T, const w2n_val &V) {
  char Buf[64];
  switch (T) {
  case W2N_I32:
  case W2N_F32:
    std::snprintf(Buf, sizeof(Buf), "%s:%08" PRIx32, rt::valTypeName(T), V.i32);
    return Buf;
  case W2N_I64:
  case W2N_F64:
    std::snprintf(Buf, sizeof(Buf), "%s:%016" PRIx64, rt::valTypeName(T),
                  V.i64);
    return Buf;
  case W2N_V128: {
    std::string S = "v128:";
    for (int I = 15; I >= 0; --I) {
      std::snprintf(Buf, sizeof(Buf), "%02x", V.v128[I]);
      S += Buf;
    }
    return S;
  }
  default:
    return std::string(rt::valTypeName(T)) + (V.ref ? ":nonnull" : ":null");
  }
}

/// Parses TYPE:HEX (references: TYPE:null only).
bool parseValue(const std::string &S, uint8_t &T, w2n_val &V) {
  std::memset(&V, 0, sizeof(V));
  size_t Colon = S.find(':');
  if (Colon == std::string::npos || !typeFromName(S.substr(0, Colon), T))
    return false;
  std::string Hex = S.substr(Colon + 1);
  if (T == W2N_FUNCREF || T == W2N_EXTERNREF)
    return Hex == "null";
  size_t Digits = T == W2N_V128 ? 32 : (T == W2N_I32 || T == W2N_F32) ? 8 : 16;
  if (Hex.size() != Digits ||
      Hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    return false;
  if (T == W2N_V128) {
    for (int I = 0; I < 16; ++I)
      V.v128[15 - I] =
          uint8_t(std::strtoul(Hex.substr(2 * I, 2).c_str(), nullptr, 16));
    return true;
  }
  uint64_t Bits = std::strtoull(Hex.c_str(), nullptr, 16);
  if (Digits == 8)
    V.i32 = uint32_t(Bits);
  else
    V.i64 = Bits;
  return true;
}

std::string percentDecode(const std::string &S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '%' && I + 2 < S.size()) {
      Out += char(std::strtoul(S.substr(I + 1, 2).c_str(), nullptr, 16));
      I += 2;
    } else {
      Out += S[I];
    }
  }
  return Out;
}

const char *trapName(uint32_t Kind) {
  switch (Kind) {
  case W2N_TRAP_UNREACHABLE:
    return "unreachable";
  case W2N_TRAP_INT_DIV_BY_ZERO:
    return "div-zero";
  case W2N_TRAP_INT_OVERFLOW:
    return "int-overflow";
  case W2N_TRAP_INVALID_CONVERSION:
    return "conversion";
  case W2N_TRAP_MEMORY_OUT_OF_BOUNDS:
    return "memory-oob";
  case W2N_TRAP_TABLE_OUT_OF_BOUNDS:
    return "table-oob";
  case W2N_TRAP_UNDEFINED_ELEMENT:
    return "undefined-element";
  case W2N_TRAP_UNINITIALIZED_ELEMENT:
    return "uninitialized-element";
  case W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH:
    return "call-type-mismatch";
  case W2N_TRAP_CALL_STACK_EXHAUSTED:
    return "stack-exhausted";
  case W2N_TRAP_HOST:
    return "host";
  case W2N_TRAP_OUT_OF_FUEL:
    return "out-of-fuel";
  case W2N_TRAP_INTERRUPTED:
    return "interrupted";
  default:
    return "unknown";
  }
}

// ---- The memory hash ------------------------------------------------------

constexpr uint64_t FnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t FnvPrime = 0x100000001b3ull;

/// FNV-1a over (index, word) of every non-zero 64-bit little-endian word.
uint64_t hashMemory(const uint8_t *Base, uint64_t Size) {
  uint64_t H = FnvOffset;
  for (uint64_t K = 0; K < Size / 8; ++K) {
    uint64_t W;
    std::memcpy(&W, Base + 8 * K, 8);
    if (W == 0)
      continue;
    H = (H ^ K) * FnvPrime;
    H = (H ^ W) * FnvPrime;
  }
  return H;
}

// ---- The plan -------------------------------------------------------------

struct ImportDef {
  std::string Kind, Module, Name;
  uint64_t Min = 0;
  bool HasMax = false;
  uint64_t Max = 0;
  uint8_t Type = 0;
  bool Mutable = false;
  w2n_val Value;
};

struct Call {
  std::string Export;
  bool State = false;
  std::vector<uint8_t> Types;
  std::vector<w2n_val> Args;
};

struct Plan {
  std::vector<ImportDef> Imports;
  std::vector<Call> Calls;
};

bool readPlan(const char *Path, Plan &P, std::string &Err) {
  std::ifstream In(Path);
  if (!In) {
    Err = std::string("cannot read ") + Path;
    return false;
  }
  std::string Line;
  unsigned LineNo = 0;
  while (std::getline(In, Line)) {
    ++LineNo;
    std::istringstream S(Line);
    std::vector<std::string> T;
    for (std::string W; S >> W;)
      T.push_back(W);
    if (T.empty() || T[0][0] == '#')
      continue;
    auto Bad = [&] {
      Err = std::string(Path) + ":" + std::to_string(LineNo) +
            ": malformed plan line: " + Line;
      return false;
    };
    if (T[0] == "import" && T.size() == 6 && T[1] == "memory") {
      ImportDef D;
      D.Kind = T[1];
      D.Module = percentDecode(T[2]);
      D.Name = percentDecode(T[3]);
      D.Min = std::strtoull(T[4].c_str(), nullptr, 10);
      D.HasMax = T[5] != "none";
      D.Max = D.HasMax ? std::strtoull(T[5].c_str(), nullptr, 10) : 0;
      P.Imports.push_back(D);
    } else if (T[0] == "import" && T.size() == 7 && T[1] == "global") {
      ImportDef D;
      D.Kind = T[1];
      D.Module = percentDecode(T[2]);
      D.Name = percentDecode(T[3]);
      uint8_t VT;
      if (!typeFromName(T[4], D.Type) || !parseValue(T[6], VT, D.Value) ||
          VT != D.Type)
        return Bad();
      D.Mutable = T[5] == "mut";
      P.Imports.push_back(D);
    } else if (T[0] == "call" && T.size() >= 3) {
      Call C;
      C.Export = percentDecode(T[1]);
      C.State = T[2] == "state";
      for (size_t I = 3; I < T.size(); ++I) {
        uint8_t VT;
        w2n_val V;
        if (!parseValue(T[I], VT, V))
          return Bad();
        C.Types.push_back(VT);
        C.Args.push_back(V);
      }
      P.Calls.push_back(std::move(C));
    } else {
      return Bad();
    }
  }
  return true;
}

// ---- Running --------------------------------------------------------------

/// The logger's environment: the type of its one parameter.
struct Logger {
  uint8_t Type;
};

void logCallback(void *Env, w2n_val *Slots) {
  const auto *L = static_cast<const Logger *>(Env);
  std::printf("log %s\n", formatValue(L->Type, Slots[0]).c_str());
}

const Logger Loggers[] = {
    {W2N_I32}, {W2N_I64}, {W2N_F32}, {W2N_F64}, {W2N_V128}};

void dumpMemory(const std::string &Prefix, size_t K, const rt::Instance &I) {
  rt::Memory *M = I.memory();
  if (!M)
    return;
  std::string Path = Prefix + std::to_string(K) + ".bin";
  std::ofstream Out(Path, std::ios::binary);
  Out.write(reinterpret_cast<const char *>(M->data()),
            std::streamsize(M->sizeBytes()));
  if (!Out)
    std::fprintf(stderr, "wasm2native-diff-runner: cannot write %s\n",
                 Path.c_str());
}

void printState(size_t K, const rt::Instance &I) {
  std::printf("state %zu", K);
  if (rt::Memory *M = I.memory())
    std::printf(" pages %" PRIu64 " hash %016" PRIx64, M->pages(),
                hashMemory(M->data(), M->sizeBytes()));
  else
    std::printf(" pages - hash -");
  std::printf(" globals");
  const w2n_module_descriptor &D = I.module().descriptor();
  for (uint32_t G = 0; G < D.num_globals; ++G) {
    const rt::Global *Gl = I.global(G);
    std::printf(" %s", formatValue(Gl->Type.type, Gl->Value).c_str());
  }
  std::printf("\n");
}

int run(const Plan &P, const char *ModulePath, int64_t FuelPerCall,
        const std::string &DumpPrefix) {
  std::string Err;
  std::shared_ptr<rt::LoadedModule> M = rt::LoadedModule::load(
      std::strchr(ModulePath, '/') ? ModulePath
                                   : std::string("./") + ModulePath,
      Err);
  if (!M) {
    std::fprintf(stderr, "wasm2native-diff-runner: %s\n", Err.c_str());
    return 2;
  }
  rt::StoreConfig Config;
  // Imported memories are reserved as the module's bounds checks need.
  Config.HostMemories.Guard = !M->explicitBounds();
  rt::Store S(Config);
  rt::Linker L;

  static const char *const LogNames[] = {"log-i32", "log-i64", "log-f32",
                                         "log-f64", "log-v128"};
  for (size_t I = 0; I < 5; ++I) {
    const Logger &Lg = Loggers[I];
    rt::Func *F = S.createHostFunc(rt::FuncType({Lg.Type}, {}), logCallback,
                                   const_cast<Logger *>(&Lg));
    L.define("fuzzing-support", LogNames[I], rt::Extern::func(F));
  }
  for (const ImportDef &D : P.Imports) {
    if (D.Kind == "memory") {
      w2n_limits Limits;
      std::memset(&Limits, 0, sizeof(Limits));
      Limits.min = D.Min;
      Limits.max = D.Max;
      Limits.has_max = D.HasMax;
      rt::Memory *Mem = S.createMemory(Limits, Err);
      if (!Mem) {
        std::printf("instantiate error cannot create memory: %s\n",
                    Err.c_str());
        return 0;
      }
      L.define(D.Module, D.Name, rt::Extern::memory(Mem));
    } else {
      w2n_global_type T;
      T.type = D.Type;
      T.mutable_ = D.Mutable;
      L.define(D.Module, D.Name,
               rt::Extern::global(S.createGlobal(T, D.Value)));
    }
  }

  rt::InstantiateResult R = L.instantiate(S, M);
  if (!R.Inst) {
    if (R.Err.TrapInfo)
      std::printf("instantiate trap %s\n", trapName(R.Err.TrapInfo.Kind));
    else
      std::printf("instantiate error %s\n", R.Err.Message.c_str());
    return 0;
  }
  std::printf("instantiate ok\n");
  bool Fuel = (M->descriptor().flags & W2N_FLAG_FUEL) != 0;
  for (size_t K = 0; K < P.Calls.size(); ++K) {
    const Call &C = P.Calls[K];
    rt::Func *F = R.Inst->exportedFunc(C.Export);
    if (!F) {
      std::printf("call %zu error no exported function\n", K);
      continue;
    }
    const rt::FuncType &T = S.funcType(F);
    if (T.Params != C.Types) {
      std::printf("call %zu error the arguments do not match %s\n", K,
                  T.str().c_str());
      continue;
    }
    if (Fuel && FuelPerCall > 0)
      R.Inst->setFuel(FuelPerCall);
    std::vector<w2n_val> Results;
    std::fflush(stdout);
    rt::Trap Tr = S.call(F, C.Args, Results);
    if (Tr) {
      std::printf("call %zu trap %s\n", K, trapName(Tr.Kind));
    } else {
      std::printf("call %zu ok", K);
      for (size_t I = 0; I < Results.size(); ++I)
        std::printf(" %s", formatValue(T.Results[I], Results[I]).c_str());
      std::printf("\n");
    }
    if (C.State) {
      printState(K, *R.Inst);
      if (!DumpPrefix.empty())
        dumpMemory(DumpPrefix, K, *R.Inst);
    }
  }
  std::fflush(stdout);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  int64_t FuelPerCall = 0;
  std::string DumpPrefix;
  std::vector<const char *> Positional;
  for (int I = 1; I < argc; ++I) {
    if (std::strcmp(argv[I], "--fuel-per-call") == 0 && I + 1 < argc)
      FuelPerCall = std::strtoll(argv[++I], nullptr, 10);
    else if (std::strcmp(argv[I], "--dump-memory") == 0 && I + 1 < argc)
      DumpPrefix = argv[++I];
    else
      Positional.push_back(argv[I]);
  }
  if (Positional.size() != 2) {
    std::fprintf(stderr, "usage: wasm2native-diff-runner [--fuel-per-call N] "
                         "[--dump-memory PREFIX] PLAN MODULE.so\n");
    return 2;
  }
  Plan P;
  std::string Err;
  if (!readPlan(Positional[0], P, Err)) {
    std::fprintf(stderr, "wasm2native-diff-runner: %s\n", Err.c_str());
    return 2;
  }
  return run(P, Positional[1], FuelPerCall, DumpPrefix);
}
