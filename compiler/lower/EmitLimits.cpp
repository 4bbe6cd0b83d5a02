//===- EmitLimits.cpp - Fuel metering and epoch interruption --------------===//
//
// compile --fuel: each straight-line region of the body (from a branch
// target to the next one) subtracts its number of wasm instructions from
// vmctx->fuel on entry and traps with "all fuel consumed" when the result is
// negative. The counts come from the wasm code, not the optimised IR, so a
// budget traps at the same point at every optimisation level and on every
// target.
//
// compile --epoch: function entries and loop headers compare the engine's
// epoch counter (read volatile: another thread increments it) with
// vmctx->epoch_deadline and call rt->epoch_interrupt when it is reached,
// which traps "interrupted" or returns with a new deadline. One load, one
// compare and a never-taken branch per check.
//
// Without the flags none of this is emitted.
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionTranslator.h"

using namespace llvm;

namespace w2n {

void FunctionTranslator::beginFuelRegion() {
  if (!CC.Opts.Fuel)
    return;
  finishFuelRegion();
  Value *FuelPtr = vmctxField(W2N_VMCTX_FUEL, "fuel.ptr");
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

void FunctionTranslator::emitEpochCheck() {
  if (!CC.Opts.Epoch)
    return;
  Value *CounterPtr = loadInvariant(
      CC.ptrTy(), vmctxField(W2N_VMCTX_EPOCH_COUNTER, ""), "epoch.counter");
  LoadInst *Epoch = B.CreateLoad(B.getInt64Ty(), CounterPtr, "epoch");
  Epoch->setVolatile(true);
  Value *Deadline = B.CreateLoad(
      B.getInt64Ty(), vmctxField(W2N_VMCTX_EPOCH_DEADLINE, ""), "deadline");
  BasicBlock *Interrupt = newBlock("epoch.interrupt");
  BasicBlock *Cont = newBlock("epoch.cont");
  B.CreateCondBr(B.CreateICmpUGE(Epoch, Deadline), Interrupt, Cont, Unlikely);
  B.SetInsertPoint(Interrupt);
  callRuntime(
      RtEpochInterrupt,
      FunctionType::get(B.getVoidTy(), {CC.ptrTy(), B.getInt32Ty()}, false),
      {VMCtx, B.getInt32(FuncIndex)});
  B.CreateBr(Cont);
  B.SetInsertPoint(Cont);
}

} // namespace w2n
