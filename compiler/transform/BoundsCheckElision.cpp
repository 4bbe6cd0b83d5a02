//===- BoundsCheckElision.cpp - Hand bounds checks to guard pages ---------===//
//
//                    SANDBOX-CRITICAL CODE: two reviews per change.
//
// Runs after the whole optimisation pipeline, in guard mode. The invariant
// it keeps: a bounds check is removed only where the hardware fault of an
// access does the same as the check would have done, at a point where the
// program has done exactly what it had done at the check.
//
// Why the checks exist at all in guard mode: LLVM considers a load or store
// that is out of bounds undefined, not a trap. Without a check in front of
// an access, nothing in the IR says the access can leave the function, so
// dead-store elimination deletes a store that a later store overwrites
// even when an access between them traps, LICM keeps a global in a
// register through a loop and stores it at the loop's exits only, and
// stores sink or hoist across loads. After a trap, the embedder would see
// memory and globals that no execution of the wasm program produces. With
// the check, the trap is a branch to a call that may read all memory, and
// the optimiser orders every write against it (docs/semantics.md).
//
// Removing a check C after the pipeline is sound when:
//
//   1. the path from C to its trap call does nothing the program can
//      observe after a trap: no store (but the load sink's), no call. The
//      optimiser may have put work there, such as the stores of globals it
//      kept in registers through a loop; then C stays;
//   2. C traps exactly when T + K > size, for the current size of a
//      memory, T a sum of values and K a constant (the forms lowering
//      emits, `zext(addr) > size - reach` and `ea + bytes > size`, and what
//      InstCombine makes of them); and
//   3. on the path where C does not trap, before any instruction that
//      writes, calls or may not continue, and without a conditional
//      branch, comes a load or store of that memory at membase + T + c with
//      c + its size >= K: it faults whenever C would trap. Loads in
//      between are harmless: they change nothing, and one that faults
//      traps with the same kind at the same program state.
//
// The address is matched as the same SSA values, not as equal numbers, so
// facts the optimiser derived from C passing cannot have changed it (a PHI
// on the way stands for its value on the edge the walk takes; the loads of
// a memory's size, and PHIs of them, for one another, since each reads the
// size where it is used; a PHI whose incoming values share a form, for
// that form); and
// T + c + size must stay inside the reservation (4 GiB + the guard
// region), so a removed check never lets an access leave the sandbox.
// Every check this pass cannot prove so stays as it is: the result is
// slower, never wrong.
//
//===----------------------------------------------------------------------===//

#include "transform/BoundsCheckElision.h"

#include "ir/InstanceContext.h"
#include "ir/Markers.h"
#include "transform/MemoryAddress.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/IR/ValueHandle.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Local.h"

#include <optional>

using namespace llvm;
using namespace llvm::PatternMatch;

#define DEBUG_TYPE "w2n-bounds-check-elision"

namespace w2n {

namespace {

/// How many instructions after a check are searched for its access.
constexpr unsigned MaxScan = 64;

/// One compare of a check: it traps when T + K > the current size of the
/// memory named by Memory (T has no constant part).
struct TrapCondition {
  LinearForm T;
  int64_t K = 0;
  uint64_t Memory = 0;
};

/// A load or store of linear memory at membase + A, of Size bytes: one
/// entry per exact form of its address.
struct Access {
  SmallVector<LinearForm, 2> Forms;
  int64_t Size = 0;
  uint64_t Memory = 0;
};

class Elider {
public:
  Elider(Function &F, uint64_t ReachBytes, OptimizationRemarkEmitter &ORE)
      : F(F), DL(F.getDataLayout()), ReachBytes(ReachBytes), ORE(ORE) {
    BarrierTy = FunctionType::get(Type::getVoidTy(F.getContext()), false);
    Barrier = InlineAsm::get(BarrierTy, "", "~{memory}",
                             /*hasSideEffects=*/true);
  }

  bool run();

private:
  enum class TrapPath { None, Clean, Effects };
  TrapPath trapPath(const BasicBlock *BB) const;
  /// Each compare of a check's condition, with its readings as
  /// TrapConditions (several when its operands have several exact forms).
  bool
  collectConditions(Value *Cond, bool TrapOnTrue,
                    SmallVectorImpl<SmallVector<TrapCondition, 2>> &Out) const;
  bool condition(const ICmpInst &Cmp, bool TrapOnTrue,
                 SmallVectorImpl<TrapCondition> &Out) const;
  /// The values a PHI stands for on the path being walked (its incoming
  /// value on the edge taken).
  using PathValues = DenseMap<const Value *, const Value *>;
  const Value *standIn(const Value *V, const PathValues *Path,
                       unsigned Depth = 0) const;
  std::pair<uint64_t, const Value *> sizeThroughPhis(const Value *V) const;
  std::optional<Access> access(const Instruction &I,
                               const PathValues &Path) const;
  bool covers(const Access &Acc, const TrapCondition &C) const;
  /// The access that faults, after Cont starts (entered from From), in
  /// place of a check with conditions Pending before anything observable
  /// happens; null if none.
  Instruction *
  faultsInstead(BasicBlock *From, BasicBlock *Cont,
                SmallVectorImpl<SmallVector<TrapCondition, 2>> &Pending) const;
  /// Whether accesses that run before the check at the end of CheckBB
  /// show that none of its Conditions holds (they would have faulted
  /// first).
  bool
  inBoundsBeforeCheck(BasicBlock *CheckBB,
                      ArrayRef<SmallVector<TrapCondition, 2>> Conditions) const;
  void orderAgainstWrites(Instruction *SpanStart, Instruction *Fault);

  Function &F;
  const DataLayout &DL;
  uint64_t ReachBytes;
  OptimizationRemarkEmitter &ORE;
  FunctionType *BarrierTy;
  InlineAsm *Barrier;
  /// One load of each memory's size stands for all: each reads the size
  /// the memory has where it is used (LLVM reuses a loaded size only where
  /// no call, which could grow the memory, comes in between).
  mutable DenseMap<uint64_t, const Value *> CanonicalSize;
};

/// Where a branch's successor BB leads: through unconditional branches to
/// a bounds-check trap call, having done nothing that outlives the trap
/// (pure computation, loads, the load sink's store), or having done more;
/// or elsewhere.
Elider::TrapPath Elider::trapPath(const BasicBlock *BB) const {
  bool Effects = false;
  for (unsigned Hops = 0; BB && Hops < 4; ++Hops) {
    for (const Instruction &I : *BB) {
      if (isBoundsCheckTrap(I))
        return Effects ? TrapPath::Effects : TrapPath::Clean;
      if (I.isTerminator())
        break;
      if (isLoadSinkStore(I))
        continue;
      Effects |= I.mayWriteToMemory() ||
                 !isGuaranteedToTransferExecutionToSuccessor(&I);
    }
    const auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
    if (!Br || Br->isConditional())
      return TrapPath::None;
    BB = Br->getSuccessor(0);
  }
  return TrapPath::None;
}

bool Elider::condition(const ICmpInst &Cmp, bool TrapOnTrue,
                       SmallVectorImpl<TrapCondition> &Out) const {
  CmpInst::Predicate P =
      TrapOnTrue ? Cmp.getPredicate() : Cmp.getInversePredicate();
  // The check traps when Big + Adjust > Small, both read as unsigned.
  const Value *Big, *Small;
  int64_t Adjust = 0;
  switch (P) {
  case CmpInst::ICMP_UGT:
    Big = Cmp.getOperand(0), Small = Cmp.getOperand(1);
    break;
  case CmpInst::ICMP_ULT:
    Big = Cmp.getOperand(1), Small = Cmp.getOperand(0);
    break;
  case CmpInst::ICMP_UGE:
    Big = Cmp.getOperand(0), Small = Cmp.getOperand(1), Adjust = 1;
    break;
  case CmpInst::ICMP_ULE:
    Big = Cmp.getOperand(1), Small = Cmp.getOperand(0), Adjust = 1;
    break;
  default:
    return false;
  }
  // Forms equal to the values, so that Big - Small + Adjust > 0 is the
  // compare; it must read T + K - size > 0 for one memory's size.
  auto Map = [&](const Value *V) { return standIn(V, nullptr); };
  for (const LinearForm &FB : exactForms(Big, DL, Map))
    for (const LinearForm &FS : exactForms(Small, DL, Map)) {
      LinearForm D = FB;
      if (!D.add(FS, -1) || AddOverflow(D.Const, Adjust, D.Const))
        continue;
      std::optional<uint64_t> Memory;
      bool OneSize = true;
      for (auto [T, S] : D.Terms)
        if (std::optional<uint64_t> M = memoryOfSize(T, DL)) {
          OneSize &= !Memory && S == -1;
          Memory = M;
        }
      if (!Memory || !OneSize)
        continue;
      TrapCondition C;
      C.Memory = *Memory;
      C.K = D.Const;
      for (auto [T, S] : D.Terms)
        if (!memoryOfSize(T, DL))
          C.T.Terms.push_back({T, S});
      Out.push_back(std::move(C));
    }
  return !Out.empty();
}

/// Splits the condition of a check into its compares: any of them traps
/// (an `or` when the branch traps on true, an `and` of the inverses when it
/// traps on false).
bool Elider::collectConditions(
    Value *Cond, bool TrapOnTrue,
    SmallVectorImpl<SmallVector<TrapCondition, 2>> &Out) const {
  if (Out.size() > 8)
    return false;
  Value *A, *B;
  if (TrapOnTrue ? match(Cond, m_LogicalOr(m_Value(A), m_Value(B)))
                 : match(Cond, m_LogicalAnd(m_Value(A), m_Value(B))))
    return collectConditions(A, TrapOnTrue, Out) &&
           collectConditions(B, TrapOnTrue, Out);
  const auto *Cmp = dyn_cast<ICmpInst>(Cond);
  SmallVector<TrapCondition, 2> Readings;
  if (!Cmp || !condition(*Cmp, TrapOnTrue, Readings))
    return false;
  Out.push_back(std::move(Readings));
  return true;
}

/// The memory V is the size of, and one load of that size: V is a load of
/// it, or PHIs (GVN's, of the loads of several paths and loop iterations)
/// of nothing else. {0, null} if not.
std::pair<uint64_t, const Value *>
Elider::sizeThroughPhis(const Value *V) const {
  if (!isa<PHINode>(V)) {
    if (std::optional<uint64_t> M = memoryOfSize(V, DL))
      return {*M, V};
    return {0, nullptr};
  }
  std::optional<uint64_t> Memory;
  const Value *Load = nullptr;
  SmallPtrSet<const Value *, 8> Seen{V};
  SmallVector<const Value *, 8> Work{V};
  while (!Work.empty()) {
    const auto *Phi = cast<PHINode>(Work.pop_back_val());
    for (const Value *In : Phi->incoming_values()) {
      if (isa<PHINode>(In)) {
        if (Seen.insert(In).second) {
          if (Seen.size() > 16)
            return {0, nullptr};
          Work.push_back(In);
        }
        continue;
      }
      std::optional<uint64_t> M = memoryOfSize(In, DL);
      if (!M || (Memory && *Memory != *M))
        return {0, nullptr};
      Memory = M;
      Load = In;
    }
  }
  return {Memory.value_or(0), Load};
}

/// Where a value is a PHI of the path, its incoming value on the path's
/// edge; where it is a memory size, the memory's canonical size; where it
/// is a PHI whose incoming values are equal, having one form in common
/// (GVN merges the `size - reach` of two paths so), the first of them.
const Value *Elider::standIn(const Value *V, const PathValues *Path,
                             unsigned Depth) const {
  for (unsigned Hops = 0; Path && Hops < 8; ++Hops) {
    auto It = Path->find(V);
    if (It == Path->end())
      break;
    V = It->second;
  }
  if (auto [Memory, Load] = sizeThroughPhis(V); Load)
    return CanonicalSize.try_emplace(Memory, Load).first->second;
  const auto *Phi = dyn_cast<PHINode>(V);
  if (!Phi)
    return V;
  // LCSSA and other PHIs of one value.
  if (const Value *One = Phi->hasConstantValue())
    return standIn(One, Path, Depth);
  if (Depth >= 2 || Phi->getNumIncomingValues() > 4)
    return V;
  // Equal when one form of the first value is a form of every other one.
  auto Map = [&](const Value *X) { return standIn(X, Path, Depth + 1); };
  SmallVector<LinearForm, 2> Common =
      exactForms(Phi->getIncomingValue(0), DL, Map);
  for (const Value *In : drop_begin(Phi->incoming_values())) {
    SmallVector<LinearForm, 2> Forms = exactForms(In, DL, Map);
    llvm::erase_if(Common, [&](const LinearForm &C) {
      return llvm::none_of(Forms, [&](const LinearForm &F) {
        return F.Const == C.Const && F.sameTerms(C);
      });
    });
  }
  if (Common.empty())
    return V;
  return Phi->getIncomingValue(0);
}

std::optional<Access> Elider::access(const Instruction &I,
                                     const PathValues &Path) const {
  Type *Ty;
  const Value *Ptr;
  if (const auto *L = dyn_cast<LoadInst>(&I); L && L->isSimple()) {
    Ty = L->getType();
    Ptr = L->getPointerOperand();
  } else if (const auto *S = dyn_cast<StoreInst>(&I); S && S->isSimple()) {
    Ty = S->getValueOperand()->getType();
    Ptr = S->getPointerOperand();
  } else {
    return std::nullopt;
  }
  // membase + index * element size, one GEP at a time, read both ways.
  SmallVector<LinearForm, 2> Forms(2);
  Ptr = standIn(Ptr, &Path);
  while (const auto *GEP = dyn_cast<GEPOperator>(Ptr)) {
    TypeSize ElemSize = DL.getTypeAllocSize(GEP->getSourceElementType());
    if (GEP->getNumIndices() != 1 || ElemSize.isScalable() ||
        !GEP->getOperand(1)->getType()->isIntegerTy(64))
      return std::nullopt;
    auto Map = [&](const Value *V) { return standIn(V, &Path); };
    for (Arithmetic A : {Arithmetic::Modular, Arithmetic::Exact})
      if (!decompose(GEP->getOperand(1), int64_t(ElemSize.getFixedValue()), A,
                     Forms[A == Arithmetic::Modular ? 0 : 1], Map))
        return std::nullopt;
    Ptr = standIn(GEP->getPointerOperand(), &Path);
  }
  std::optional<uint64_t> Memory = memoryOfBase(Ptr, DL);
  if (!Memory)
    return std::nullopt;
  Access Acc;
  Acc.Size = int64_t(DL.getTypeStoreSize(Ty).getFixedValue());
  Acc.Memory = *Memory;
  // The GEPs add modulo 2^64: a form is the address when its bounds lie in
  // [0, 2^63), and then it cannot reach past the reservation either.
  for (LinearForm &F : Forms)
    if (auto B = formBounds(F, DL);
        B && B->first >= 0 && B->second <= INT64_MAX - Acc.Size &&
        uint64_t(B->second + Acc.Size) <= ReachBytes)
      Acc.Forms.push_back(std::move(F));
  if (Acc.Forms.empty())
    return std::nullopt;
  return Acc;
}

/// Whether Acc faults whenever C traps: same memory, same terms, reaching
/// at least as far (access() saw to the reservation).
bool Elider::covers(const Access &Acc, const TrapCondition &C) const {
  if (Acc.Memory != C.Memory)
    return false;
  return llvm::any_of(Acc.Forms, [&](const LinearForm &A) {
    return A.sameTerms(C.T) && A.Const + Acc.Size >= C.K;
  });
}

/// Whether, from the start of Cont, an access covering each of Pending comes
/// before anything observable.
Instruction *Elider::faultsInstead(
    BasicBlock *From, BasicBlock *Cont,
    SmallVectorImpl<SmallVector<TrapCondition, 2>> &Pending) const {
  unsigned Scanned = 0;
  PathValues Path;
  for (BasicBlock *BB = Cont; BB;) {
    // Entered from From: each PHI is its value on that edge.
    for (PHINode &Phi : BB->phis())
      Path[&Phi] = Phi.getIncomingValueForBlock(From);
    for (Instruction &I : *BB) {
      if (++Scanned > MaxScan)
        return nullptr;
      if (I.isTerminator() || isa<PHINode>(I))
        continue;
      if (std::optional<Access> Acc = access(I, Path)) {
        llvm::erase_if(Pending, [&](const SmallVector<TrapCondition, 2> &Cs) {
          return llvm::any_of(
              Cs, [&](const TrapCondition &C) { return covers(*Acc, C); });
        });
        if (Pending.empty())
          return &I;
        // A store that does not fault writes: every condition must be
        // covered before it.
        if (isa<StoreInst>(I))
          return nullptr;
        continue;
      }
      if (I.mayWriteToMemory() ||
          !isGuaranteedToTransferExecutionToSuccessor(&I))
        return nullptr;
    }
    auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
    if (!Br || Br->isConditional())
      return nullptr;
    From = BB;
    BB = Br->getSuccessor(0);
  }
  return nullptr;
}

/// Whether I writes what the program can see after a trap: a store to
/// linear memory, a global or a table (not the load sink's). Calls need no
/// barrier: code generation never moves a memory access across one.
bool writesState(const Instruction &I) {
  if (isa<StoreInst>(I))
    return !isLoadSinkStore(I);
  return !isa<CallBase>(I) && I.mayWriteToMemory();
}

/// Whether I's operands are computed, within its block, from V.
bool dependsOn(const Instruction &I, const Value *V) {
  SmallVector<const Value *, 8> Work(I.op_begin(), I.op_end());
  SmallPtrSet<const Value *, 16> Seen;
  while (!Work.empty()) {
    const Value *Op = Work.pop_back_val();
    if (Op == V)
      return true;
    const auto *OpI = dyn_cast<Instruction>(Op);
    if (!OpI || OpI->getParent() != I.getParent() || isa<PHINode>(OpI) ||
        !Seen.insert(OpI).second || Seen.size() > 32)
      continue;
    Work.append(OpI->op_begin(), OpI->op_end());
  }
  return false;
}

/// A load or store of linear memory that ran without a fault was in bounds
/// of the size the memory had then, and memories never shrink: where it
/// covers a condition (it faults whenever the condition holds), the
/// condition is false at every later point. So where accesses that run
/// before a check cover all its conditions, the access that now faults in
/// the check's place cannot fault, and needs no barrier (sha256's loads of
/// a table and stores to the shadow stack, each within one before it).
/// Only accesses before the check count: those after it, in its span, may
/// be the ones that fault first.
bool Elider::inBoundsBeforeCheck(
    BasicBlock *CheckBB,
    ArrayRef<SmallVector<TrapCondition, 2>> Conditions) const {
  SmallVector<bool, 4> Shown(Conditions.size(), false);
  unsigned Scanned = 0, Left = Conditions.size();
  // Back from the check through blocks entered only from the one before.
  for (BasicBlock *BB = CheckBB; BB && Left; BB = BB->getSinglePredecessor()) {
    for (Instruction &I : reverse(*BB)) {
      if (++Scanned > MaxScan)
        return false;
      std::optional<Access> Acc = access(I, PathValues());
      if (!Acc)
        continue;
      for (auto [K, Readings] : llvm::enumerate(Conditions))
        if (!Shown[K] && llvm::any_of(Readings, [&](const TrapCondition &C) {
              return covers(*Acc, C);
            })) {
          Shown[K] = true;
          --Left;
        }
      if (!Left)
        return true;
    }
  }
  return Left == 0;
}

void Elider::orderAgainstWrites(Instruction *SpanStart, Instruction *Fault) {
  BasicBlock *BB = Fault->getParent();
  auto IsBarrier = [&](const Instruction *I) {
    const auto *Call = dyn_cast_or_null<CallInst>(I);
    return Call && Call->getCalledOperand() == Barrier;
  };
  auto Insert = [&](Instruction *Before) {
    if (IsBarrier(Before) || IsBarrier(Before->getPrevNode()))
      return;
    CallInst::Create(BarrierTy, Barrier, "", Before);
  };
  // A write before the check: nothing from the check on may be run first.
  if (SpanStart->getParent() == BB &&
      std::any_of(BB->begin(), SpanStart->getIterator(),
                  [](const Instruction &I) { return writesState(I); }))
    Insert(SpanStart);
  // A write after the access that does not wait for its value: it must
  // not be run before the access.
  if (std::any_of(std::next(Fault->getIterator()), BB->end(),
                  [&](const Instruction &I) {
                    return writesState(I) && !dependsOn(I, Fault);
                  }))
    Insert(Fault->getNextNode());
}

bool Elider::run() {
  struct Removal {
    BranchInst *Branch;
    bool TrapOnTrue;
    Instruction *SpanStart;
    Instruction *Fault;
    /// Whether the check could have trapped at all: else nothing in its
    /// span faults, and no write needs ordering against it.
    bool MayFault;
  };
  SmallVector<Removal, 32> Removals;
  for (BasicBlock &BB : F) {
    auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
    if (!Br || !Br->isConditional())
      continue;
    bool TrapOnTrue = true;
    TrapPath Path = trapPath(Br->getSuccessor(0));
    if (Path == TrapPath::None) {
      TrapOnTrue = false;
      Path = trapPath(Br->getSuccessor(1));
    }
    if (Path == TrapPath::None)
      continue;
    BasicBlock *Cont = Br->getSuccessor(TrapOnTrue ? 1 : 0);
    SmallVector<SmallVector<TrapCondition, 2>, 2> Conditions;
    if (Path == TrapPath::Clean &&
        collectConditions(Br->getCondition(), TrapOnTrue, Conditions)) {
      // faultsInstead consumes the conditions it finds covered.
      SmallVector<SmallVector<TrapCondition, 2>, 2> Pending = Conditions;
      if (Instruction *Fault = faultsInstead(&BB, Cont, Pending)) {
        Removals.push_back({Br, TrapOnTrue, &*Cont->getFirstNonPHIOrDbg(),
                            Fault, !inBoundsBeforeCheck(&BB, Conditions)});
        continue;
      }
    }
    ORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, "Kept", Br)
             << (Path == TrapPath::Effects
                     ? "bounds check kept: its way to the trap writes first"
                     : "bounds check kept: no access after it faults in "
                       "its place");
    });
  }
  if (Removals.empty())
    return false;
  SmallVector<WeakTrackingVH, 32> Conditions;
  for (const Removal &R : Removals) {
    Conditions.push_back(R.Branch->getCondition());
    R.Branch->setCondition(ConstantInt::getBool(F.getContext(), !R.TrapOnTrue));
    ConstantFoldTerminator(R.Branch->getParent());
  }
  removeUnreachableBlocks(F);
  for (WeakTrackingVH &V : Conditions)
    if (V)
      RecursivelyDeleteTriviallyDeadInstructions(V);
  // Code generation joins a block to its only predecessor when that ends in
  // a plain branch (CodeGenPrepare) and then reorders the memory accesses
  // of a block that it can tell apart (SelectionDAG chains, the machine
  // scheduler, AArch64's load/store pairing): a store before the check
  // could then come after the access that now faults in its place, and a
  // store after it before it. Join the blocks here and put a barrier (an
  // empty asm that clobbers memory, which emits nothing) between the access
  // and each write of its block that could otherwise pass it.
  for (BasicBlock &BB : make_early_inc_range(F))
    MergeBlockIntoPredecessor(&BB);
  for (const Removal &R : Removals)
    if (R.MayFault)
      orderAgainstWrites(R.SpanStart, R.Fault);
  return true;
}

} // namespace

PreservedAnalyses BoundsCheckElisionPass::run(Function &F,
                                              FunctionAnalysisManager &FAM) {
  auto &ORE = FAM.getResult<OptimizationRemarkEmitterAnalysis>(F);
  if (!Elider(F, ReachBytes, ORE).run())
    return PreservedAnalyses::all();
  return PreservedAnalyses::none();
}

} // namespace w2n
