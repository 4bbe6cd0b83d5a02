//===- Lowering.h - Lower a validated module to LLVM IR ---------*- C++ -*-===//
///
/// \file
/// Lowering works per chunk: a chunk is a contiguous range of the defined
/// functions, translated into its own llvm::Module in its own LLVMContext so
/// chunks can be lowered, optimised and compiled on separate threads. How
/// functions are split into chunks never depends on the thread count, which
/// keeps the output byte-identical for every -j.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LOWER_LOWERING_H
#define WASM2NATIVE_LOWER_LOWERING_H

#include "decode/Module.h"
#include "lower/CompilePlan.h"
#include "targets/TargetInfo.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace w2n {

struct LoweringOptions {
  BoundsChecks Bounds = BoundsChecks::Guard;
  /// Guard mode at -O1..-O3: memory accesses get the bounds checks of
  /// explicit mode while the optimiser runs, so that it orders writes
  /// against every access that may trap; transform/BoundsCheckElision.cpp
  /// then hands each one it can to the guard pages (docs/semantics.md).
  bool ProvisionalChecks = false;
  uint64_t GuardBytes = 0;
  std::string Triple;
  std::string DataLayout;
  /// The CPU and features every function is compiled for (also recorded
  /// as function attributes, as clang does).
  std::string CPU;
  std::string Features;
  /// x86-64: whether pshufb, pmulhrsw and pmaddubsw may be used (SSSE3 in
  /// the CPU or features), and blendv* (SSE4.1).
  bool HasSSSE3 = false;
  bool HasSSE41 = false;
  /// Whether relaxed_madd/nmadd fuse (one rounding): where the target has
  /// a fused multiply-add instruction (lower/EmitRelaxedSimd.cpp).
  bool FusedMultiplyAdd = false;
  /// Quiet the results of ceil/floor/trunc/nearest (targets/:
  /// RoundingKeepsSNaN).
  bool QuietRounding = false;
  /// Instrument for fuel metering (abi.h W2N_FLAG_FUEL).
  bool Fuel = false;
  /// Instrument for epoch interruption (abi.h W2N_FLAG_EPOCH).
  bool Epoch = false;
};

/// What every chunk of one module shares: the symbol name of each function.
struct ModuleSymbols {
  /// Index space of functions (imports first); imported entries unused.
  std::vector<std::string> FuncSymbols;
  /// Names from the name section (empty if none), for the descriptor.
  std::vector<std::string> FuncNames;
  /// Whether function I can be reached other than by a direct call: it is
  /// exported, the start function, in an element segment or named by
  /// ref.func. Only these get an entry in the descriptor, so LLVM sees the
  /// others' addresses untaken and may change their calling convention and
  /// signature (fastcc, dead arguments, constant propagation).
  std::vector<bool> Escapes;
  /// Per type: whether the descriptor needs its generic entry (invoke[t]):
  /// some defined function of the type escapes, so the runtime may call it.
  std::vector<bool> NeedsInvoke;
  /// Per type: whether the descriptor needs its host trampoline
  /// (host_trampolines[t]): a function of the type is imported, or a
  /// call_indirect uses it (a host function the embedder puts in a table
  /// gets its code from a module with the trampoline; runtime.h). Code is
  /// generated for these types only: a module may declare many types it
  /// never uses this way.
  std::vector<bool> NeedsHostTrampoline;
};

/// Picks unique, deterministic symbol names: "wasm:" + the name section's
/// name (so perf, gdb and backtraces show it; the prefix keeps wasm names
/// from ever binding to libc symbols such as memcpy that LLVM may call), or
/// "wasm:func<N>" for unnamed functions; clashes get a ".<N>" suffix.
ModuleSymbols assignSymbols(const Module &M);

/// Lowers chunk ChunkIndex of Plan (CompilePlan.h) into a new module: its
/// functions, and the module descriptor and the trampolines if the chunk
/// holds them. Functions of the baseline tier carry BaselineTierAttr
/// (ir/Markers.h).
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerChunk(const Module &M, const ModuleSymbols &Syms, const CompilePlan &Plan,
           size_t ChunkIndex, const LoweringOptions &Opts,
           llvm::LLVMContext &Ctx);

} // namespace w2n

#endif // WASM2NATIVE_LOWER_LOWERING_H
