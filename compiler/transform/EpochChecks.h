//===- EpochChecks.h - Epoch interruption checks --------------*- C++ -*-===//
///
/// \file
/// compile --epoch: places the epoch checks once the optimiser is done, at
/// the header of every cycle of the final control flow and at the entry of
/// every function that makes calls.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TRANSFORM_EPOCHCHECKS_H
#define WASM2NATIVE_TRANSFORM_EPOCHCHECKS_H

#include "llvm/IR/PassManager.h"

namespace w2n {

class EpochCheckPass : public llvm::PassInfoMixin<EpochCheckPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
};

} // namespace w2n

#endif // WASM2NATIVE_TRANSFORM_EPOCHCHECKS_H
