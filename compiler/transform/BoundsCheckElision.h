//===- BoundsCheckElision.h - Hand bounds checks to guard pages -*- C++ -*-===//
///
/// \file
/// In guard mode the optimiser sees the bounds checks of explicit mode
/// (provisional checks, lower/EmitMemory.cpp): a branch to an out-of-bounds
/// trap before every memory access, which keeps it from moving or deleting
/// a write across an access that may trap. Once the pipeline has run, this
/// pass removes each check whose work the guard pages can do exactly — the
/// access right after it faults whenever the check would trap, and nothing
/// observable happens in between — and keeps the others as compares.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TRANSFORM_BOUNDSCHECKELISION_H
#define WASM2NATIVE_TRANSFORM_BOUNDSCHECKELISION_H

#include "llvm/IR/PassManager.h"

#include <cstdint>

namespace w2n {

class BoundsCheckElisionPass
    : public llvm::PassInfoMixin<BoundsCheckElisionPass> {
public:
  /// ReachBytes: how far past the memory base the runtime's reservation
  /// reaches (4 GiB plus the guard region); an access can be left to fault
  /// only if it cannot reach beyond.
  explicit BoundsCheckElisionPass(uint64_t ReachBytes)
      : ReachBytes(ReachBytes) {}
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);

private:
  uint64_t ReachBytes;
};

} // namespace w2n

#endif // WASM2NATIVE_TRANSFORM_BOUNDSCHECKELISION_H
