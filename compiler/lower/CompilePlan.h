//===- CompilePlan.h - Tiers and chunks, decided from the wasm --*- C++ -*-===//
///
/// \file
/// Before anything is lowered, the plan decides how much optimisation each
/// function gets and how the functions are split into chunks (units that
/// are lowered, optimised and compiled alone, on any thread). Compile cost
/// must stay bounded on hostile input (issue 14: at -O2, at most 1 s plus
/// 10 s per MiB of wasm), and LLVM's -O2 grows faster than linearly on some
/// shapes of code and costs about a millisecond per function whatever its
/// size. So, as V8 and wasmtime do, a function gets a cheaper tier when
///
///  * its metrics (FunctionMetrics.h) pass a threshold beyond which a pass
///    of the -O2 pipeline is known to blow up (a basic block of tens of
///    thousands of instructions, a switch of thousands of cases, ...), or
///  * the predicted cost of compiling the whole module at -O2 exceeds the
///    budget; then the functions whose optimisation costs most are demoted
///    first, until the prediction fits.
///
/// Everything depends on the module alone, so the plan, and the output,
/// are the same for every -j.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LOWER_COMPILEPLAN_H
#define WASM2NATIVE_LOWER_COMPILEPLAN_H

#include "decode/Module.h"
#include "lower/Outlining.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace w2n {

struct ModuleSymbols;

enum class Tier : uint8_t {
  /// The pipeline of the -O level.
  Optimized,
  /// Locals promoted to SSA values and the passes wasm2native needs for
  /// its semantics, then fast instruction selection and register
  /// allocation; linear in the size of the function (codegen/Tiers.cpp).
  Baseline,
};

struct ChunkPlan {
  /// Baseline: every function of the chunk is baseline, and the chunk
  /// skips the -O level's pipeline and is compiled without optimisation.
  Tier T = Tier::Optimized;
  /// Defined functions (0 = the first defined one), in increasing order.
  std::vector<uint32_t> Funcs;
  /// Parts of giant functions (Outlining.h): (defined function, part).
  std::vector<std::pair<uint32_t, uint32_t>> Parts;
  /// Holds the module descriptor and the trampolines.
  bool WithMetadata = false;
};

struct CompilePlan {
  std::vector<ChunkPlan> Chunks;
  /// Per defined function.
  std::vector<Tier> Tiers;
  /// Per defined function: why it is baseline (empty when optimised).
  std::vector<std::string> Reasons;
  /// Per defined function: whether promoting its locals to SSA values is
  /// cheap enough for the baseline tier.
  std::vector<bool> Promote;
  /// The tier of the invoke and host trampolines.
  Tier TrampolineTier = Tier::Optimized;
  /// Per function index (imports included and unused): referenced only
  /// from its own chunk, so it can be internal.
  std::vector<bool> Internal;
  /// Per defined function: its parts if it is lowered in parts, else null;
  /// and per part, whether it is in the chunk of its caller.
  std::vector<std::shared_ptr<const OutlinePlan>> Outlines;
  std::vector<std::vector<bool>> PartInternal;
  /// The prediction and the budget, in seconds of CPU time.
  double Predicted = 0;
  double Budget = 0;
  /// Instructions in all function bodies.
  uint64_t Instrs = 0;
};

struct PlanOptions {
  unsigned OptLevel = 2;
  /// Several chunks may be made (the output is linked); otherwise one.
  bool Split = true;
  /// Functions of about this much code go into one chunk.
  uint64_t ChunkBytes = 512 * 1024;
};

CompilePlan planCompile(const Module &M, const ModuleSymbols &Syms,
                        const PlanOptions &Opts);

/// `compile --print-plan`: the budget, the chunks and every function that
/// is not optimised, with the reason.
void printPlan(const Module &M, const CompilePlan &P, llvm::raw_ostream &OS);

} // namespace w2n

#endif // WASM2NATIVE_LOWER_COMPILEPLAN_H
