//===- EpochChecks.cpp - Epoch interruption checks ------------------------===//
//
// compile --epoch must stop any computation that runs past its deadline, so
// every way of running forever has to pass a check: a cycle in the control
// flow, or an unbounded chain of calls. Checking at the headers of the
// *wasm* loops, before optimisation, makes every loop carry a volatile load
// and a call, and LLVM then neither vectorises nor unrolls it; the checks
// cost nearly as much as fuel.
//
// So lowering emits none, and this pass runs after the optimisation
// pipeline (at every -O level), on the control flow that will actually
// run:
//
// * every cycle of the final CFG gets a check at its header. LLVM's
//   CycleInfo also describes irreducible cycles, and any closed path either
//   passes the header of its cycle or lies in a child cycle (the cycle
//   minus its header), whose header is checked in turn. A vectorised or
//   unrolled loop checks once per vector iteration, not per element;
// * except an innermost loop that ScalarEvolution bounds by fewer than
//   2^16 iterations (a string compare up to a maximum length, a fixed-size
//   block): it cannot run forever, and leaves into code that is checked,
//   so an interruption waits at most that many of its iterations. Such
//   loops are short and hot, where a check costs the most;
// * every function that calls something checks at its entry, which bounds
//   recursion; a function without calls and without cycles returns after a
//   bounded number of instructions and needs no check.
//
// A check is one volatile load of the engine's counter, one load of
// vmctx->epoch_deadline, a compare and a branch that is never taken in the
// common case; the interrupt path calls rt->epoch_interrupt, which traps or
// returns with a new deadline.
//
//===----------------------------------------------------------------------===//

#include "transform/EpochChecks.h"

#include "ir/InstanceContext.h"
#include "ir/Markers.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace w2n {

namespace {

/// An innermost loop that runs at most this many iterations per entry
/// needs no check of its own: it always exits soon, into code that is
/// checked (an enclosing loop's header, or a function that returns).
constexpr uint64_t MaxUncheckedIterations = 1 << 16;

/// True if the cycle is an innermost natural loop that LLVM can bound by a
/// small constant number of iterations.
bool isShortInnermostLoop(const CycleInfo::CycleT &C, const LoopInfo &LI,
                          ScalarEvolution &SE) {
  if (!C.children().empty() || !C.isReducible())
    return false;
  const Loop *L = LI.getLoopFor(C.getHeader());
  if (!L || L->getHeader() != C.getHeader() || !L->isInnermost())
    return false;
  const auto *Max =
      dyn_cast<SCEVConstant>(SE.getConstantMaxBackedgeTakenCount(L));
  return Max && Max->getAPInt().ult(MaxUncheckedIterations);
}

void collectHeaders(const CycleInfo::CycleT &C, const LoopInfo &LI,
                    ScalarEvolution &SE,
                    SmallPtrSetImpl<const BasicBlock *> &Headers) {
  if (!isShortInnermostLoop(C, LI, SE))
    Headers.insert(C.getHeader());
  for (const auto &Child : C.children())
    collectHeaders(*Child, LI, SE, Headers);
}

bool makesCalls(const llvm::Function &F) {
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      if (const auto *Call = dyn_cast<CallBase>(&I))
        if (!isa<IntrinsicInst>(Call) && !Call->isInlineAsm() &&
            !Call->doesNotReturn())
          return true;
  return false;
}

class CheckBuilder {
public:
  CheckBuilder(llvm::Function &F, uint32_t FuncIndex)
      : F(F), Ctx(F.getContext()), VMCtx(F.getArg(0)), FuncIndex(FuncIndex) {
    // After the last alloca: allocas must stay in the entry block to be
    // static, and at -O0 they are interleaved with the stores of the
    // parameters.
    BasicBlock &Entry = F.getEntryBlock();
    Instruction *At = &*Entry.getFirstNonPHIOrDbgOrAlloca();
    for (Instruction &I : Entry)
      if (isa<AllocaInst>(I))
        At = I.getNextNode();
    IRBuilder<> B(At);
    Counter = loadEpochCounter(B, VMCtx);
  }

  /// Inserts a check before \p Before, splitting its block.
  void insertBefore(Instruction *Before);
  Instruction *afterCounter() const { return Counter->getNextNode(); }

private:
  llvm::Function &F;
  LLVMContext &Ctx;
  Value *VMCtx;
  uint32_t FuncIndex;
  LoadInst *Counter;
};

void CheckBuilder::insertBefore(Instruction *Before) {
  BasicBlock *Head = Before->getParent();
  BasicBlock *Cont = SplitBlock(Head, Before);
  Cont->setName("epoch.cont");
  BasicBlock *Interrupt = BasicBlock::Create(Ctx, "epoch.interrupt", &F, Cont);

  Head->getTerminator()->eraseFromParent();
  IRBuilder<> B(Head);
  LoadInst *Epoch = B.CreateLoad(B.getInt64Ty(), Counter, "epoch");
  Epoch->setVolatile(true);
  Value *Deadline = loadEpochDeadline(B, VMCtx);
  B.CreateCondBr(B.CreateICmpUGE(Epoch, Deadline), Interrupt, Cont,
                 MDBuilder(Ctx).createUnlikelyBranchWeights());

  B.SetInsertPoint(Interrupt);
  createRuntimeCall(B, VMCtx, RtEpochInterrupt, {VMCtx, B.getInt32(FuncIndex)},
                    "rt.epoch_interrupt");
  B.CreateBr(Cont);
}

} // namespace

PreservedAnalyses EpochCheckPass::run(llvm::Function &F,
                                      FunctionAnalysisManager &FAM) {
  Attribute Attr = F.getFnAttribute(EpochFuncIndexAttr);
  if (!Attr.isValid() || F.isDeclaration())
    return PreservedAnalyses::all();
  uint32_t FuncIndex = 0;
  if (Attr.getValueAsString().getAsInteger(10, FuncIndex))
    return PreservedAnalyses::all();

  SmallPtrSet<const BasicBlock *, 16> Headers;
  const LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
  ScalarEvolution &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  for (const auto *C : FAM.getResult<CycleAnalysis>(F).toplevel_cycles())
    collectHeaders(*C, LI, SE, Headers);
  bool AtEntry = makesCalls(F);
  if (Headers.empty() && !AtEntry)
    return PreservedAnalyses::all();

  // Block order, not set order, so that the output is deterministic.
  SmallVector<BasicBlock *, 16> Order;
  for (BasicBlock &BB : F)
    if (Headers.contains(&BB))
      Order.push_back(&BB);
  CheckBuilder Checks(F, FuncIndex);
  if (AtEntry)
    Checks.insertBefore(Checks.afterCounter());
  for (BasicBlock *Header : Order)
    Checks.insertBefore(&*Header->getFirstInsertionPt());
  return PreservedAnalyses::none();
}

} // namespace w2n
