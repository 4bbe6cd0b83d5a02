//===- LoadSinkPruning.cpp - Drop load sinks that are not needed ----------===//
//
//                    SANDBOX-CRITICAL CODE: two reviews per change.
//
// Runs after the whole optimisation pipeline, in guard mode. The load sink
// (lower/EmitMemory.cpp) OR-s every loaded value into an accumulator stored
// volatile at every exit, so the IR optimiser cannot delete a load that
// would trap. By now the optimiser is done; what is left is code generation,
// which can still drop or shrink a load in three ways:
//
//   1. delete it when its value is unused (SelectionDAG dead-node removal);
//   2. narrow it when only some of its bits are used: DAGCombine turns
//      (trunc (load i64)), (and (load), mask), (srl (load), 8k) and a lane
//      extract of a vector load into a smaller load, which no longer
//      touches the last bytes of a straddling access;
//   3. move it into a successor block where its only user is (MachineSink),
//      so that it runs only on that path.
//
// A load is taken out of the sink only when none of the three can happen
// because it is *anchored*: a chain of full-width operations, all in the
// load's own block, leads from it to an instruction that is never deleted
// or moved — a store (as value or address), a load (as address; that load
// is anchored or sunk in its turn), a call, a return, a branch condition —
// or to a PHI node that receives it on an edge leaving the block (codegen
// treats that as a use in the block and copies the whole value). Full-width
// operations are those whose result depends on every bit of the operand
// and that no DAG combine narrows: add, sub, mul, div, rem, xor, or,
// comparisons, floating-point arithmetic, extensions and conversions,
// address arithmetic, same-size bitcasts, rotates, i1 and/select (logical
// operations on compares) and a select's condition. Truncations, masks,
// shifts, other selects, lane extracts and shuffles end the chain.
//
// Every other load becomes volatile instead (but see volatileSuffices
// below for the loads that keep the sink): code generation never
// deletes, narrows or moves a volatile load (DAGCombine leaves loads that
// are not simple alone, MachineSink does not move ordered memory
// references), yet still folds it into the instruction that uses it, so it
// costs nothing where the sink cost an OR and a register for the
// accumulator, live through every loop (base64's encoder: three ORs per
// three bytes). The optimiser has run by now, so `volatile` no longer
// stops hoisting, combining or vectorisation. Loads taken out are replaced
// in the sink's chain by zero, the chain is folded, and the sink stores,
// now of constant zero, are deleted.
//
// Anchored loads stay plain: a volatile load is also ordered against the
// other volatile loads around it, which the machine scheduler respects.
//
//===----------------------------------------------------------------------===//

#include "transform/LoadSinkPruning.h"

#include "ir/Markers.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/InstructionSimplify.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;

namespace w2n {

namespace {

/// Long chains are rare and each step costs a scan of the users.
constexpr unsigned MaxAnchorDepth = 8;

/// Operations whose result depends on every bit of the operand, which no
/// DAG combine turns into a narrower load.
bool isFullWidthOp(const Instruction &I, const Use &U) {
  switch (I.getOpcode()) {
  case Instruction::Add:
  case Instruction::Sub:
  case Instruction::Mul:
  case Instruction::UDiv:
  case Instruction::SDiv:
  case Instruction::URem:
  case Instruction::SRem:
  case Instruction::Xor:
  case Instruction::Or:
  case Instruction::FAdd:
  case Instruction::FSub:
  case Instruction::FMul:
  case Instruction::FDiv:
  case Instruction::FRem:
  case Instruction::FNeg:
  case Instruction::ICmp:
  case Instruction::FCmp:
  case Instruction::ZExt:
  case Instruction::SExt:
  case Instruction::FPExt:
  case Instruction::FPTrunc:
  case Instruction::FPToSI:
  case Instruction::FPToUI:
  case Instruction::SIToFP:
  case Instruction::UIToFP:
  case Instruction::BitCast: // same size: every bit goes through
  case Instruction::GetElementPtr:
    return true;
  case Instruction::And:
    // Logical and of compares; on wider integers a mask may narrow.
    return I.getType()->isIntegerTy(1);
  case Instruction::Select:
    // As the condition, or as a value of an i1 select (a logical and/or
    // of compares): never narrowed. A load as a select *value* is not: the
    // DAG may turn a select of loads into a load of a selected address,
    // and CodeGenPrepare may sink a costly operand into one arm.
    return U.getOperandNo() == 0 || I.getType()->isIntegerTy(1);
  case Instruction::Call: {
    const auto *II = dyn_cast<IntrinsicInst>(&I);
    if (!II)
      return false;
    switch (II->getIntrinsicID()) {
    case Intrinsic::fshl:
    case Intrinsic::fshr:
      // A rotate (both inputs the same value) uses every bit of it; a
      // general funnel shift may not.
      return U.getOperandNo() < 2 &&
             II->getArgOperand(0) == II->getArgOperand(1);
    case Intrinsic::sqrt:
    case Intrinsic::fma:
    case Intrinsic::fmuladd:
    case Intrinsic::fptosi_sat:
    case Intrinsic::fptoui_sat:
    case Intrinsic::arithmetic_fence:
      return true;
    default:
      return false;
    }
  }
  default:
    return false;
  }
}

/// Instructions that codegen never deletes or moves to another block.
bool isAnchor(const Instruction &I, const Use &U) {
  if (isa<StoreInst>(I) || isa<LoadInst>(I) || isa<ReturnInst>(I) ||
      isa<BranchInst>(I) || isa<SwitchInst>(I))
    return true;
  if (const auto *Call = dyn_cast<CallBase>(&I))
    return !isa<IntrinsicInst>(Call) && Call->isArgOperand(&U);
  return false;
}

/// Whether making L volatile keeps it in code generation. Not when
/// instruction selection may fold it into a conditional move: x86 folds a
/// load into the CMOV of a select value, min/max, abs or a saturating
/// operation it feeds directly, volatile or not, and X86CmovConversion then
/// turns that CMOV into a branch with the load on one side only
/// (partial-loads.wast, "pick"). Such loads keep the sink, whose `or` is a
/// second use that stops the fold.
bool volatileSuffices(const LoadInst &L) {
  return llvm::none_of(L.uses(), [](const Use &U) {
    const auto *I = dyn_cast<Instruction>(U.getUser());
    return I && ((isa<SelectInst>(I) && U.getOperandNo() != 0) ||
                 isa<IntrinsicInst>(I));
  });
}

class Pruner {
public:
  explicit Pruner(Function &F) : F(F) {}
  bool run();

private:
  void collectSinkChain();
  bool isAnchored(const Value &V, const BasicBlock &BB, unsigned Depth) const;
  bool isSinkUser(const User *U) const {
    const auto *I = dyn_cast<Instruction>(U);
    return I && (Chain.contains(const_cast<Instruction *>(I)) ||
                 SinkStores.contains(const_cast<Instruction *>(I)));
  }
  void foldChain();

  Function &F;
  SmallSetVector<Instruction *, 8> SinkStores;
  /// Instructions that exist only to feed the sink stores.
  SmallSetVector<Instruction *, 32> Chain;
  /// Loads with at least one use in the chain or the sink stores.
  SmallSetVector<LoadInst *, 32> SunkLoads;
};

void Pruner::collectSinkChain() {
  // Everything the sink stores reach backwards, stopping at loads, is a
  // candidate; then drop, until nothing changes, any candidate with a user
  // outside the candidates and the sink stores.
  SmallVector<Instruction *, 32> Work;
  for (Instruction *S : SinkStores)
    if (auto *I = dyn_cast<Instruction>(cast<StoreInst>(S)->getValueOperand()))
      Work.push_back(I);
  while (!Work.empty()) {
    Instruction *I = Work.pop_back_val();
    if (isa<LoadInst>(I) || I->mayHaveSideEffects() || I->isTerminator() ||
        I->mayReadFromMemory())
      continue;
    if (!Chain.insert(I))
      continue;
    for (Value *Op : I->operands())
      if (auto *OpI = dyn_cast<Instruction>(Op))
        Work.push_back(OpI);
  }
  SmallVector<Instruction *, 32> Recheck(Chain.begin(), Chain.end());
  SmallPtrSet<Instruction *, 32> Removed;
  while (!Recheck.empty()) {
    Instruction *I = Recheck.pop_back_val();
    if (Removed.contains(I) || llvm::all_of(I->users(), [&](const User *U) {
          const auto *UI = dyn_cast<Instruction>(U);
          return UI && !Removed.contains(UI) && isSinkUser(UI);
        }))
      continue;
    Removed.insert(I);
    for (Value *Op : I->operands())
      if (auto *OpI = dyn_cast<Instruction>(Op); OpI && Chain.contains(OpI))
        Recheck.push_back(OpI);
  }
  Chain.remove_if([&](Instruction *I) { return Removed.contains(I); });
  auto NoteLoads = [&](Instruction *I) {
    for (Value *Op : I->operands())
      if (auto *L = dyn_cast<LoadInst>(Op))
        SunkLoads.insert(L);
  };
  for (Instruction *I : Chain)
    NoteLoads(I);
  for (Instruction *S : SinkStores)
    NoteLoads(S);
}

bool Pruner::isAnchored(const Value &V, const BasicBlock &BB,
                        unsigned Depth) const {
  for (const Use &U : V.uses()) {
    const auto *I = dyn_cast<Instruction>(U.getUser());
    if (!I || isSinkUser(I))
      continue;
    if (const auto *Phi = dyn_cast<PHINode>(I)) {
      if (Phi->getIncomingBlock(U) == &BB)
        return true;
      continue;
    }
    if (I->getParent() != &BB)
      continue;
    if (isAnchor(*I, U))
      return true;
    if (Depth < MaxAnchorDepth && isFullWidthOp(*I, U) &&
        isAnchored(*I, BB, Depth + 1))
      return true;
  }
  return false;
}

void Pruner::foldChain() {
  // Fold what the zeros made trivial (x | 0, phis of one value, reductions
  // of zero), then delete what is left without users. WeakVH forgets an
  // erased instruction and, unlike WeakTrackingVH, does not follow RAUW out
  // of the chain.
  const DataLayout &DL = F.getDataLayout();
  SmallVector<WeakVH, 32> Items(Chain.begin(), Chain.end());
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (WeakVH &VH : Items) {
      auto *I = dyn_cast_or_null<Instruction>(VH);
      if (!I)
        continue;
      if (Value *V = simplifyInstruction(I, SimplifyQuery(DL, I))) {
        I->replaceAllUsesWith(V);
        I->eraseFromParent();
        Changed = true;
      }
    }
  }
  for (Instruction *S : SinkStores)
    if (auto *C = dyn_cast<Constant>(cast<StoreInst>(S)->getValueOperand()))
      if (C->isNullValue()) {
        Value *Ptr = cast<StoreInst>(S)->getPointerOperand();
        S->eraseFromParent();
        RecursivelyDeleteTriviallyDeadInstructions(Ptr);
      }
  SmallVector<WeakTrackingVH, 32> Dead;
  for (WeakVH &VH : Items)
    if (Value *V = VH)
      Dead.emplace_back(V);
  RecursivelyDeleteTriviallyDeadInstructionsPermissive(Dead);
}

bool Pruner::run() {
  // The passes that run just before (address widening's LCSSA PHIs,
  // BoundsCheckElision's removed trap blocks) can leave PHIs that nothing
  // uses; one fed by the sink would look like a use of it outside the
  // sink's chain and keep the whole chain, and every load in it, alive.
  bool Changed = false;
  SmallVector<WeakTrackingVH, 16> Phis;
  for (BasicBlock &BB : F)
    for (PHINode &Phi : BB.phis())
      Phis.emplace_back(&Phi);
  for (WeakTrackingVH &VH : Phis)
    if (auto *Phi = dyn_cast_or_null<PHINode>(VH))
      Changed |= RecursivelyDeleteDeadPHINode(Phi);
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (isLoadSinkStore(I))
        SinkStores.insert(&I);
  if (SinkStores.empty())
    return Changed;
  collectSinkChain();

  bool Pruned = false;
  for (LoadInst *L : SunkLoads) {
    if (!isAnchored(*L, *L->getParent(), 0)) {
      if (!volatileSuffices(*L))
        continue;
      L->setVolatile(true);
    }
    Constant *Zero = Constant::getNullValue(L->getType());
    for (Use &U : make_early_inc_range(L->uses()))
      if (isSinkUser(U.getUser()))
        U.set(Zero);
    Pruned = true;
  }
  if (Pruned)
    foldChain();
  return Changed || Pruned;
}

} // namespace

PreservedAnalyses LoadSinkPruningPass::run(Function &F,
                                           FunctionAnalysisManager &) {
  if (!Pruner(F).run())
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}

} // namespace w2n
