//===- Markers.cpp - The marks lowering leaves for the passes -------------===//

#include "ir/Markers.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Metadata.h"

using namespace llvm;

namespace w2n {

void markTrapCall(CallInst &Call, w2n_trap_kind Kind) {
  LLVMContext &Ctx = Call.getContext();
  Call.setMetadata(
      TrapMDName,
      MDNode::get(Ctx, {ConstantAsMetadata::get(ConstantInt::get(
                           Type::getInt32Ty(Ctx), uint32_t(Kind)))}));
}

std::optional<w2n_trap_kind> trapKindOf(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  if (!Call)
    return std::nullopt;
  const MDNode *MD = Call->getMetadata(TrapMDName);
  if (!MD || MD->getNumOperands() != 1)
    return std::nullopt;
  const auto *Kind = mdconst::dyn_extract<ConstantInt>(MD->getOperand(0));
  if (!Kind)
    return std::nullopt;
  return w2n_trap_kind(Kind->getZExtValue());
}

void markReturnCall(CallInst &Call) {
  Call.setMetadata(ReturnCallMDName, MDNode::get(Call.getContext(), {}));
}

bool isReturnCall(const Instruction &I) {
  return isa<CallInst>(I) && I.getMetadata(ReturnCallMDName);
}

void markBoundsCheckTrap(CallInst &Call) {
  Call.setMetadata(BoundsCheckMDName, MDNode::get(Call.getContext(), {}));
}

bool isBoundsCheckTrap(const Instruction &I) {
  return isa<CallInst>(I) && I.getMetadata(BoundsCheckMDName);
}

void markLoadSinkStore(StoreInst &Store) {
  Store.setMetadata(LoadSinkMDName, MDNode::get(Store.getContext(), {}));
}

bool isLoadSinkStore(const Instruction &I) {
  return isa<StoreInst>(I) && I.getMetadata(LoadSinkMDName);
}

void markWidenedAddress(PHINode &Phi) {
  assert(Phi.getType()->isIntegerTy(64) && "not a 64-bit address");
  Phi.setMetadata(
      WidenedAddressMDName,
      MDNode::get(Phi.getContext(), ConstantAsMetadata::get(ConstantInt::get(
                                        Phi.getType(), WidenedAddressBound))));
}

bool isWidenedAddress(const Value &V) {
  const auto *Phi = dyn_cast<PHINode>(&V);
  return Phi && Phi->getMetadata(WidenedAddressMDName) &&
         Phi->getType()->isIntegerTy(64);
}

} // namespace w2n
