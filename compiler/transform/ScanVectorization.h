//===- ScanVectorization.h - Vector search before early exits -*- C++ -*-===//
///
/// \file
/// LLVM 19 does not vectorise loops that leave early on a loaded value
/// (`memcmp`'s byte loop, `while (a[i] == b[i]) i++`, `memchr`). This pass
/// puts a vector loop in front of such a loop that finds the first
/// iteration that leaves it, and starts the original loop there.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TRANSFORM_SCANVECTORIZATION_H
#define WASM2NATIVE_TRANSFORM_SCANVECTORIZATION_H

#include "llvm/IR/PassManager.h"

namespace w2n {

class ScanVectorizationPass
    : public llvm::PassInfoMixin<ScanVectorizationPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
};

} // namespace w2n

#endif // WASM2NATIVE_TRANSFORM_SCANVECTORIZATION_H
