//===- Tiers.h - The pipelines of the compile tiers -------------*- C++ -*-===//
///
/// \file
/// lower/CompilePlan.h decides which functions are compiled at the baseline
/// tier; this runs that tier's pipeline on them. It is linear in the size
/// of a function: locals become SSA values (mem2reg, without SROA's
/// slicing), then the passes that wasm2native runs at every -O level after
/// the optimiser (load sinks, shuffle lanes, epoch checks). The functions
/// are then marked optnone, so the -O level's pipeline skips them and code
/// generation uses fast instruction selection without scheduling. A chunk
/// of baseline functions only is compiled with no optimisation at all, and
/// gets the fast register allocator too.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_CODEGEN_TIERS_H
#define WASM2NATIVE_CODEGEN_TIERS_H

#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"

namespace w2n {

/// Runs the baseline pipeline on every function of LM with
/// BaselineTierAttr (ir/Markers.h) and marks them optnone and noinline.
void runBaselineTier(llvm::Module &LM, llvm::FunctionAnalysisManager &FAM);

/// The last pass of the optimised tier. The optimiser can make a basic
/// block far larger than any in the wasm (full unrolling of a run of small
/// loops, inlining), and the machine scheduler orders a block as one region
/// in quadratic time. A function left with such a block is marked optnone,
/// which code generation honours with fast instruction selection and no
/// scheduling, while its IR stays optimised. Depends on the IR only, so
/// the output stays the same for every -j.
class HugeBlockGuardPass : public llvm::PassInfoMixin<HugeBlockGuardPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
};

} // namespace w2n

#endif // WASM2NATIVE_CODEGEN_TIERS_H
