//===- ScanVectorization.cpp - Vector search ahead of early-exit loops ----===//
//
//                    SANDBOX-CRITICAL CODE: two reviews per change.
//
// Byte loops that stop at the first difference or at a given byte —
// wasi-libc's `memcmp` (`for (; n && *l == *r; n--, l++, r++);`), the
// match-length loop of a compressor, `memchr` — are scalar in every wasm
// runtime: LLVM 19's vectoriser leaves loops with an early exit alone, and
// the wasm module calls its own portable libc, not the host's vectorised
// one. The native build of the same program calls glibc's.
//
// This pass handles innermost loops made only of
//   * induction variables (affine recurrences for ScalarEvolution) and
//     load-sink accumulators (lower/EmitMemory.cpp; their value is
//     irrelevant once the loads cannot fault);
//   * loads from linear memory that step by their own size
//     (membase + {Off,+,Size}, as address widening leaves them);
//   * side-effect-free arithmetic;
//   * exits that are either *counted* (ScalarEvolution knows the
//     iteration E at which they leave) or *data* exits, whose condition is
//     an expression of the loads and loop-invariant values only.
// In front of such a loop it places a vector loop that evaluates the data
// exits' conditions for VF iterations at once (VF * Size = one vector
// register) over the iterations [0, E), and stops at the first block in
// which one of them leaves: K is the first iteration that leaves (or where
// the vector loop stopped). The original loop then starts at iteration K,
// with every induction variable set to its value there, and runs exactly
// as before: it makes the exit, computes the values that leave the loop,
// and traps where the wasm program traps.
//
// Exactness:
//  * Iterations k < K do not exit: the counted exits leave at E or later,
//    and every data exit's condition was evaluated for them. Their only
//    effects are reads of memory and the values of the induction variables,
//    which are set for iteration K, and of the load sinks, whose values
//    only keep loads alive.
//  * The vector loop reads exactly the bytes the loop reads in iterations
//    [0, E) (it stops at E), which may be more than the scalar loop would
//    read before a difference. So it runs only when a check before it shows
//    all of them inside the memory (Off + E * Size <= size in bytes, both
//    bounds-check modes); otherwise the loop runs from K = 0 as before. The
//    memory cannot shrink, and there are no calls or stores in the loop.
//
// Runs at the start of the vectoriser passes, after address widening (which
// gives the loads 64-bit affine addresses); the scalar loop is left to the
// rest of the pipeline. Loops that address widening keeps scalar (the
// fallback copies) are left alone.
//
//===----------------------------------------------------------------------===//

#include "transform/ScanVectorization.h"

#include "ir/InstanceContext.h"
#include "ir/LoopHints.h"
#include "ir/Markers.h"
#include "transform/MemoryAddress.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

using namespace llvm;

namespace w2n {

namespace {

/// Larger loops do real work per iteration; a search loop is small.
constexpr unsigned MaxLoopInstructions = 64;
constexpr unsigned MaxLoads = 4;
/// Nodes of one exit condition's expression.
constexpr unsigned MaxConditionNodes = 24;
/// The vector loop covers at most this many iterations, so that Off +
/// E * Size (Off < 2^35, Size <= 8) cannot overflow 64 bits.
constexpr uint64_t MaxScanIterations = uint64_t(1) << 33;
constexpr uint64_t MaxOffset = uint64_t(1) << 35;
/// Wider registers than this would make the vector loop's first block
/// larger than most matches are long.
constexpr unsigned MaxVectorBits = 256;

/// A load of the loop: membase + Offset + Size * k in iteration k.
struct ScanLoad {
  LoadInst *Load;
  const SCEV *Offset;
  unsigned Size;
};

/// A branch that leaves the loop on the value of an expression of loads.
struct DataExit {
  BranchInst *Branch;
  bool ExitOnTrue;
};

/// The values of F whose every use, directly or through PHIs, extensions,
/// truncations, bitcasts and ORs, is a load-sink store: their values do not
/// matter, only the loads they keep alive. The largest such set: guard mode
/// merges the sinks of a whole function in the PHIs of its trap blocks,
/// which a search from one PHI with a small budget gave up on.
DenseSet<const Value *> sinkOnlyValues(Function &F) {
  auto PassesOn = [](const Instruction &I) {
    return isa<PHINode>(I) || isa<ZExtInst>(I) || isa<TruncInst>(I) ||
           isa<BitCastInst>(I) ||
           (isa<BinaryOperator>(I) && I.getOpcode() == Instruction::Or);
  };
  DenseSet<const Value *> Good;
  for (Instruction &I : instructions(F))
    if (PassesOn(I))
      Good.insert(&I);
  // Drop every candidate with a use that is neither a sink store of it nor
  // a candidate, until none is left.
  SmallVector<const Instruction *, 64> Work;
  for (const Value *V : Good)
    Work.push_back(cast<Instruction>(V));
  while (!Work.empty()) {
    const Instruction *I = Work.pop_back_val();
    if (!Good.contains(I))
      continue;
    bool Bad = llvm::any_of(I->users(), [&](const User *U) {
      if (const auto *Store = dyn_cast<StoreInst>(U))
        return Store->getValueOperand() != I || !isLoadSinkStore(*Store);
      return !Good.contains(U);
    });
    if (!Bad)
      continue;
    Good.erase(I);
    for (const Value *Op : I->operands())
      if (const auto *OpI = dyn_cast<Instruction>(Op);
          OpI && Good.contains(OpI))
        Work.push_back(OpI);
  }
  return Good;
}

class ScanVectorizer {
public:
  ScanVectorizer(Function &F, LoopInfo &LI, DominatorTree &DT,
                 ScalarEvolution &SE, AssumptionCache &AC,
                 const TargetTransformInfo &TTI)
      : F(F), LI(LI), DT(DT), SE(SE), AC(AC), TTI(TTI) {}

  bool run() {
    SinkOnly = sinkOnlyValues(F);
    unsigned Bits =
        TTI.getRegisterBitWidth(TargetTransformInfo::RGK_FixedWidthVector)
            .getFixedValue();
    VectorBytes = std::min(Bits, MaxVectorBits) / 8;
    if (VectorBytes < 8)
      return false;
    // Collected first: the pass adds loops.
    SmallVector<Loop *, 16> Innermost;
    for (Loop *L : LI.getLoopsInPreorder())
      if (L->isInnermost())
        Innermost.push_back(L);
    bool Changed = false;
    for (Loop *L : Innermost)
      Changed |= tryLoop(*L);
    return Changed || Simplified;
  }

private:
  bool analyse(Loop &L);
  bool canVectorize(Value *V, unsigned &Nodes);
  Value *vectorize(Value *V, IRBuilder<> &B);
  void transform(Loop &L);

  Function &F;
  LoopInfo &LI;
  DominatorTree &DT;
  ScalarEvolution &SE;
  AssumptionCache &AC;
  const TargetTransformInfo &TTI;
  unsigned VectorBytes = 0;
  /// sinkOnlyValues(F), as the function was before the pass changed it (the
  /// loops it adds have no sinks of their own).
  DenseSet<const Value *> SinkOnly;
  /// Whether loop-simplify changed a loop that was then left alone.
  bool Simplified = false;

  // The loop being handled.
  Loop *Cur = nullptr;
  Value *MemBase = nullptr;
  SmallVector<ScanLoad, 4> Loads;
  SmallVector<DataExit, 2> DataExits;
  SmallVector<const SCEV *, 2> ExitCounts;
  SmallVector<PHINode *, 8> Inductions;
  unsigned VF = 0;
  DenseMap<Value *, Value *> Vectorized;

  bool tryLoop(Loop &L) {
    Cur = &L;
    MemBase = nullptr;
    Loads.clear();
    DataExits.clear();
    ExitCounts.clear();
    Inductions.clear();
    Vectorized.clear();
    if (!analyse(L))
      return false;
    transform(L);
    return true;
  }
};

bool ScanVectorizer::canVectorize(Value *V, unsigned &Nodes) {
  if (++Nodes > MaxConditionNodes || !V->getType()->isIntegerTy())
    return false;
  auto *I = dyn_cast<Instruction>(V);
  if (!I)
    return isa<ConstantInt>(V) || isa<Argument>(V);
  if (!Cur->contains(I))
    return true; // Defined before the loop: a loop invariant.
  if (auto *Load = dyn_cast<LoadInst>(I))
    return llvm::any_of(Loads,
                        [&](const ScanLoad &S) { return S.Load == Load; });
  if (isa<ICmpInst>(I) || isa<SelectInst>(I) || isa<ZExtInst>(I) ||
      isa<SExtInst>(I) || isa<TruncInst>(I) ||
      (isa<BinaryOperator>(I) &&
       is_contained({Instruction::And, Instruction::Or, Instruction::Xor,
                     Instruction::Add, Instruction::Sub, Instruction::Mul},
                    I->getOpcode())))
    return llvm::all_of(I->operands(),
                        [&](Value *Op) { return canVectorize(Op, Nodes); });
  return false;
}

/// The <VF x T> value of V over VF consecutive iterations. Flags that could
/// make a lane poison (nsw, nuw, exact) are not carried over: lanes past
/// the first exit compute what the scalar loop never computes.
Value *ScanVectorizer::vectorize(Value *V, IRBuilder<> &B) {
  if (Value *Done = Vectorized.lookup(V))
    return Done;
  Value *Result = nullptr;
  auto *I = dyn_cast<Instruction>(V);
  if (!I || !Cur->contains(I)) {
    Result = B.CreateVectorSplat(VF, V);
  } else if (auto *Cmp = dyn_cast<ICmpInst>(I)) {
    Result = B.CreateICmp(Cmp->getPredicate(), vectorize(Cmp->getOperand(0), B),
                          vectorize(Cmp->getOperand(1), B));
  } else if (auto *Sel = dyn_cast<SelectInst>(I)) {
    Result = B.CreateSelect(vectorize(Sel->getCondition(), B),
                            vectorize(Sel->getTrueValue(), B),
                            vectorize(Sel->getFalseValue(), B));
  } else if (auto *Cast = dyn_cast<CastInst>(I)) {
    Result = B.CreateCast(Cast->getOpcode(), vectorize(Cast->getOperand(0), B),
                          FixedVectorType::get(Cast->getDestTy(), VF));
  } else {
    auto *Bin = cast<BinaryOperator>(I);
    Result = B.CreateBinOp(Bin->getOpcode(), vectorize(Bin->getOperand(0), B),
                           vectorize(Bin->getOperand(1), B));
  }
  Vectorized[V] = Result;
  return Result;
}

bool ScanVectorizer::analyse(Loop &L) {
  // Loop versioning (address widening) leaves exits shared between copies.
  Simplified |=
      simplifyLoop(&L, &DT, &LI, &SE, &AC, nullptr, /*PreserveLCSSA=*/false);
  if (!L.isLoopSimplifyForm() || !L.hasDedicatedExits())
    return false;
  // The copies that address widening keeps scalar run only in rare cases.
  if (isKeptScalar(&L))
    return false;
  BasicBlock *Latch = L.getLoopLatch();
  BasicBlock *Header = L.getHeader();
  unsigned Size = 0;
  for (BasicBlock *BB : L.blocks())
    Size += BB->size();
  if (Size > MaxLoopInstructions)
    return false;

  for (BasicBlock *BB : L.blocks()) {
    for (Instruction &I : *BB) {
      if (auto *Phi = dyn_cast<PHINode>(&I)) {
        if (BB != Header)
          return false;
        const auto *AR = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Phi));
        if (AR && AR->getLoop() == &L && AR->isAffine())
          Inductions.push_back(Phi);
        else if (!SinkOnly.contains(Phi)) // A sink keeps its start value.
          return false;
        continue;
      }
      if (auto *Load = dyn_cast<LoadInst>(&I)) {
        if (!Load->isSimple() || !Load->getType()->isIntegerTy() ||
            Loads.size() == MaxLoads)
          return false;
        unsigned Bytes = Load->getType()->getIntegerBitWidth() / 8;
        if (Bytes * 8 != Load->getType()->getIntegerBitWidth() ||
            !isPowerOf2_32(Bytes) || Bytes > 8)
          return false;
        const auto *AR =
            dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Load->getPointerOperand()));
        if (!AR || AR->getLoop() != &L || !AR->isAffine())
          return false;
        const auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
        if (!Step || Step->getAPInt() != Bytes)
          return false;
        const auto *Base = dyn_cast<SCEVUnknown>(SE.getPointerBase(AR));
        if (!Base || !memoryOfBase(Base->getValue(), F.getDataLayout()) ||
            (MemBase && MemBase != Base->getValue()))
          return false;
        MemBase = Base->getValue();
        Loads.push_back({Load, SE.removePointerBase(AR->getStart()), Bytes});
        continue;
      }
      if (auto *Br = dyn_cast<BranchInst>(&I)) {
        // Every decision in the loop is an exit.
        if (Br->isConditional() && L.contains(Br->getSuccessor(0)) &&
            L.contains(Br->getSuccessor(1)))
          return false;
        continue;
      }
      if (I.mayHaveSideEffects() || I.mayReadFromMemory() || I.isTerminator() ||
          I.getType()->isVectorTy())
        return false;
    }
  }
  if (Loads.empty())
    return false;

  SmallVector<BasicBlock *, 4> Exiting;
  L.getExitingBlocks(Exiting);
  for (BasicBlock *BB : Exiting) {
    auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
    if (!Br || !Br->isConditional() || !DT.dominates(BB, Latch))
      return false;
    const SCEV *Count = SE.getExitCount(&L, BB);
    if (!isa<SCEVCouldNotCompute>(Count)) {
      if (Count->getType()->getIntegerBitWidth() > 64)
        return false;
      ExitCounts.push_back(Count);
      continue;
    }
    unsigned Nodes = 0;
    if (!canVectorize(Br->getCondition(), Nodes))
      return false;
    DataExits.push_back({Br, !L.contains(Br->getSuccessor(0))});
  }
  if (DataExits.empty() || ExitCounts.empty())
    return false;

  unsigned MaxBytes = 1;
  for (const ScanLoad &S : Loads)
    MaxBytes = std::max(MaxBytes, S.Size);
  VF = VectorBytes / MaxBytes;
  if (VF < 2)
    return false;

  Instruction *At = L.getLoopPreheader()->getTerminator();
  SCEVExpander Probe(SE, F.getDataLayout(), "w2n.probe");
  for (const SCEV *C : ExitCounts)
    if (!Probe.isSafeToExpandAt(C, At))
      return false;
  for (const ScanLoad &S : Loads)
    if (!Probe.isSafeToExpandAt(S.Offset, At) ||
        S.Offset->getType()->getIntegerBitWidth() != 64)
      return false;
  for (PHINode *Phi : Inductions) {
    const auto *AR = cast<SCEVAddRecExpr>(SE.getSCEV(Phi));
    if (!Probe.isSafeToExpandAt(AR->getStart(), At) ||
        !Probe.isSafeToExpandAt(AR->getStepRecurrence(SE), At))
      return false;
  }
  return true;
}

void ScanVectorizer::transform(Loop &L) {
  LLVMContext &Ctx = F.getContext();
  const DataLayout &DL = F.getDataLayout();
  Type *I64 = Type::getInt64Ty(Ctx);
  BasicBlock *Header = L.getHeader();
  BasicBlock *PH = L.getLoopPreheader();

  // Where the loop resumes, at iteration K.
  BasicBlock *Resume = SplitBlock(PH, PH->getTerminator(), &DT, &LI, nullptr,
                                  Header->getName() + ".w2n.resume");

  // Before the loop: E, the first iteration a counted exit can leave in,
  // the loads' offsets, and whether [Off, Off + E * Size) is inside the
  // memory for every load.
  SCEVExpander Exp(SE, DL, "w2n.scan");
  IRBuilder<> B(PH->getTerminator());
  Value *E = B.CreateZExtOrTrunc(
      Exp.expandCodeFor(SE.getUMinFromMismatchedTypes(ExitCounts), nullptr,
                        PH->getTerminator()),
      I64, "w2n.scan.count");
  Value *Memory = cast<LoadInst>(MemBase)->getPointerOperand();
  Value *MemSize = loadMemorySize(B, Memory);
  Value *OK = B.CreateAnd(B.CreateICmpUGE(E, B.getInt64(VF)),
                          B.CreateICmpULE(E, B.getInt64(MaxScanIterations)));
  SmallVector<Value *, 4> Offsets;
  for (const ScanLoad &S : Loads) {
    Value *Off = Exp.expandCodeFor(S.Offset, I64, PH->getTerminator());
    Offsets.push_back(Off);
    Value *End = B.CreateAdd(Off, B.CreateMul(E, B.getInt64(S.Size)));
    OK = B.CreateAnd(OK, B.CreateICmpULE(Off, B.getInt64(MaxOffset)));
    OK = B.CreateAnd(OK, B.CreateICmpULE(End, MemSize), "w2n.scan.inmemory");
  }
  // The last block of the vector loop starts at E - VF or before.
  Value *LastStart = B.CreateSub(E, B.getInt64(VF), "w2n.scan.last");

  // The vector loop.
  BasicBlock *Scan =
      BasicBlock::Create(Ctx, Header->getName() + ".w2n.scan", &F, Resume);
  BasicBlock *Next =
      BasicBlock::Create(Ctx, Header->getName() + ".w2n.scan.next", &F, Resume);
  BasicBlock *Found = BasicBlock::Create(
      Ctx, Header->getName() + ".w2n.scan.found", &F, Resume);
  PH->getTerminator()->eraseFromParent();
  BranchInst::Create(Scan, Resume, OK, PH);

  IRBuilder<> SB(Scan);
  PHINode *K = SB.CreatePHI(I64, 2, "w2n.scan.k");
  K->addIncoming(B.getInt64(0), PH);
  for (size_t I = 0; I < Loads.size(); ++I) {
    ScanLoad &S = Loads[I];
    Value *Addr = SB.CreateGEP(
        SB.getInt8Ty(), MemBase,
        SB.CreateAdd(Offsets[I], SB.CreateMul(K, SB.getInt64(S.Size))));
    LoadInst *V =
        SB.CreateAlignedLoad(FixedVectorType::get(S.Load->getType(), VF), Addr,
                             Align(1), S.Load->getName() + ".w2n.scan");
    V->setMetadata(LLVMContext::MD_tbaa,
                   S.Load->getMetadata(LLVMContext::MD_tbaa));
    Vectorized[S.Load] = V;
  }
  Value *Leaves = nullptr;
  for (const DataExit &D : DataExits) {
    Value *C = vectorize(D.Branch->getCondition(), SB);
    if (!D.ExitOnTrue)
      C = SB.CreateNot(C);
    Leaves = Leaves ? SB.CreateOr(Leaves, C) : C;
  }
  // Lanes past the first exit may compute what the scalar loop never does.
  Leaves = SB.CreateFreeze(Leaves, "w2n.scan.leaves");
  SB.CreateCondBr(SB.CreateOrReduce(Leaves), Found, Next);

  IRBuilder<> NB(Next);
  Value *KNext = NB.CreateAdd(K, NB.getInt64(VF), "w2n.scan.k.next",
                              /*HasNUW=*/true, /*HasNSW=*/true);
  K->addIncoming(KNext, Next);
  NB.CreateCondBr(NB.CreateICmpULE(KNext, LastStart), Scan, Resume);

  IRBuilder<> FB(Found);
  PHINode *KFound = FB.CreatePHI(I64, 1, "w2n.scan.k.found");
  KFound->addIncoming(K, Scan);
  PHINode *LeavesFound =
      FB.CreatePHI(Leaves->getType(), 1, "w2n.scan.leaves.found");
  LeavesFound->addIncoming(Leaves, Scan);
  Value *Lane = FB.CreateBinaryIntrinsic(
      Intrinsic::cttz, FB.CreateBitCast(LeavesFound, FB.getIntNTy(VF)),
      FB.getTrue());
  Value *KAt = FB.CreateAdd(KFound, FB.CreateZExt(Lane, I64), "w2n.scan.at");
  FB.CreateBr(Resume);

  // Every induction variable resumes at its value in iteration K.
  IRBuilder<> RB(&Resume->front());
  PHINode *KStart = RB.CreatePHI(I64, 3, "w2n.scan.start");
  KStart->addIncoming(B.getInt64(0), PH);
  KStart->addIncoming(KNext, Next);
  KStart->addIncoming(KAt, Found);
  const SCEV *KS = SE.getUnknown(KStart);
  for (PHINode *Phi : Inductions) {
    const auto *AR = cast<SCEVAddRecExpr>(SE.getSCEV(Phi));
    const SCEV *Step = AR->getStepRecurrence(SE);
    const SCEV *At = SE.getAddExpr(
        AR->getStart(),
        SE.getMulExpr(Step, SE.getTruncateOrZeroExtend(KS, Step->getType())));
    Value *Start =
        Exp.expandCodeFor(At, Phi->getType(), Resume->getTerminator());
    Phi->setIncomingValueForBlock(Resume, Start);
  }

  // Keep the analyses up to date for the loops still to come.
  DT.addNewBlock(Scan, PH);
  DT.addNewBlock(Next, Scan);
  DT.addNewBlock(Found, Scan);
  Loop *Parent = L.getParentLoop();
  Loop *ScanLoop = LI.AllocateLoop();
  if (Parent)
    Parent->addChildLoop(ScanLoop);
  else
    LI.addTopLevelLoop(ScanLoop);
  ScanLoop->addBasicBlockToLoop(Scan, LI);
  ScanLoop->addBasicBlockToLoop(Next, LI);
  if (Parent)
    Parent->addBasicBlockToLoop(Found, LI);
  // Already vector code: not for the vectoriser or the unroller.
  keepScalar(ScanLoop);
  SE.forgetTopmostLoop(&L);
}

} // namespace

PreservedAnalyses ScanVectorizationPass::run(Function &F,
                                             FunctionAnalysisManager &FAM) {
  auto &LI = FAM.getResult<LoopAnalysis>(F);
  auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  auto &AC = FAM.getResult<AssumptionAnalysis>(F);
  auto &TTI = FAM.getResult<TargetIRAnalysis>(F);
  if (!ScanVectorizer(F, LI, DT, SE, AC, TTI).run())
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserve<LoopAnalysis>();
  PA.preserve<DominatorTreeAnalysis>();
  return PA;
}

} // namespace w2n
