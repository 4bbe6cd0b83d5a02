//===- FunctionTranslator.cpp - One wasm function to LLVM IR --------------===//
//
// The operand stack exists only at compile time: it holds llvm::Values.
// Locals are allocas (mem2reg promotes them). Every construct that merges
// control (block and if ends, loop headers, the function's return) gets
// PHI nodes that branches fill in as they are emitted. Code after an
// unconditional branch is skipped until the end or else that closes it.
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionTranslator.h"

#include "ir/InstanceContext.h"
#include "ir/Markers.h"
#include "support/WasmError.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;

namespace w2n {

FunctionTranslator::FunctionTranslator(ChunkContext &CC, uint32_t FuncIndex,
                                       llvm::Function *F)
    : CC(CC), M(CC.M), FuncIndex(FuncIndex),
      WF(M.Functions[FuncIndex - M.numImported(ExternKind::Func)]),
      Type(M.Types[WF.TypeIndex]), F(F), Ctx(CC.Ctx), B(CC.Ctx) {
  Unlikely = MDBuilder(Ctx).createUnlikelyBranchWeights();
  // The baseline tier (CompilePlan.h) does not optimise: nothing could move
  // a write across an access, so its accesses need no provisional checks,
  // as at -O0.
  ProvisionalChecks =
      CC.Opts.ProvisionalChecks &&
      CC.Plan.Tiers[FuncIndex - M.numImported(ExternKind::Func)] !=
          Tier::Baseline;
}

FunctionTranslator::FunctionTranslator(ChunkContext &CC, uint32_t FuncIndex,
                                       uint32_t Region)
    : FunctionTranslator(CC, FuncIndex,
                         CC.getOrDeclarePart(FuncIndex, Region)) {
  Outline = CC.Plan.Outlines[FuncIndex - M.numImported(ExternKind::Func)].get();
  Part = &Outline->Regions[Region];
}

BasicBlock *FunctionTranslator::newBlock(const Twine &Name) {
  return BasicBlock::Create(Ctx, Name, F);
}

void FunctionTranslator::makePhis(BasicBlock *BB, ArrayRef<ValType> Types,
                                  SmallVectorImpl<PHINode *> &Out) {
  IRBuilder<> PB(BB, BB->begin());
  for (ValType T : Types)
    Out.push_back(PB.CreatePHI(CC.valType(T), 2));
}

SmallVector<Value *, 4> FunctionTranslator::popN(size_t N) {
  SmallVector<Value *, 4> Vals(Stack.end() - N, Stack.end());
  Stack.resize(Stack.size() - N);
  return Vals;
}

void FunctionTranslator::blockSignature(const Instr &I,
                                        SmallVectorImpl<ValType> &Params,
                                        SmallVectorImpl<ValType> &Results) {
  switch (I.Block.K) {
  case BlockType::Empty:
    return;
  case BlockType::Value:
    Results.push_back(I.Block.Type);
    return;
  case BlockType::TypeIndex: {
    const FuncType &T = M.Types[I.Block.Index];
    Params.append(T.Params.begin(), T.Params.end());
    Results.append(T.Results.begin(), T.Results.end());
    return;
  }
  }
}

// ---- Traps ----------------------------------------------------------------

/// The key of the trap block of memory access bounds checks in TrapBlocks,
/// apart from the one of other out-of-bounds traps (memory.copy, say) so
/// that LLVM never merges the two kinds of check into one branch.
constexpr unsigned AccessCheckKey = 0x100 | W2N_TRAP_MEMORY_OUT_OF_BOUNDS;

BasicBlock *FunctionTranslator::trapBlock(w2n_trap_kind Kind) {
  BasicBlock *&BB = TrapBlocks[Kind];
  if (!BB)
    BB = newTrapBlock(Kind);
  return BB;
}

BasicBlock *FunctionTranslator::newTrapBlock(w2n_trap_kind Kind) {
  // The load sinks are stored at the top of the block by finishTrapBlocks,
  // once the whole body (and so every sink) has been seen.
  BasicBlock *BB = newBlock("trap");
  IRBuilder<> TB(BB);
  createTrapCall(TB, VMCtx, Kind, FuncIndex);
  TB.CreateUnreachable();
  return BB;
}

void FunctionTranslator::finishTrapBlocks() {
  // Visit in kind order so the output does not depend on hashing.
  SmallVector<std::pair<unsigned, BasicBlock *>, 8> Blocks(TrapBlocks.begin(),
                                                           TrapBlocks.end());
  llvm::sort(Blocks);
  for (auto &[Kind, BB] : Blocks) {
    IRBuilder<> TB(BB, BB->begin());
    emitSinkStore(TB);
  }
  // A part's exits leave it too.
  SmallVector<std::pair<uint32_t, BasicBlock *>, 8> Exits(ExitBlocks.begin(),
                                                          ExitBlocks.end());
  llvm::sort(Exits);
  for (auto &[Exit, BB] : Exits) {
    IRBuilder<> TB(BB, BB->begin());
    emitSinkStore(TB);
  }
}

void FunctionTranslator::trapIf(Value *Cond, w2n_trap_kind Kind) {
  BasicBlock *Cont = newBlock("cont");
  B.CreateCondBr(Cond, trapBlock(Kind), Cont, Unlikely);
  B.SetInsertPoint(Cont);
}

void FunctionTranslator::checkAccess(Value *Cond) {
  BasicBlock *Cont = newBlock("cont");
  BasicBlock *&Trap = TrapBlocks[AccessCheckKey];
  if (!Trap) {
    Trap = newTrapBlock(W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
    for (Instruction &I : *Trap)
      if (auto *Call = dyn_cast<CallInst>(&I))
        markBoundsCheckTrap(*Call);
  }
  B.CreateCondBr(Cond, Trap, Cont, Unlikely);
  B.SetInsertPoint(Cont);
}

Value *
FunctionTranslator::emitGrow64(Value *Delta,
                               function_ref<Value *(Value *Delta32)> Grow) {
  // A delta of 2^32 or more cannot succeed: -1 without a call. The runtime's
  // i32 answer is -1 or an old size below 2^31, so it sign-extends right.
  Value *Fits = B.CreateICmpULE(Delta, B.getInt64(UINT32_MAX));
  BasicBlock *Call = newBlock("grow");
  BasicBlock *Join = newBlock("grow.done");
  BasicBlock *From = B.GetInsertBlock();
  B.CreateCondBr(Fits, Call, Join);
  B.SetInsertPoint(Call);
  Value *Old =
      B.CreateSExt(Grow(B.CreateTrunc(Delta, B.getInt32Ty())), B.getInt64Ty());
  BasicBlock *CallEnd = B.GetInsertBlock();
  B.CreateBr(Join);
  B.SetInsertPoint(Join);
  PHINode *R = B.CreatePHI(B.getInt64Ty(), 2);
  R->addIncoming(B.getInt64(-1), From);
  R->addIncoming(Old, CallEnd);
  return R;
}

void FunctionTranslator::trapAlways(w2n_trap_kind Kind) {
  B.CreateBr(trapBlock(Kind));
  setUnreachable();
}

// ---- The instance context -------------------------------------------------

Value *FunctionTranslator::callRuntime(RuntimeFn Fn, ArrayRef<Value *> Args) {
  return createRuntimeCall(B, VMCtx, Fn, Args);
}

// A function that calls no wasm function cannot recurse, so its frame is
// the last one on the stack; the runtime leaves a margin below the limit
// (128 KiB) that any leaf with a modest frame fits in. Only deeper call
// chains need the check, and leaves stay frameless.
bool FunctionTranslator::needsStackCheck() const {
  constexpr uint64_t MaxLeafLocals = 1024; // at most 16 KiB of locals
  uint64_t FrameSlots = Part      ? 0
                        : Outline ? Outline->NumSlots
                                  : Type.Params.size() + WF.NumLocals;
  if (FrameSlots > MaxLeafLocals)
    return true;
  ExprRange Range = WF.Body;
  if (Part)
    Range = ExprRange{Part->Offset, Part->End - Part->Offset};
  InstrReader R(M, Range);
  Instr I;
  while (R.next(I))
    if (I.Op == Opcode::Call || I.Op == Opcode::CallIndirect ||
        I.Op == Opcode::ReturnCall || I.Op == Opcode::ReturnCallIndirect)
      return true;
  consumeError(R.takeError());
  return false;
}

void FunctionTranslator::emitStackCheck() {
  if (!needsStackCheck())
    return;
  // Deep recursion must trap, not crash: compare this frame with the limit
  // the runtime set on entry.
  Value *Frame = B.CreateIntrinsic(Intrinsic::frameaddress, {CC.ptrTy()},
                                   {B.getInt32(0)}, nullptr, "frame");
  Value *Limit = loadStackLimit(B, VMCtx);
  trapIf(B.CreateICmpULT(B.CreatePtrToInt(Frame, B.getInt64Ty()),
                         B.CreatePtrToInt(Limit, B.getInt64Ty())),
         W2N_TRAP_CALL_STACK_EXHAUSTED);
}

void FunctionTranslator::emitPrologue() {
  BasicBlock *Entry = newBlock("entry");
  B.SetInsertPoint(Entry);
  VMCtx = F->getArg(0);
  VMCtx->setName("vmctx");

  uint64_t End = Type.Params.size();
  for (const LocalRun &Run : WF.Locals) {
    End += Run.Count;
    LocalRunEnds.push_back({End, Run.Type});
  }
  if (Outline) {
    // A giant function keeps its locals in a frame that its parts share
    // (Outlining.h): the parameters are stored there, the locals zeroed.
    FramePtr = B.CreateAlloca(
        ArrayType::get(B.getInt8Ty(), 16 * uint64_t(Outline->NumSlots)),
        nullptr, "frame");
    cast<AllocaInst>(FramePtr)->setAlignment(Align(16));
    for (size_t I = 0; I < Type.Params.size(); ++I)
      B.CreateAlignedStore(F->getArg(I + 1),
                           frameSlot(Outline->LocalSlots.lookup(I)), Align(16));
    uint64_t FirstLocal = Outline->TransferSlots + Type.Params.size();
    if (Outline->NumSlots > FirstLocal)
      B.CreateMemSet(frameSlot(FirstLocal), B.getInt8(0),
                     16 * (Outline->NumSlots - FirstLocal), Align(16));
  }
  for (size_t I = 0; I < Type.Params.size() && !Outline; ++I) {
    AllocaInst *A =
        B.CreateAlloca(CC.valType(Type.Params[I]), nullptr, "p" + Twine(I));
    B.CreateStore(F->getArg(I + 1), A);
    Locals.push_back(A);
  }
  // Six bytes of wasm can declare four billion locals. Past what the body
  // could use, they are made on first use instead (local), so the
  // lowering stays linear in the size of the body.
  LazyLocals = WF.NumLocals > WF.Body.Size || Outline;
  for (const LocalRun &Run : WF.Locals) {
    if (LazyLocals)
      continue;
    llvm::Type *Ty = CC.valType(Run.Type);
    for (uint32_t K = 0; K < Run.Count; ++K) {
      AllocaInst *A = B.CreateAlloca(Ty, nullptr, "l");
      B.CreateStore(Constant::getNullValue(Ty), A);
      Locals.push_back(A);
    }
  }
  // Load sinks are created on demand (EmitMemory.cpp) before this point.
  emitPrologueEnd();
}

void FunctionTranslator::emitPrologueEnd() {
  AllocaPoint = B.CreateAlloca(B.getInt8Ty(), nullptr, "alloca.point");
  emitStackCheck();
  if (M.numMemories()) {
    // The memory object and its base never change for an instance, so
    // these loads may be hoisted and shared freely.
    MemObjects[0] = loadMemoryObject(B, VMCtx);
    MemBases[0] = loadMemoryBase(B, MemObjects[0]);
  }
  markForEpochChecks();
  beginFuelRegion();
}

void FunctionTranslator::emitSinkStore(IRBuilder<> &At) {
  if (LoadSinks.empty())
    return;
  Value *Acc = nullptr;
  for (AllocaInst *Sink : LoadSinks) {
    Value *V = At.CreateLoad(Sink->getAllocatedType(), Sink);
    if (V->getType()->isVectorTy()) {
      Value *Halves =
          At.CreateBitCast(V, FixedVectorType::get(At.getInt64Ty(), 2));
      V = At.CreateOr(At.CreateExtractElement(Halves, uint64_t(0)),
                      At.CreateExtractElement(Halves, uint64_t(1)));
    } else if (V->getType() != At.getInt64Ty()) {
      V = At.CreateZExt(V, At.getInt64Ty());
    }
    Acc = Acc ? At.CreateOr(Acc, V) : V;
  }
  StoreInst *Store =
      At.CreateStore(Acc, loadSinkAddress(At, VMCtx), /*isVolatile=*/true);
  // transform/LoadSinkPruning.cpp finds the sinks by this mark.
  markLoadSinkStore(*Store);
}

// Linear memory is reached only through membase + ea (of any memory: the
// memories may alias one another as far as LLVM knows); anything else that
// is not a local (an alloca) belongs to the instance. Telling LLVM the two
// never alias lets it keep globals (such as a C shadow stack pointer) and
// table bases in registers across stores to linear memory. The memory
// object is apart from the rest of the instance: stores to globals and
// tables leave the memory size in a register, so a loop that sets a global
// still compares its accesses with a limit computed once.
void FunctionTranslator::annotateAliasing() {
  SmallPtrSet<const Value *, 4> Bases, Objects;
  for (auto &KV : MemBases)
    Bases.insert(KV.second);
  for (auto &KV : MemObjects)
    Objects.insert(KV.second);
  for (BasicBlock &BB : *F)
    for (Instruction &I : BB) {
      Value *Ptr = getLoadStorePointerOperand(&I);
      if (!Ptr)
        continue;
      const Value *Base = getUnderlyingObject(Ptr);
      if (isa<AllocaInst>(Base))
        continue;
      I.setMetadata(LLVMContext::MD_tbaa, Bases.count(Base) ? CC.memoryTBAA()
                                          : Objects.count(Base)
                                              ? CC.memoryObjectTBAA()
                                              : CC.instanceTBAA());
    }
}

ValType FunctionTranslator::localType(uint32_t Index) const {
  if (Index < Type.Params.size())
    return Type.Params[Index];
  auto Run =
      llvm::upper_bound(LocalRunEnds, Index,
                        [](uint64_t I, const std::pair<uint64_t, ValType> &R) {
                          return I < R.first;
                        });
  assert(Run != LocalRunEnds.end() && "local index was validated");
  return Run->second;
}

FunctionTranslator::LocalRef FunctionTranslator::local(uint32_t Index) {
  if (Index < Locals.size())
    return {Locals[Index], Locals[Index]->getAllocatedType()};
  llvm::Type *Ty = CC.valType(localType(Index));
  if (Outline)
    return {frameSlot(Outline->LocalSlots.lookup(Index)), Ty};
  AllocaInst *&A = LazyLocalMap[Index];
  if (!A) {
    IRBuilder<> EB(AllocaPoint);
    A = EB.CreateAlloca(Ty, nullptr, "l");
    EB.CreateStore(Constant::getNullValue(Ty), A);
  }
  return {A, Ty};
}

// ---- Control --------------------------------------------------------------

void FunctionTranslator::setUnreachable() {
  Unreachable = true;
  Stack.resize(Frames.back().Height);
}

BasicBlock *FunctionTranslator::branchTarget(unsigned Depth) {
  // In a part, Frames[0] stands for everything outside it.
  if (Part && Depth + 1 >= Frames.size())
    return partExit(Depth - (Frames.size() - 2));
  Frame &Fr = Frames[Frames.size() - 1 - Depth];
  BasicBlock *From = B.GetInsertBlock();
  if (Fr.Kind == Opcode::Loop) {
    size_t N = Fr.HeaderPhis.size();
    for (size_t I = 0; I < N; ++I)
      Fr.HeaderPhis[I]->addIncoming(Stack[Stack.size() - N + I], From);
    return Fr.Header;
  }
  size_t N = Fr.EndPhis.size();
  for (size_t I = 0; I < N; ++I)
    Fr.EndPhis[I]->addIncoming(Stack[Stack.size() - N + I], From);
  return Fr.End;
}

void FunctionTranslator::continueAt(BasicBlock *BB, ArrayRef<PHINode *> Phis) {
  if (pred_empty(BB)) {
    for (PHINode *P : Phis)
      P->eraseFromParent();
    BB->eraseFromParent();
    Unreachable = true;
    return;
  }
  B.SetInsertPoint(BB);
  for (PHINode *P : Phis)
    push(P);
  Unreachable = false;
  beginFuelRegion();
}

void FunctionTranslator::emitBlock(const Instr &I) {
  Frame Fr;
  Fr.Kind = Opcode::Block;
  blockSignature(I, Fr.Params, Fr.Results);
  Fr.End = newBlock("block.end");
  makePhis(Fr.End, Fr.Results, Fr.EndPhis);
  Fr.Height = Stack.size() - Fr.Params.size();
  Frames.push_back(std::move(Fr));
}

void FunctionTranslator::emitLoop(const Instr &I) {
  Frame Fr;
  Fr.Kind = Opcode::Loop;
  blockSignature(I, Fr.Params, Fr.Results);
  SmallVector<Value *, 4> Args = popN(Fr.Params.size());
  Fr.Header = newBlock("loop");
  makePhis(Fr.Header, Fr.Params, Fr.HeaderPhis);
  for (size_t K = 0; K < Args.size(); ++K)
    Fr.HeaderPhis[K]->addIncoming(Args[K], B.GetInsertBlock());
  B.CreateBr(Fr.Header);
  B.SetInsertPoint(Fr.Header);
  beginFuelRegion();
  Fr.End = newBlock("loop.end");
  makePhis(Fr.End, Fr.Results, Fr.EndPhis);
  Fr.Height = Stack.size();
  for (PHINode *P : Fr.HeaderPhis)
    push(P);
  Frames.push_back(std::move(Fr));
}

void FunctionTranslator::emitIf(const Instr &I) {
  Frame Fr;
  Fr.Kind = Opcode::If;
  blockSignature(I, Fr.Params, Fr.Results);
  Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "cond");
  Fr.IfParams = popN(Fr.Params.size());
  BasicBlock *Then = newBlock("if.then");
  Fr.ElseBB = newBlock("if.else");
  Fr.End = newBlock("if.end");
  makePhis(Fr.End, Fr.Results, Fr.EndPhis);
  B.CreateCondBr(Cond, Then, Fr.ElseBB);
  B.SetInsertPoint(Then);
  beginFuelRegion();
  Fr.Height = Stack.size();
  for (Value *V : Fr.IfParams)
    push(V);
  Frames.push_back(std::move(Fr));
}

void FunctionTranslator::emitElse(const Instr &I) {
  Frame &Fr = Frames.back();
  if (!Unreachable)
    B.CreateBr(branchTarget(0));
  Stack.resize(Fr.Height);
  B.SetInsertPoint(Fr.ElseBB);
  beginFuelRegion();
  Fr.ElseBB = nullptr;
  Fr.Kind = Opcode::Else;
  for (Value *V : Fr.IfParams)
    push(V);
  Unreachable = false;
}

void FunctionTranslator::emitEnd(const Instr &I) {
  if (!Unreachable) {
    // Falling out of a frame goes to its End, even for a loop (whose label
    // is its header).
    Frame &Fr = Frames.back();
    size_t N = Fr.EndPhis.size();
    for (size_t K = 0; K < N; ++K)
      Fr.EndPhis[K]->addIncoming(Stack[Stack.size() - N + K],
                                 B.GetInsertBlock());
    B.CreateBr(Fr.End);
  }
  Frame Fr = Frames.pop_back_val();
  Stack.resize(Fr.Height);
  if (Fr.Kind == Opcode::If && Fr.ElseBB) {
    // No else arm: the false edge carries the parameters through.
    B.SetInsertPoint(Fr.ElseBB);
    for (size_t K = 0; K < Fr.EndPhis.size(); ++K)
      Fr.EndPhis[K]->addIncoming(Fr.IfParams[K], Fr.ElseBB);
    B.CreateBr(Fr.End);
  }
  if (Part && Frames.size() == 1) {
    // The part's construct ends: its results go back through the frame.
    Frames.clear();
    if (pred_empty(Fr.End)) {
      for (PHINode *P : Fr.EndPhis)
        P->eraseFromParent();
      Fr.End->eraseFromParent();
      return;
    }
    B.SetInsertPoint(Fr.End);
    for (PHINode *P : Fr.EndPhis)
      push(P);
    storeTransfer(Fr.Results);
    emitSinkStore(B);
    B.CreateRet(B.getInt32(0));
    return;
  }
  if (Frames.empty()) {
    // The function's own end: its End block returns.
    if (pred_empty(Fr.End)) {
      for (PHINode *P : Fr.EndPhis)
        P->eraseFromParent();
      Fr.End->eraseFromParent();
      return;
    }
    B.SetInsertPoint(Fr.End);
    emitSinkStore(B);
    if (Fr.EndPhis.empty()) {
      B.CreateRetVoid();
    } else if (Fr.EndPhis.size() == 1) {
      B.CreateRet(Fr.EndPhis[0]);
    } else {
      SmallVector<Value *, 8> Vals(Fr.EndPhis.begin(), Fr.EndPhis.end());
      B.CreateRet(CC.makeAggregate(B, F->getReturnType(), Vals, AllocaPoint));
    }
    return;
  }
  continueAt(Fr.End, Fr.EndPhis);
}

void FunctionTranslator::emitBr(const Instr &I) {
  B.CreateBr(branchTarget(I.Index));
  setUnreachable();
}

void FunctionTranslator::emitBrIf(const Instr &I) {
  Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "cond");
  BasicBlock *Target = branchTarget(I.Index);
  BasicBlock *Cont = newBlock("br_if.cont");
  B.CreateCondBr(Cond, Target, Cont);
  B.SetInsertPoint(Cont);
  beginFuelRegion();
}

void FunctionTranslator::emitBrTable(const Instr &I) {
  Value *Index = pop();
  // Each edge adds its own PHI entries, as LLVM wants one entry per edge
  // even when several cases share a target.
  // (All targets first: leaving a part stores values before the switch.)
  BasicBlock *Default = branchTarget(I.Index);
  SmallVector<BasicBlock *, 16> Targets;
  for (uint32_t Label : I.Targets)
    Targets.push_back(branchTarget(Label));
  SwitchInst *SI = B.CreateSwitch(Index, Default, I.Targets.size());
  for (size_t K = 0; K < Targets.size(); ++K)
    SI->addCase(B.getInt32(K), Targets[K]);
  setUnreachable();
}

void FunctionTranslator::emitReturn() {
  // In a part, the function's own label is Depth levels outside the part's
  // construct.
  unsigned Depth = Part ? Frames.size() - 2 + Part->Depth : Frames.size() - 1;
  B.CreateBr(branchTarget(Depth));
  setUnreachable();
}

// ---- The dispatch loop ----------------------------------------------------

Error FunctionTranslator::translate() {
  if (Part)
    return translatePart();
  Outline = CC.Plan.Outlines[FuncIndex - M.numImported(ExternKind::Func)].get();
  emitPrologue();
  {
    Frame Fr;
    Fr.Kind = Opcode::Nop;
    Fr.Results.assign(Type.Results.begin(), Type.Results.end());
    Fr.End = newBlock("return");
    makePhis(Fr.End, Fr.Results, Fr.EndPhis);
    Fr.Height = 0;
    Frames.push_back(std::move(Fr));
  }
  InstrReader Reader(M, WF.Body);
  return translateBody(Reader);
}

Error FunctionTranslator::translateBody(InstrReader &Reader) {
  Instr I;
  while (!Frames.empty() && Reader.next(I)) {
    if (SkipDepth) {
      // Inside a construct that is a part of its own: its part lowers it.
      if (I.Op == Opcode::Block || I.Op == Opcode::Loop || I.Op == Opcode::If)
        ++SkipDepth;
      else if (I.Op == Opcode::End)
        --SkipDepth;
      continue;
    }
    if (Unreachable) {
      switch (I.Op) {
      case Opcode::Block:
      case Opcode::Loop:
      case Opcode::If:
        ++DeadDepth;
        continue;
      case Opcode::Else:
        if (DeadDepth == 0)
          emitElse(I);
        continue;
      case Opcode::End:
        if (DeadDepth > 0)
          --DeadDepth;
        else
          emitEnd(I);
        continue;
      default:
        continue;
      }
    }

    ++FuelCount;
    if (Outline &&
        (I.Op == Opcode::Block || I.Op == Opcode::Loop || I.Op == Opcode::If)) {
      auto It = Outline->RegionAt.find(I.Offset);
      if (It != Outline->RegionAt.end() &&
          (!Part || &Outline->Regions[It->second] != Part)) {
        emitPartCall(I, It->second);
        continue;
      }
    }
    switch (I.Op) {
    case Opcode::Unreachable:
      trapAlways(W2N_TRAP_UNREACHABLE);
      break;
    case Opcode::Nop:
      break;
    case Opcode::Block:
      emitBlock(I);
      break;
    case Opcode::Loop:
      emitLoop(I);
      break;
    case Opcode::If:
      emitIf(I);
      break;
    case Opcode::Else:
      emitElse(I);
      break;
    case Opcode::End:
      emitEnd(I);
      break;
    case Opcode::Br:
      emitBr(I);
      break;
    case Opcode::BrIf:
      emitBrIf(I);
      break;
    case Opcode::BrTable:
      emitBrTable(I);
      break;
    case Opcode::Return:
      emitReturn();
      break;
    case Opcode::Call:
    case Opcode::ReturnCall:
      emitCall(I);
      break;
    case Opcode::CallIndirect:
    case Opcode::ReturnCallIndirect:
      emitCallIndirect(I);
      break;
    case Opcode::Drop:
      pop();
      break;
    case Opcode::Select:
    case Opcode::SelectT: {
      Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0));
      Value *R = pop();
      Value *L = pop();
      push(B.CreateSelect(Cond, L, R));
      break;
    }
    case Opcode::LocalGet: {
      LocalRef L = local(I.Index);
      push(B.CreateLoad(L.Ty, L.Ptr));
      break;
    }
    case Opcode::LocalSet:
      B.CreateStore(pop(), local(I.Index).Ptr);
      break;
    case Opcode::LocalTee:
      B.CreateStore(Stack.back(), local(I.Index).Ptr);
      break;
    case Opcode::GlobalGet:
    case Opcode::GlobalSet:
      emitGlobal(I);
      break;
    case Opcode::TableGet:
    case Opcode::TableSet:
    case Opcode::TableInit:
    case Opcode::ElemDrop:
    case Opcode::TableCopy:
    case Opcode::TableGrow:
    case Opcode::TableSize:
    case Opcode::TableFill:
      emitTableOp(I);
      break;
    case Opcode::RefNull:
    case Opcode::RefIsNull:
    case Opcode::RefFunc:
      emitReference(I);
      break;
    case Opcode::MemorySize:
    case Opcode::MemoryGrow:
    case Opcode::MemoryInit:
    case Opcode::DataDrop:
    case Opcode::MemoryCopy:
    case Opcode::MemoryFill:
      emitMemoryOp(I);
      break;
    case Opcode::I32Const:
    case Opcode::I64Const:
    case Opcode::F32Const:
    case Opcode::F64Const:
      emitConst(I);
      break;
    default: {
      const OpcodeInfo &Info = I.info();
      if (Info.Prefix == 0xfd) {
        emitSimd(I);
        break;
      }
      if (memoryAccessSize(Info.Imm)) {
        if (Info.Result != ValType::Bottom)
          emitLoad(I);
        else
          emitStore(I);
        break;
      }
      emitNumeric(I);
      break;
    }
    }
  }
  if (Reader.failed())
    return Reader.takeError();
  finishFuelRegion();
  finishTrapBlocks();
  annotateAliasing();
  AllocaPoint->eraseFromParent();
  return Error::success();
}

} // namespace w2n
