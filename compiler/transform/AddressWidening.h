//===- AddressWidening.h - 64-bit address induction variables --*- C++ -*-===//
///
/// \file
/// Versions innermost loops whose wasm32 addresses step through memory, so
/// that on the path where no 32-bit address wraps the addresses are 64-bit
/// induction variables that the vectoriser and the addressing modes can use.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TRANSFORM_ADDRESSWIDENING_H
#define WASM2NATIVE_TRANSFORM_ADDRESSWIDENING_H

#include "llvm/IR/PassManager.h"

namespace w2n {

class AddressWideningPass : public llvm::PassInfoMixin<AddressWideningPass> {
public:
  /// ProvisionalChecks: the bounds checks are guard mode's, which cost
  /// nothing once the pipeline is done (BoundsCheckElision.h): a loop is
  /// not versioned to run without some of them while the check of a
  /// backward index stays.
  explicit AddressWideningPass(bool ProvisionalChecks)
      : ProvisionalChecks(ProvisionalChecks) {}
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);

private:
  bool ProvisionalChecks;
};

} // namespace w2n

#endif // WASM2NATIVE_TRANSFORM_ADDRESSWIDENING_H
