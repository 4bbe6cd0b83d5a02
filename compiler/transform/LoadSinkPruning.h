//===- LoadSinkPruning.h - Drop load sinks that are not needed --*- C++ -*-===//
///
/// \file
/// Guard-mode lowering feeds every linear-memory load into a load sink
/// (lower/EmitMemory.cpp), so that no optimisation can delete a load that
/// would trap. Once the optimisation pipeline has run, most loads are kept
/// alive by their own uses anyway; this pass takes those out of the sink and
/// leaves it only the loads that still need it.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TRANSFORM_LOADSINKPRUNING_H
#define WASM2NATIVE_TRANSFORM_LOADSINKPRUNING_H

#include "llvm/IR/PassManager.h"

namespace w2n {

class LoadSinkPruningPass : public llvm::PassInfoMixin<LoadSinkPruningPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
};

} // namespace w2n

#endif // WASM2NATIVE_TRANSFORM_LOADSINKPRUNING_H
