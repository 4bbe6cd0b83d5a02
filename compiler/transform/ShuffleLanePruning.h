//===- ShuffleLanePruning.h - Unread shuffle lanes to poison ---*- C++ -*-===//
///
/// \file
/// WebAssembly has no undefined lanes, so producers fill the lanes of an
/// `i8x16.shuffle` they do not need with lane 0. This pass finds the
/// shuffle lanes that nothing reads and makes them poison, so that code
/// generation is free to pick the cheapest instruction for the rest.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TRANSFORM_SHUFFLELANEPRUNING_H
#define WASM2NATIVE_TRANSFORM_SHUFFLELANEPRUNING_H

#include "llvm/IR/PassManager.h"

namespace w2n {

class ShuffleLanePruningPass
    : public llvm::PassInfoMixin<ShuffleLanePruningPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
};

} // namespace w2n

#endif // WASM2NATIVE_TRANSFORM_SHUFFLELANEPRUNING_H
