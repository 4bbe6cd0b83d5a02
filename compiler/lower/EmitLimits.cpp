//===- EmitLimits.cpp - Fuel metering and epoch interruption --------------===//
//
// compile --fuel: each straight-line region of the body (from a branch
// target to the next one) subtracts its number of wasm instructions from
// vmctx->fuel on entry and traps with "all fuel consumed" when the result is
// negative. The counts come from the wasm code, not the optimised IR, so a
// budget traps at the same point at every optimisation level and on every
// target.
//
// compile --epoch: checks of the engine's epoch counter against
// vmctx->epoch_deadline are placed after optimisation, on the final control
// flow (transform/EpochChecks.cpp); lowering marks the functions.
//
// Without the flags none of this is emitted.
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionTranslator.h"

#include "ir/Markers.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace w2n {

void FunctionTranslator::beginFuelRegion() {
  if (!CC.Opts.Fuel)
    return;
  finishFuelRegion();
  Value *FuelPtr = fuelAddress(B, VMCtx);
  Value *Fuel = B.CreateLoad(B.getInt64Ty(), FuelPtr, "fuel");
  // The charge is patched in by finishFuelRegion; insert the instruction
  // directly so that the builder does not fold `fuel - 0` away.
  auto *Charge = BinaryOperator::CreateSub(Fuel, B.getInt64(0));
  B.Insert(Charge, "fuel.left");
  B.CreateStore(Charge, FuelPtr);
  trapIf(B.CreateICmpSLT(Charge, B.getInt64(0)), W2N_TRAP_OUT_OF_FUEL);
  FuelCharge = Charge;
  FuelCount = 0;
}

void FunctionTranslator::finishFuelRegion() {
  if (!FuelCharge)
    return;
  FuelCharge->setOperand(1, B.getInt64(FuelCount));
  FuelCharge = nullptr;
}

void FunctionTranslator::markForEpochChecks() {
  // The checks themselves are placed after optimisation
  // (transform/EpochChecks.cpp); lowering only says which function the
  // code belongs to.
  if (CC.Opts.Epoch)
    F->addFnAttr(EpochFuncIndexAttr, utostr(FuncIndex));
}

} // namespace w2n
