//===- ShuffleLanePruning.cpp - Unread shuffle lanes to poison ------------===//
//
// A wasm SIMD producer that needs four bytes of a vector writes
// `i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0`: WebAssembly has no
// undefined lanes, so the unused ones repeat lane 0. clang's wasm32
// vectoriser does this for every widening (extend_low of a shuffle), and
// the values are then extended and summed in 8 lanes of which 4 are read.
// Lowered as written, lanes 4-7 must really hold byte 0, and on x86-64's
// SSE2 baseline that costs a shift, a mask, a broadcast and an `or`
// instead of one `psrldq`. InstCombine's demanded-lanes simplification
// stops after a few levels of arithmetic, and the DAG's after a few more.
//
// This pass computes, for every vector value of a function, the lanes that
// anything reads, in one backward walk: lane-wise operations (arithmetic,
// compares, casts, selects, lane-wise intrinsics) read the lanes their
// result's readers read; a shuffle reads the source lanes its read result
// lanes name; an extract reads one lane, an insert all but the one it
// replaces; a bitcast maps lanes by their bytes; anything else (stores,
// calls, returns, phis, divisors) reads every lane. Shuffle lanes that no
// one reads become poison. That is exact: nothing observes those lanes.
//
// Runs at the end of the optimisation pipeline, for code generation.
//
//===----------------------------------------------------------------------===//

#include "transform/ShuffleLanePruning.h"

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/Analysis/VectorUtils.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace w2n {

namespace {

unsigned lanes(const Value *V) {
  return cast<FixedVectorType>(V->getType())->getNumElements();
}

class LaneDemand {
public:
  bool run(Function &F) {
    ReversePostOrderTraversal<Function *> RPOT(&F);
    SmallVector<BasicBlock *, 32> Blocks(RPOT.begin(), RPOT.end());
    // Users before definitions; a non-phi user is dominated by the
    // definition, so it comes later in reverse post-order.
    for (BasicBlock *BB : reverse(Blocks))
      for (Instruction &I : reverse(*BB))
        if (isa<FixedVectorType>(I.getType()))
          Demanded[&I] = demandedOf(I);
    bool Changed = false;
    for (BasicBlock *BB : Blocks)
      for (Instruction &I : *BB)
        if (auto *Shuffle = dyn_cast<ShuffleVectorInst>(&I))
          Changed |= prune(*Shuffle);
    return Changed;
  }

private:
  DenseMap<const Value *, APInt> Demanded;

  APInt demandedOf(const Instruction &I) {
    APInt D = APInt::getZero(lanes(&I));
    for (const Use &U : I.uses()) {
      D |= readBy(U);
      if (D.isAllOnes())
        break;
    }
    return D;
  }

  /// The lanes of U.get() that U's user reads.
  APInt readBy(const Use &U) {
    const Value *V = U.get();
    unsigned N = lanes(V);
    APInt All = APInt::getAllOnes(N);
    const auto *User = dyn_cast<Instruction>(U.getUser());
    if (!User || isa<PHINode>(User))
      return All;
    if (const auto *Extract = dyn_cast<ExtractElementInst>(User)) {
      const auto *Idx = dyn_cast<ConstantInt>(Extract->getIndexOperand());
      if (!Idx || !Idx->getValue().ult(N))
        return All;
      APInt D = APInt::getZero(N);
      D.setBit(Idx->getZExtValue());
      return D;
    }
    auto It = Demanded.find(User);
    if (It == Demanded.end())
      return All; // Not a vector, or not reached in the walk.
    const APInt &Out = It->second;

    if (const auto *Shuffle = dyn_cast<ShuffleVectorInst>(User)) {
      unsigned N0 = lanes(Shuffle->getOperand(0));
      bool Second = U.getOperandNo() == 1;
      APInt D = APInt::getZero(N);
      for (unsigned J = 0, E = Shuffle->getShuffleMask().size(); J < E; ++J) {
        int M = Shuffle->getMaskValue(J);
        if (!Out[J] || M < 0)
          continue;
        if (!Second && unsigned(M) < N0)
          D.setBit(M);
        else if (Second && unsigned(M) >= N0)
          D.setBit(M - N0);
      }
      return D;
    }
    if (const auto *Insert = dyn_cast<InsertElementInst>(User)) {
      if (U.getOperandNo() != 0)
        return All;
      APInt D = Out;
      if (const auto *Idx = dyn_cast<ConstantInt>(Insert->getOperand(2)))
        if (Idx->getValue().ult(N))
          D.clearBit(Idx->getZExtValue());
      return D;
    }
    if (isa<BitCastInst>(User)) {
      unsigned M = Out.getBitWidth();
      if (M == N)
        return Out;
      APInt D = APInt::getZero(N);
      if (M > N && M % N == 0) { // Each source lane is M / N result lanes.
        for (unsigned I = 0; I < N; ++I)
          if (!Out.extractBits(M / N, I * (M / N)).isZero())
            D.setBit(I);
        return D;
      }
      if (N > M && N % M == 0) { // Each result lane is N / M source lanes.
        for (unsigned J = 0; J < M; ++J)
          if (Out[J])
            D.setBits(J * (N / M), (J + 1) * (N / M));
        return D;
      }
      return All;
    }
    if (lanes(User) != N)
      return All;
    if (isa<BinaryOperator>(User)) {
      // A poison divisor lane would be undefined behaviour, not poison.
      switch (User->getOpcode()) {
      case Instruction::UDiv:
      case Instruction::SDiv:
      case Instruction::URem:
      case Instruction::SRem:
        return U.getOperandNo() == 1 ? All : Out;
      default:
        return Out;
      }
    }
    if (isa<UnaryOperator>(User) || isa<CmpInst>(User) || isa<CastInst>(User) ||
        isa<FreezeInst>(User) || isa<SelectInst>(User))
      return Out;
    if (const auto *Call = dyn_cast<IntrinsicInst>(User)) {
      Intrinsic::ID ID = Call->getIntrinsicID();
      if ((isTriviallyVectorizable(ID) &&
           !isVectorIntrinsicWithScalarOpAtArg(ID, U.getOperandNo())) ||
          ID == Intrinsic::arithmetic_fence)
        return Out;
    }
    return All;
  }

  bool prune(ShuffleVectorInst &Shuffle) {
    const APInt &D = Demanded.find(&Shuffle)->second;
    if (D.isAllOnes())
      return false;
    SmallVector<int, 16> Mask(Shuffle.getShuffleMask());
    bool Changed = false;
    for (unsigned J = 0; J < Mask.size(); ++J)
      if (!D[J] && Mask[J] != PoisonMaskElem) {
        Mask[J] = PoisonMaskElem;
        Changed = true;
      }
    if (Changed)
      Shuffle.setShuffleMask(Mask);
    return Changed;
  }
};

} // namespace

PreservedAnalyses ShuffleLanePruningPass::run(Function &F,
                                              FunctionAnalysisManager &) {
  if (!LaneDemand().run(F))
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}

} // namespace w2n
