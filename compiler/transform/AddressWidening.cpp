//===- AddressWidening.cpp - 64-bit address induction variables -----------===//
//
//                    SANDBOX-CRITICAL CODE: two reviews per change.
//
// This pass rewrites the addresses of memory accesses and deletes bounds
// checks, in copies of loops that run only when a check made once before
// the loop holds. The invariants it keeps:
//
// * A 64-bit address that replaces zext(i32 recurrence) equals it on every
//   iteration of the copy it is in: that copy runs only when no member of
//   the group leaves [0, 2^32) within the loop's iteration count, a bound
//   ScalarEvolution proves (never an estimate), in 64-bit arithmetic that
//   cannot overflow (MaxStep, MaxOffset).
// * A bounds check is deleted only in a copy that runs when every deleted
//   check's compare, a non-decreasing recurrence (in explicit mode also
//   one of step 0, an address invariant in the loop) against a limit that
//   does not change in the loop, passes on the recurrence's last value,
//   and so on every iteration. Otherwise the loop as it was runs, with
//   every check, and traps at the exact access.
// * A branch counts as a bounds check only when its trap call carries the
//   trap mark of an out-of-bounds access (ir/Markers.h), never by the
//   shape of the code; a check whose mark is lost stays.
// * Accesses get alias scopes only in the copy that runs when the groups'
//   byte ranges over the whole loop were checked not to overlap.
// * A 64-bit address recurrence carries the widened-address mark
//   (ir/Markers.h) only when it stays below 2^33 wherever it runs, as the
//   check before its loop shows: BoundsCheckElision.cpp trusts that bound
//   to keep an access of it inside the reservation.
//
// A mistake here lets an access reach outside its linear memory, or a
// store happen that the program's trap should have prevented.
//
// A wasm32 address is an i32 that may wrap, so the lowering computes
// membase + zext(addr). Inside a loop that steps a pointer (`p += 16`,
// and `p + 8` for the second element), zext({S,+,16}) is no affine 64-bit
// recurrence for ScalarEvolution, and zext(p + 8) is not provably
// zext(p) + 8. So every access pays a 32-bit add and a zero-extension
// instead of a scaled addressing mode, and the vectoriser sees gathers
// where the C source had consecutive elements.
//
// For an innermost loop whose iteration count LLVM can bound (and that is
// not bounded by fewer than 16 iterations), this pass groups the loop's
// forward-stepping zext(i32 recurrence) address values by base and step
// ({Base + C,+,T} for constants C, T > 0) and versions the loop on a
// check made once before it: over all iterations, Base + C + T*k stays
// within [0, 2^32) for every C of the group. On that path no address
// wraps, so each zext(i32) equals a 64-bit induction variable
// (Base + T*k) plus C, and the pass rewrites it so. The original loop
// runs when the check fails (an address wraps around 4 GiB inside the
// loop, which valid programs hardly do; test/spec/extra/address-wrap.wast
// does) and is kept scalar.
//
// With two or more groups of which one stores, the widened loop is
// versioned once more, on the groups' byte ranges over the whole loop not
// overlapping; on that path each group's loads and stores get their own
// alias scope (!alias.scope/!noalias), so the vectoriser needs no run-time
// alias checks. Its own checks would compare the pointers of one group
// with each other (p and p + 8 of an interleaved pair) and always fail.
// When the ranges do overlap, a copy of the widened loop without scopes
// runs.
//
// The bounds checks of the widened loop (explicit mode's, and guard mode's
// provisional ones, which keep the optimiser from moving writes across an
// access that may trap) compare a recurrence with a limit that does not
// change in the loop; one more version, on the last value of each being
// within its limit, runs the loop without them (and so vectorisable: no
// vector access there can reach past the end of memory); otherwise the
// loop as it was runs, keeps them and traps at the exact access. A loop
// whose checks stay has exits to its trap blocks, which the vectoriser does
// not take on.
//
// Runs at the start of LLVM's vectoriser passes (O2/O3), so the
// vectoriser, LSR and instruction selection see the 64-bit addresses.
//
//===----------------------------------------------------------------------===//

#include "transform/AddressWidening.h"

#include "ir/InstanceContext.h"
#include "ir/LoopHints.h"
#include "ir/Markers.h"
#include "transform/MemoryAddress.h"
#include "wasm2native/abi.h"

#include <cstddef>

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/DomTreeUpdater.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

using namespace llvm;
using namespace llvm::PatternMatch;

namespace w2n {

namespace {

/// Loops larger than this are not duplicated.
constexpr unsigned MaxLoopInstructions = 400;
/// Loops bounded by fewer iterations are left alone.
constexpr unsigned MinIterations = 16;
/// Steps stay small so that T * k cannot overflow 64 bits (k <= 2^32).
constexpr int64_t MaxStep = int64_t(1) << 20;
/// Constant parts of starts that the bounds versioning groups by.
constexpr int64_t MaxOffset = int64_t(1) << 33;

/// The zext(i32) values of one loop that step by the same Step from the
/// same Base, at constant distances Offset.
struct Group {
  const SCEV *Base = nullptr;
  int64_t Step = 0;
  int64_t MinOffset = INT64_MAX;
  int64_t MaxOffset = INT64_MIN;
  SmallVector<std::pair<ZExtInst *, int64_t>, 4> Members;
  /// Loads and stores whose address is membase + a member + a constant,
  /// and the byte range they touch relative to the induction variable.
  SmallVector<Instruction *, 8> Accesses;
  int64_t AccessBegin = INT64_MAX;
  int64_t AccessEnd = INT64_MIN;
  bool Stores = false;
};

/// Records in G the loads and stores reached from V (an address offset
/// from the group's induction variable by Offset) through constant adds
/// and byte GEPs.
void collectAccesses(Value *V, int64_t Offset, Group &G, const DataLayout &DL,
                     unsigned Depth = 0) {
  if (Depth > 4)
    return;
  for (User *U : V->users()) {
    if (auto *Add = dyn_cast<BinaryOperator>(U)) {
      if (Add->getOpcode() != Instruction::Add)
        continue;
      Value *Other = Add->getOperand(Add->getOperand(0) == V ? 1 : 0);
      if (auto *C = dyn_cast<ConstantInt>(Other);
          C && C->getValue().isSignedIntN(33))
        collectAccesses(Add, Offset + C->getSExtValue(), G, DL, Depth + 1);
      continue;
    }
    if (auto *GEP = dyn_cast<GetElementPtrInst>(U)) {
      if (GEP->getPointerOperand() == V ||
          !GEP->getSourceElementType()->isIntegerTy(8) ||
          GEP->getNumIndices() != 1)
        continue;
      // (membase + K) + V, K a constant: LICM folds the constant offsets of
      // a loop's accesses into their base, out of the loop. Further
      // constant GEPs add to the offset.
      APInt K(64, 0);
      const Value *Base =
          GEP->getPointerOperand()->stripAndAccumulateConstantOffsets(
              DL, K, /*AllowNonInbounds=*/true);
      if (!memoryOfBase(Base, DL) || !K.isSignedIntN(33))
        continue;
      SmallVector<std::pair<Value *, int64_t>, 4> Work{
          {GEP, Offset + K.getSExtValue()}};
      while (!Work.empty()) {
        auto [Ptr, Off] = Work.pop_back_val();
        for (User *PU : Ptr->users()) {
          Type *Ty = nullptr;
          if (auto *Load = dyn_cast<LoadInst>(PU);
              Load && Load->getPointerOperand() == Ptr && Load->isSimple())
            Ty = Load->getType();
          if (auto *Store = dyn_cast<StoreInst>(PU);
              Store && Store->getPointerOperand() == Ptr && Store->isSimple()) {
            Ty = Store->getValueOperand()->getType();
            G.Stores = true;
          }
          if (Ty) {
            G.Accesses.push_back(cast<Instruction>(PU));
            G.AccessBegin = std::min(G.AccessBegin, Off);
            G.AccessEnd = std::max(
                G.AccessEnd,
                Off + int64_t(DL.getTypeStoreSize(Ty).getFixedValue()));
            continue;
          }
          auto *Next = dyn_cast<GetElementPtrInst>(PU);
          if (Next && Next->getPointerOperand() == Ptr &&
              Next->getSourceElementType()->isIntegerTy(8) &&
              Next->getNumIndices() == 1)
            if (auto *C = dyn_cast<ConstantInt>(Next->getOperand(1));
                C && C->getValue().isSignedIntN(33))
              Work.push_back({Next, Off + C->getSExtValue()});
        }
      }
    }
  }
}

/// Splits an i32 start value into Base + C, C a constant read as signed.
std::pair<const SCEV *, int64_t> splitStart(const SCEV *S,
                                            ScalarEvolution &SE) {
  if (const auto *C = dyn_cast<SCEVConstant>(S))
    return {SE.getZero(S->getType()), C->getAPInt().getSExtValue()};
  if (const auto *Add = dyn_cast<SCEVAddExpr>(S))
    if (const auto *C = dyn_cast<SCEVConstant>(Add->getOperand(0))) {
      SmallVector<const SCEV *, 4> Rest(Add->operands().drop_front());
      return {SE.getAddExpr(Rest), C->getAPInt().getSExtValue()};
    }
  // An outer loop's recurrence absorbs the constant into its start:
  // 8 + {X,+,T} is {X + 8,+,T}.
  if (const auto *AR = dyn_cast<SCEVAddRecExpr>(S))
    if (AR->isAffine()) {
      auto [Base, C] = splitStart(AR->getStart(), SE);
      if (C != 0)
        return {SE.getAddRecExpr(Base, AR->getStepRecurrence(SE), AR->getLoop(),
                                 SCEV::FlagAnyWrap),
                C};
    }
  return {S, 0};
}

bool feedsAddress(const ZExtInst &Z) {
  return llvm::any_of(Z.users(), [](const User *U) {
    return isa<GetElementPtrInst>(U) ||
           (isa<BinaryOperator>(U) &&
            llvm::any_of(U->users(), [](const User *V) {
              return isa<GetElementPtrInst>(V);
            }));
  });
}

/// Whether BB, or the blocks it falls through to, traps with an
/// out-of-bounds memory access: the first trap call on the way carries the
/// trap mark of that kind (ir/Markers.h; the trap blocks of lower/, after
/// inlining and loop-simplify).
bool trapsOutOfBounds(const BasicBlock *BB) {
  for (unsigned Hops = 0; BB && Hops < 3; ++Hops) {
    for (const Instruction &I : *BB)
      if (std::optional<w2n_trap_kind> Kind = trapKindOf(I))
        return *Kind == W2N_TRAP_MEMORY_OUT_OF_BOUNDS;
    BB = BB->getSingleSuccessor();
  }
  return false;
}

/// An explicit bounds check in the loop: Branch goes to an out-of-bounds
/// trap exactly when Address > Limit (unsigned) for one of the Compares
/// (LLVM merges the checks of neighbouring accesses with `or`).
struct BoundsCheck {
  BranchInst *Branch = nullptr;
  bool TrapOnTrue = false;
  SmallVector<std::pair<Value *, Value *>, 2> Compares;
};

/// Whether the groups' accesses get alias scopes: only then are they
/// checked for overlap before the loop.
bool separateGroups(ArrayRef<Group> Groups) {
  constexpr size_t MaxGroups = 8;
  if (Groups.size() < 2 || Groups.size() > MaxGroups)
    return false;
  bool AnyStore = false;
  for (const Group &G : Groups) {
    if (G.Accesses.empty())
      return false;
    AnyStore |= G.Stores;
  }
  return AnyStore;
}

/// First + Offset + Step * Count in i64: the value of a recurrence that
/// starts at First + Offset, after Count steps.
Value *valueAfter(IRBuilder<> &B, Value *First, int64_t Offset, int64_t Step,
                  Value *Count) {
  Value *Start = Offset ? B.CreateAdd(First, B.getInt64(Offset)) : First;
  return B.CreateAdd(Start, B.CreateMul(Count, B.getInt64(Step)));
}

/// True when no group that stores touches a byte another group touches,
/// over the whole loop (Count = the bound on its iteration count).
Value *buildDisjointCheck(ArrayRef<Group> Groups, ArrayRef<Value *> Bases,
                          Value *Count, IRBuilder<> &B) {
  SmallVector<std::pair<Value *, Value *>, 4> Ranges;
  for (size_t I = 0; I < Groups.size(); ++I) {
    const Group &G = Groups[I];
    Value *Lo = B.CreateAdd(Bases[I], B.getInt64(G.AccessBegin));
    Value *Hi = valueAfter(B, Bases[I], G.AccessEnd, G.Step, Count);
    Ranges.push_back({Lo, Hi});
  }
  Value *OK = B.getTrue();
  for (size_t I = 0; I < Groups.size(); ++I)
    for (size_t J = I + 1; J < Groups.size(); ++J) {
      if (!Groups[I].Stores && !Groups[J].Stores)
        continue;
      Value *Apart =
          B.CreateOr(B.CreateICmpSLE(Ranges[I].second, Ranges[J].first),
                     B.CreateICmpSLE(Ranges[J].second, Ranges[I].first));
      OK = B.CreateAnd(OK, Apart, "w2n.disjoint");
    }
  return OK;
}

class Widener {
public:
  Widener(Function &F, LoopInfo &LI, DominatorTree &DT, ScalarEvolution &SE,
          AssumptionCache &AC, bool ProvisionalChecks)
      : F(F), LI(LI), DT(DT), SE(SE), AC(AC),
        ProvisionalChecks(ProvisionalChecks) {}

  bool run() {
    bool Changed = false;
    // Collected first: the pass adds loops (the fallback copies).
    SmallVector<Loop *, 16> Innermost;
    for (Loop *L : LI.getLoopsInPreorder())
      if (L->isInnermost())
        Innermost.push_back(L);
    for (Loop *L : Innermost)
      Changed |= widen(*L);
    return Changed || Simplified;
  }

private:
  SmallVector<Group, 4> collectGroups(Loop &L);
  Value *buildCheck(ArrayRef<Group> Groups, const SCEV *MaxBTC, Instruction *At,
                    SmallVectorImpl<Value *> &Bases, Value *&Count);
  Loop *versionLoop(Loop &L, const Twine &Suffix,
                    function_ref<Value *(IRBuilder<> &)> BuildCondition);
  void removeBoundsChecks(Loop &L, const SCEV *MaxBTC, BasicBlock *Fallback);
  bool stepsBack(Loop &L, Value *Cond);
  bool boundsCheckOf(Loop &L, BasicBlock &BB, BoundsCheck &Check);
  bool keepsBackwardCheck(Loop &L);
  bool collectCompares(Loop &L, Value *Cond, bool TrapOnTrue,
                       SmallVectorImpl<std::pair<Value *, Value *>> &Out);
  bool widen(Loop &L);

  Function &F;
  LoopInfo &LI;
  DominatorTree &DT;
  ScalarEvolution &SE;
  AssumptionCache &AC;
  bool ProvisionalChecks;
  bool Simplified = false;
};

SmallVector<Group, 4> Widener::collectGroups(Loop &L) {
  SmallVector<Group, 4> Groups;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      auto *Z = dyn_cast<ZExtInst>(&I);
      if (!Z || !Z->getSrcTy()->isIntegerTy(32) ||
          !Z->getDestTy()->isIntegerTy(64) || !feedsAddress(*Z))
        continue;
      const auto *AR = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Z->getOperand(0)));
      if (!AR || AR->getLoop() != &L || !AR->isAffine())
        continue;
      const auto *StepC = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
      if (!StepC)
        continue;
      int64_t Step = StepC->getAPInt().getSExtValue();
      // Forward only: the backward loops of real programs are mostly short
      // (fannkuch's flips of a few elements), where the check before the
      // loop costs more than it saves (+10% there when they were included).
      if (Step <= 0 || Step >= MaxStep)
        continue;
      auto [Base, Offset] = splitStart(AR->getStart(), SE);
      Group *G = nullptr;
      for (Group &Existing : Groups)
        if (Existing.Base == Base && Existing.Step == Step)
          G = &Existing;
      if (!G) {
        Groups.emplace_back();
        Groups.back().Base = Base;
        Groups.back().Step = Step;
        G = &Groups.back();
      }
      G->MinOffset = std::min(G->MinOffset, Offset);
      G->MaxOffset = std::max(G->MaxOffset, Offset);
      G->Members.push_back({Z, Offset});
    }
  for (Group &G : Groups)
    for (auto [Z, Offset] : G.Members)
      collectAccesses(Z, Offset, G, F.getDataLayout());
  return Groups;
}

/// True when, for every group and every iteration k <= MaxBTC, Base + C +
/// Step * k lies in [0, 2^32) for the group's smallest and largest C (so
/// for all of them; Step > 0). All in i64: Base < 2^32, |C| < 2^31,
/// Step < 2^20 and k <= 2^32 keep every term far from overflow.
Value *Widener::buildCheck(ArrayRef<Group> Groups, const SCEV *MaxBTC,
                           Instruction *At, SmallVectorImpl<Value *> &Bases,
                           Value *&Count) {
  const DataLayout &DL = F.getDataLayout();
  SCEVExpander Exp(SE, DL, "w2n.widen");
  IRBuilder<> B(At);
  Type *I64 = B.getInt64Ty();
  Count = Exp.expandCodeFor(MaxBTC, MaxBTC->getType(), At);
  Value *OK = B.getTrue();
  if (Count->getType()->getIntegerBitWidth() > 32)
    OK = B.CreateICmpULE(Count,
                         ConstantInt::get(Count->getType(), uint64_t(1) << 32));
  Count = B.CreateZExtOrTrunc(Count, I64, "w2n.count");
  Value *Top = B.getInt64((int64_t(1) << 32) - 1);
  for (const Group &G : Groups) {
    Value *Base = Exp.expandCodeFor(SE.getZeroExtendExpr(G.Base, I64), I64, At);
    Bases.push_back(Base);
    Value *Lo = B.CreateAdd(Base, B.getInt64(G.MinOffset));
    Value *Hi = valueAfter(B, Base, G.MaxOffset, G.Step, Count);
    OK = B.CreateAnd(OK, B.CreateICmpSGE(Lo, B.getInt64(0)));
    OK = B.CreateAnd(OK, B.CreateICmpSLE(Hi, Top), "w2n.nowrap");
  }
  return OK;
}

/// Splits L's preheader P into P -> P' -> L, copies L (with a copy of P')
/// and ends P with a branch on BuildCondition, built at the end of P: true
/// runs L, false the copy. Returns the copy.
Loop *
Widener::versionLoop(Loop &L, const Twine &Suffix,
                     function_ref<Value *(IRBuilder<> &)> BuildCondition) {
  BasicBlock *CheckBB = L.getLoopPreheader();
  SmallVector<BasicBlock *, 4> Exits;
  L.getUniqueExitBlocks(Exits);
  BasicBlock *PH = SplitBlock(CheckBB, CheckBB->getTerminator(), &DT, &LI,
                              nullptr, L.getHeader()->getName() + ".w2n.ph");
  ValueToValueMapTy VMap;
  SmallVector<BasicBlock *, 8> CopyBlocks;
  Loop *Copy = cloneLoopWithPreheader(PH, CheckBB, &L, VMap, Suffix, &LI, &DT,
                                      CopyBlocks);
  remapInstructionsInBlocks(CopyBlocks, VMap);
  for (BasicBlock *Exit : Exits) {
    for (PHINode &Phi : Exit->phis()) {
      unsigned N = Phi.getNumIncomingValues();
      for (unsigned I = 0; I < N; ++I) {
        BasicBlock *In = Phi.getIncomingBlock(I);
        if (!L.contains(In))
          continue;
        Value *V = Phi.getIncomingValue(I);
        auto It = VMap.find(V);
        Phi.addIncoming(It != VMap.end() ? static_cast<Value *>(It->second) : V,
                        cast<BasicBlock>(VMap[In]));
      }
    }
    // Reached now from both loops: dominated by the check, or by whatever
    // dominated it and an earlier copy.
    DT.changeImmediateDominator(
        Exit, DT.findNearestCommonDominator(
                  DT.getNode(Exit)->getIDom()->getBlock(), CheckBB));
  }
  Instruction *OldBr = CheckBB->getTerminator();
  IRBuilder<> B(OldBr);
  Value *Cond = BuildCondition(B);
  B.CreateCondBr(Cond, PH, cast<BasicBlock>(VMap[PH]));
  OldBr->eraseFromParent();
  return Copy;
}

bool Widener::widen(Loop &L) {
  // The vectoriser would put the loop into this form next anyway.
  Simplified |=
      simplifyLoop(&L, &DT, &LI, &SE, &AC, nullptr, /*PreserveLCSSA=*/false);
  if (!L.isLoopSimplifyForm() || !L.hasDedicatedExits() || !L.isSafeToClone())
    return false;
  unsigned Size = 0;
  for (BasicBlock *BB : L.blocks())
    Size += BB->size();
  if (Size > MaxLoopInstructions)
    return false;
  // A loop of a few iterations gains little and is unrolled whole.
  if (const auto *Max =
          dyn_cast<SCEVConstant>(SE.getConstantMaxBackedgeTakenCount(&L));
      Max && Max->getAPInt().ult(MinIterations))
    return false;
  const SCEV *MaxBTC = SE.getSymbolicMaxBackedgeTakenCount(&L);
  if (isa<SCEVCouldNotCompute>(MaxBTC) ||
      MaxBTC->getType()->getIntegerBitWidth() > 64)
    return false;
  // Guard mode's provisional checks cost nothing once BoundsCheckElision.cpp
  // has handed them to the guard pages, which it can do only where an
  // access uses the address the check compares. A loop with a backward
  // index keeps that index's check, and such loops are mostly short
  // (fannkuch's flips of a few elements): taking the other checks out
  // would cost a check before every run of the loop, and widening alone
  // would leave checks of the wasm32 addresses in front of accesses of the
  // 64-bit ones, which stay compares. Such a loop is left as it is.
  if (ProvisionalChecks && keepsBackwardCheck(L))
    return false;
  SmallVector<Group, 4> Groups = collectGroups(L);
  if (Groups.empty())
    return false;
  BasicBlock *CheckBB = L.getLoopPreheader();
  Instruction *At = CheckBB->getTerminator();
  SCEVExpander Probe(SE, F.getDataLayout(), "w2n.probe");
  if (!Probe.isSafeToExpandAt(MaxBTC, At))
    return false;
  for (const Group &G : Groups)
    if (!Probe.isSafeToExpandAt(G.Base, At))
      return false;

  // Values leaving the loop go through phis in the exit blocks, which get
  // entries for the copies below.
  formLCSSA(L, DT, &LI, &SE);
  BasicBlock *Header = L.getHeader();
  BasicBlock *Latch = L.getLoopLatch();
  SmallVector<Value *, 4> Bases;
  Value *Count = nullptr;
  Loop *Slow = versionLoop(L, ".w2n.wrap", [&](IRBuilder<> &B) {
    return buildCheck(Groups, MaxBTC, &*B.GetInsertPoint(), Bases, Count);
  });
  // The copy only runs when an address would wrap, or (below) an access
  // would be out of bounds: keep it small.
  keepScalar(Slow);
  BasicBlock *FastPH = L.getLoopPreheader();
  IRBuilder<> B(FastPH->getTerminator());

  // In L, every member becomes the group's 64-bit induction variable plus
  // its offset.
  for (size_t GI = 0; GI < Groups.size(); ++GI) {
    const Group &G = Groups[GI];
    PHINode *IV = PHINode::Create(B.getInt64Ty(), 2, "w2n.addr");
    IV->insertBefore(Header->begin());
    IV->addIncoming(Bases[GI], FastPH);
    IRBuilder<> LB(Latch->getTerminator());
    Value *Next = LB.CreateAdd(IV, LB.getInt64(G.Step), "w2n.addr.next",
                               /*HasNUW=*/true, /*HasNSW=*/true);
    IV->addIncoming(Next, Latch);
    // Within [0, 2^33) wherever it runs: the check before the loop keeps
    // Base + C + Step * k within [0, 2^32) for every member's C (|C| <
    // 2^31), and Base is a zero-extension. BoundsCheckElision.cpp relies on
    // it to keep an access of this address inside the reservation.
    markWidenedAddress(*IV);
    for (auto [Z, Offset] : G.Members) {
      IRBuilder<> ZB(Z);
      Value *V = Offset == 0 ? static_cast<Value *>(IV)
                             : ZB.CreateAdd(IV, ZB.getInt64(Offset),
                                            Z->getName() + ".w2n",
                                            /*HasNUW=*/Offset > 0,
                                            /*HasNSW=*/true);
      Z->replaceAllUsesWith(V);
      Z->eraseFromParent();
    }
  }
  // Bounds checks first, so that both copies made for aliasing below run
  // without them.
  SE.forgetLoop(&L);
  removeBoundsChecks(L, MaxBTC, Slow->getLoopPreheader());
  // On this path the groups' accesses were checked not to overlap: say so
  // to alias analysis, one scope per group, so that the vectoriser needs
  // no run-time alias checks between them (its own would compare, for
  // example, p and p + 8 of one interleaved group and always fail).
  if (separateGroups(Groups)) {
    // When they do overlap (two pointers into one array, say), a copy of
    // the widened loop without the scopes runs.
    Loop *Overlapping = versionLoop(L, ".w2n.alias", [&](IRBuilder<> &CB) {
      return buildDisjointCheck(Groups, Bases, Count, CB);
    });
    // Overlapping groups leave little to vectorise; keep that copy scalar.
    keepScalar(Overlapping, /*Unroll=*/true);
    MDBuilder MDB(F.getContext());
    MDNode *Domain = MDB.createAnonymousAliasScopeDomain("w2n.widen");
    SmallVector<Metadata *, 8> Scopes;
    for (size_t GI = 0; GI < Groups.size(); ++GI)
      Scopes.push_back(MDB.createAnonymousAliasScope(Domain));
    for (size_t GI = 0; GI < Groups.size(); ++GI) {
      SmallVector<Metadata *, 8> Others;
      for (size_t GJ = 0; GJ < Groups.size(); ++GJ)
        if (GJ != GI)
          Others.push_back(Scopes[GJ]);
      MDNode *Scope = MDNode::get(F.getContext(), Scopes[GI]);
      MDNode *NoAlias = MDNode::get(F.getContext(), Others);
      for (Instruction *I : Groups[GI].Accesses) {
        I->setMetadata(LLVMContext::MD_alias_scope,
                       MDNode::concatenate(
                           I->getMetadata(LLVMContext::MD_alias_scope), Scope));
        I->setMetadata(LLVMContext::MD_noalias,
                       MDNode::concatenate(
                           I->getMetadata(LLVMContext::MD_noalias), NoAlias));
      }
    }
  }
  SE.forgetLoop(&L);
  return true;
}

/// Splits the condition of a branch to a trap into compares "Address >
/// Limit" (trap when any holds), each Address an increasing recurrence of
/// L (64-bit, or i32) and each Limit invariant in L. TrapOnTrue: the branch
/// traps when Cond is true (an `or` of compares), else when it is false
/// (an `and` of their inverses).
bool Widener::collectCompares(
    Loop &L, Value *Cond, bool TrapOnTrue,
    SmallVectorImpl<std::pair<Value *, Value *>> &Out) {
  if (Out.size() > 8)
    return false;
  Value *A, *B;
  if (TrapOnTrue ? match(Cond, m_LogicalOr(m_Value(A), m_Value(B)))
                 : match(Cond, m_LogicalAnd(m_Value(A), m_Value(B))))
    return collectCompares(L, A, TrapOnTrue, Out) &&
           collectCompares(L, B, TrapOnTrue, Out);
  auto *Cmp = dyn_cast<ICmpInst>(Cond);
  if (!Cmp)
    return false;
  CmpInst::Predicate P =
      TrapOnTrue ? Cmp->getPredicate() : Cmp->getInversePredicate();
  Value *Address, *Limit;
  if (P == CmpInst::ICMP_UGT) {
    Address = Cmp->getOperand(0);
    Limit = Cmp->getOperand(1);
  } else if (P == CmpInst::ICMP_ULT) {
    Address = Cmp->getOperand(1);
    Limit = Cmp->getOperand(0);
  } else {
    return false;
  }
  // 64-bit addresses, or the i32 ones InstCombine compares instead of
  // their zero-extensions.
  if (!(Address->getType()->isIntegerTy(64) ||
        Address->getType()->isIntegerTy(32)) ||
      !L.isLoopInvariant(Limit))
    return false;
  const SCEV *S = SE.getSCEV(Address);
  // An address the same in every iteration (a field of one struct that a
  // loop over others updates, nbody's body i) passes in all of them if it
  // passes before the loop: a recurrence of step 0. Only for explicit
  // checks, which stay in the loop otherwise; guard mode's provisional
  // ones cost nothing once BoundsCheckElision hands them to the guard
  // pages, while one more compare before the loop costs at every entry
  // (nbody's inner loop runs 2.5 iterations per entry: +9% instructions
  // in guard mode, -1.8% in explicit mode).
  if (SE.isLoopInvariant(S, &L)) {
    if (ProvisionalChecks)
      return false;
    Out.push_back({Address, Limit});
    return true;
  }
  const auto *AR = dyn_cast<SCEVAddRecExpr>(S);
  if (!AR || AR->getLoop() != &L || !AR->isAffine())
    return false;
  // Forward steps only: the backward loops of real programs are mostly
  // short (fannkuch's flips), where the check before the loop costs more
  // than it saves (+13% of fannkuch's instructions when they were taken).
  const auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
  if (!Step || Step->getAPInt().isNegative() || Step->getAPInt().uge(MaxStep))
    return false;
  Out.push_back({Address, Limit});
  return true;
}

/// Whether BB ends in a branch to an out-of-bounds trap out of L: then
/// Check holds it (without compares).
bool Widener::boundsCheckOf(Loop &L, BasicBlock &BB, BoundsCheck &Check) {
  auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
  if (!Br || !Br->isConditional())
    return false;
  for (unsigned Succ : {0, 1})
    if (!L.contains(Br->getSuccessor(Succ)) &&
        trapsOutOfBounds(Br->getSuccessor(Succ))) {
      Check = BoundsCheck{Br, /*TrapOnTrue=*/Succ == 0, {}};
      return true;
    }
  return false;
}

/// Whether L has a bounds check of a backward index that collectCompares
/// cannot take out of it.
bool Widener::keepsBackwardCheck(Loop &L) {
  for (BasicBlock *BB : L.blocks()) {
    BoundsCheck Check;
    if (boundsCheckOf(L, *BB, Check) &&
        !collectCompares(L, Check.Branch->getCondition(), Check.TrapOnTrue,
                         Check.Compares) &&
        stepsBack(L, Check.Branch->getCondition()))
      return true;
  }
  return false;
}

/// Whether one of the compares in Cond (an and/or tree) has an operand
/// that steps backward in L.
bool Widener::stepsBack(Loop &L, Value *Cond) {
  Value *A, *B;
  if (match(Cond, m_LogicalOr(m_Value(A), m_Value(B))) ||
      match(Cond, m_LogicalAnd(m_Value(A), m_Value(B))))
    return stepsBack(L, A) || stepsBack(L, B);
  auto *Cmp = dyn_cast<ICmpInst>(Cond);
  if (!Cmp)
    return false;
  return llvm::any_of(Cmp->operands(), [&](Value *Op) {
    const auto *AR = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Op));
    const auto *Step = AR && AR->getLoop() == &L
                           ? dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE))
                           : nullptr;
    return Step && Step->getAPInt().isNegative();
  });
}

/// The first value and the step of an address collectCompares took: an
/// affine recurrence of the loop, or a value invariant in it (step 0).
std::pair<const SCEV *, int64_t> startAndStep(const SCEV *S,
                                              ScalarEvolution &SE) {
  const auto *AR = dyn_cast<SCEVAddRecExpr>(S);
  if (!AR)
    return {S, 0};
  return {
      AR->getStart(),
      cast<SCEVConstant>(AR->getStepRecurrence(SE))->getAPInt().getSExtValue()};
}

/// Bounds checks: in the widened loop each check compares an increasing
/// recurrence with a limit that does not change in the loop, so one
/// comparison of its last value before the loop shows that none of them
/// can trap. Where that holds for all checks at once, L runs without them;
/// elsewhere Fallback, the loop as it was, keeps them and traps at the
/// exact access (in guard mode BoundsCheckElision.cpp then hands them to
/// the guard pages, its addresses being the plain wasm32 ones).
void Widener::removeBoundsChecks(Loop &L, const SCEV *MaxBTC,
                                 BasicBlock *Fallback) {
  SmallVector<BoundsCheck, 8> Checks;
  for (BasicBlock *BB : L.blocks()) {
    BoundsCheck Check;
    if (!boundsCheckOf(L, *BB, Check))
      continue;
    if (collectCompares(L, Check.Branch->getCondition(), Check.TrapOnTrue,
                        Check.Compares))
      Checks.push_back(std::move(Check));
  }
  if (Checks.empty())
    return;
  Instruction *At = L.getLoopPreheader()->getTerminator();
  SCEVExpander Probe(SE, F.getDataLayout(), "w2n.probe");
  for (const BoundsCheck &C : Checks)
    for (auto [Address, Limit] : C.Compares)
      if (!Probe.isSafeToExpandAt(startAndStep(SE.getSCEV(Address), SE).first,
                                  At))
        return;

  // PH -> NewPH -> L, and PH goes to Fallback (the copy of the loop as it
  // was, which keeps every check) unless all checks pass on their last
  // value.
  BasicBlock *PH = L.getLoopPreheader();
  BasicBlock *NewPH = SplitBlock(PH, PH->getTerminator(), &DT, &LI, nullptr,
                                 L.getHeader()->getName() + ".w2n.inbounds");
  IRBuilder<> B(PH->getTerminator());
  SCEVExpander Exp(SE, F.getDataLayout(), "w2n.bounds");
  Instruction *Pt = PH->getTerminator();
  Value *Count = B.CreateZExtOrTrunc(
      Exp.expandCodeFor(MaxBTC, MaxBTC->getType(), Pt), B.getInt64Ty());
  // The compares of one recurrence (one Base and Step, starts C apart)
  // against one limit need only their extremes checked: the smallest start
  // not below zero, the largest last value within the limit (and, for
  // i32 addresses, below 2^32, so that no i32 address wraps and each is
  // Base + C + Step * k). A loop over structs checks once per struct
  // pointer, not once per field.
  struct CompareGroup {
    const SCEV *Base;
    int64_t Step;
    Value *Limit;
    int64_t MinC = INT64_MAX, MaxC = INT64_MIN;
  };
  SmallVector<CompareGroup, 8> Groups;
  for (const BoundsCheck &C : Checks)
    for (const auto &Compare : C.Compares) {
      Value *Limit = Compare.second;
      const SCEV *Start;
      int64_t Step;
      std::tie(Start, Step) = startAndStep(SE.getSCEV(Compare.first), SE);
      const SCEV *Base;
      int64_t Offset;
      std::tie(Base, Offset) = splitStart(Start, SE);
      if (Offset > MaxOffset || Offset < -MaxOffset) {
        Base = Start;
        Offset = 0;
      }
      auto It = llvm::find_if(Groups, [&](const CompareGroup &G) {
        return G.Base == Base && G.Step == Step && G.Limit == Limit;
      });
      if (It == Groups.end()) {
        Groups.push_back({Base, Step, Limit});
        It = std::prev(Groups.end());
      }
      It->MinC = std::min(It->MinC, Offset);
      It->MaxC = std::max(It->MaxC, Offset);
    }
  Value *OK = B.getTrue();
  for (const CompareGroup &G : Groups) {
    // Base + C + Step * Count: at most 2^33 + 2^33 + 2^20 * 2^32, no
    // overflow.
    Value *Base = Exp.expandCodeFor(
        SE.getZeroExtendExpr(G.Base, B.getInt64Ty()), B.getInt64Ty(), Pt);
    if (G.MinC < 0)
      OK = B.CreateAnd(OK, B.CreateICmpSGE(Base, B.getInt64(-G.MinC)));
    Value *Last = valueAfter(B, Base, G.MaxC, G.Step, Count);
    Value *Limit = G.Limit;
    if (Limit->getType()->isIntegerTy(32)) {
      OK = B.CreateAnd(
          OK, B.CreateICmpULE(Last, B.getInt64((int64_t(1) << 32) - 1)));
      Limit = B.CreateZExt(Limit, B.getInt64Ty());
    }
    OK = B.CreateAnd(OK, B.CreateICmpULE(Last, Limit), "w2n.inbounds");
  }
  B.CreateCondBr(OK, NewPH, Fallback);
  Pt->eraseFromParent();
  // Fallback's only predecessor dominates PH: its dominator stays.
  DomTreeUpdater DTU(DT, DomTreeUpdater::UpdateStrategy::Eager);
  DTU.applyUpdates({{DominatorTree::Insert, PH, Fallback}});
  // The branches go: an edge to a trap block left in the loop would make
  // every value that block reads (the load sink's accumulators in guard
  // mode) live out of the loop on it, which the vectoriser rejects.
  for (const BoundsCheck &C : Checks) {
    C.Branch->setCondition(ConstantInt::getBool(F.getContext(), !C.TrapOnTrue));
    ConstantFoldTerminator(C.Branch->getParent(),
                           /*DeleteDeadConditions=*/true, nullptr, &DTU);
  }
  SE.forgetLoop(&L);
}

} // namespace

PreservedAnalyses AddressWideningPass::run(Function &F,
                                           FunctionAnalysisManager &FAM) {
  auto &LI = FAM.getResult<LoopAnalysis>(F);
  auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  auto &AC = FAM.getResult<AssumptionAnalysis>(F);
  if (!Widener(F, LI, DT, SE, AC, ProvisionalChecks).run())
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserve<LoopAnalysis>();
  PA.preserve<DominatorTreeAnalysis>();
  return PA;
}

} // namespace w2n
