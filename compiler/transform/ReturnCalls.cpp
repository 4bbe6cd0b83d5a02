//===- ReturnCalls.cpp - Tail calls for return_call only ------------------===//

#include "transform/ReturnCalls.h"

#include "ir/Markers.h"

#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace w2n {

PreservedAnalyses ReturnCallsPass::run(Function &F, FunctionAnalysisManager &) {
  bool HasReturnCalls = false;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      HasReturnCalls |= isReturnCall(I);
  if (!HasReturnCalls)
    return PreservedAnalyses::all();
  // Only the return calls may become jumps. (Nothing in the pipeline marks
  // a call `tail` while the attribute is on; this keeps it so if a pass
  // ever does.)
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (auto *Call = dyn_cast<CallInst>(&I))
        if (Call->getTailCallKind() == CallInst::TCK_Tail &&
            !isReturnCall(*Call))
          Call->setTailCallKind(CallInst::TCK_None);
  F.removeFnAttr("disable-tail-calls");
  return PreservedAnalyses::all();
}

} // namespace w2n
