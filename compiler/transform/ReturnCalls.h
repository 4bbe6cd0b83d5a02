//===- ReturnCalls.h - Tail calls for return_call only ----------*- C++ -*-===//
///
/// \file
/// Lowering marks every function "disable-tail-calls", so that the
/// optimiser turns no ordinary call into a tail call or a loop: unbounded
/// wasm recursion must exhaust the stack and trap, and frames keep
/// backtraces whole. return_call and return_call_indirect are the
/// exception: their calls (marked ReturnCallMDName, ir/Markers.h) must be
/// tail calls, or a loop of them grows the stack. Run last, this pass lifts
/// the attribute from the functions that have such calls, so that the back
/// end makes them jumps, and takes the tail mark off every other call of
/// those functions.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TRANSFORM_RETURNCALLS_H
#define WASM2NATIVE_TRANSFORM_RETURNCALLS_H

#include "llvm/IR/PassManager.h"

namespace w2n {

class ReturnCallsPass : public llvm::PassInfoMixin<ReturnCallsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
};

} // namespace w2n

#endif // WASM2NATIVE_TRANSFORM_RETURNCALLS_H
