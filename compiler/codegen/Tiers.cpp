//===- Tiers.cpp - The pipelines of the compile tiers ---------------------===//

#include "codegen/Tiers.h"

#include "ir/Markers.h"
#include "transform/EpochChecks.h"
#include "transform/LoadSinkPruning.h"
#include "transform/ReturnCalls.h"
#include "transform/ShuffleLanePruning.h"

#include "llvm/Transforms/Utils/Mem2Reg.h"

using namespace llvm;

namespace w2n {

void runBaselineTier(llvm::Module &LM, FunctionAnalysisManager &FAM) {
  // Locals are allocas; as SSA values they stay in registers within a
  // block, which fast instruction selection and register allocation make
  // the most of. mem2reg grows with the locals times the blocks and the
  // block length, so CompilePlan allows it only where that is small.
  FunctionPassManager Promote;
  Promote.addPass(PromotePass());
  // What every -O level runs after its pipeline (codegen/Compile.cpp).
  FunctionPassManager Late;
  Late.addPass(ShuffleLanePruningPass());
  Late.addPass(LoadSinkPruningPass());
  Late.addPass(EpochCheckPass());
  Late.addPass(ReturnCallsPass());
  for (llvm::Function &F : LM) {
    if (F.isDeclaration() || !F.hasFnAttribute(BaselineTierAttr))
      continue;
    if (F.getFnAttribute(BaselineTierAttr).getValueAsString() ==
        BaselineLocalsSSA)
      Promote.run(F, FAM);
    Late.run(F, FAM);
    // The analyses of a huge function are large: free them now.
    FAM.clear(F, F.getName());
    F.addFnAttr(Attribute::OptimizeNone);
    F.addFnAttr(Attribute::NoInline);
  }
}

} // namespace w2n

namespace w2n {

namespace {
/// Blocks up to this many instructions are scheduled in a few milliseconds.
constexpr size_t MaxScheduledBlock = 4000;
} // namespace

PreservedAnalyses HugeBlockGuardPass::run(llvm::Function &F,
                                          FunctionAnalysisManager &) {
  if (F.hasOptNone())
    return PreservedAnalyses::all();
  for (const BasicBlock &BB : F) {
    if (BB.size() <= MaxScheduledBlock)
      continue;
    F.addFnAttr(Attribute::OptimizeNone);
    F.addFnAttr(Attribute::NoInline);
    break;
  }
  return PreservedAnalyses::all();
}

} // namespace w2n
