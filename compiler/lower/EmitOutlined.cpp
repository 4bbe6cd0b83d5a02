//===- EmitOutlined.cpp - Giant functions lowered in parts ----------------===//
//
// The caller of a part stores the construct's parameters (and an if's
// condition) in the frame's transfer slots, calls the part with vmctx and
// the frame, and switches on the exit code it returns: 0 continues after
// the construct with its results loaded from the transfer slots, e > 0
// takes the branch to the label e - 1 levels out with the values the part
// stored there. A part starts from those slots, lowers its construct like
// any other, and leaves through partExit, which stores a branch's values
// and returns the code. Parts of parts work the same: a branch that leaves
// both is passed on (its values stored again).
//
// Traps report the function's index, fuel is charged per straight-line
// region as anywhere, and each part is marked for the epoch checks like
// the function.
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionTranslator.h"

#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace w2n {

Value *FunctionTranslator::frameSlot(uint32_t Slot) {
  return B.CreateConstGEP1_64(B.getInt8Ty(), FramePtr, 16 * uint64_t(Slot));
}

void FunctionTranslator::storeTransfer(ArrayRef<ValType> Types) {
  size_t N = Types.size();
  for (size_t K = 0; K < N; ++K)
    B.CreateAlignedStore(Stack[Stack.size() - N + K], frameSlot(K), Align(16));
}

void FunctionTranslator::loadTransfer(ArrayRef<ValType> Types) {
  for (size_t K = 0; K < Types.size(); ++K)
    push(B.CreateAlignedLoad(CC.valType(Types[K]), frameSlot(K), Align(16)));
}

SmallVector<ValType, 2> FunctionTranslator::labelTypes(unsigned Depth) {
  if (Part && Depth + 1 >= Frames.size()) {
    uint32_t Exit = Depth - (Frames.size() - 2);
    for (const auto &[Code, Types] : Part->Exits)
      if (Code == Exit)
        return Types;
    llvm_unreachable("the outlining plan knows every exit of a part");
  }
  const Frame &Fr = Frames[Frames.size() - 1 - Depth];
  return Fr.Kind == Opcode::Loop ? Fr.Params : Fr.Results;
}

BasicBlock *FunctionTranslator::partExit(uint32_t Exit) {
  storeTransfer(labelTypes(Exit + Frames.size() - 2));
  BasicBlock *&BB = ExitBlocks[Exit];
  if (!BB) {
    // The load sinks are stored at its top by finishTrapBlocks.
    BB = newBlock("part.exit");
    IRBuilder<>(BB).CreateRet(B.getInt32(Exit));
  }
  return BB;
}

void FunctionTranslator::emitPartCall(const Instr &I, uint32_t Region) {
  const OutlinedRegion &R = Outline->Regions[Region];
  SmallVector<ValType, 2> Params, Results;
  blockSignature(I, Params, Results);
  // The part counts the construct's instructions, this one included.
  --FuelCount;

  // In: the parameters, then an if's condition.
  SmallVector<ValType, 4> In(Params.begin(), Params.end());
  if (I.Op == Opcode::If)
    In.push_back(ValType::I32);
  storeTransfer(In);
  Stack.resize(Stack.size() - In.size());

  CallInst *Code = B.CreateCall(CC.getOrDeclarePart(FuncIndex, Region),
                                {VMCtx, FramePtr}, "part");

  // Out: continue after the construct, or take the branch that left it.
  BasicBlock *Cont = newBlock("part.cont");
  if (R.Exits.empty()) {
    B.CreateBr(Cont);
  } else {
    SwitchInst *SI = B.CreateSwitch(Code, Cont, R.Exits.size());
    for (const auto &[Exit, Types] : R.Exits) {
      BasicBlock *BB = newBlock("part.branch");
      SI->addCase(B.getInt32(Exit), BB);
      B.SetInsertPoint(BB);
      loadTransfer(Types);
      B.CreateBr(branchTarget(Exit - 1));
      Stack.resize(Stack.size() - Types.size());
    }
  }
  B.SetInsertPoint(Cont);
  loadTransfer(Results);
  beginFuelRegion();
  SkipDepth = 1;
}

void FunctionTranslator::emitPartPrologue() {
  BasicBlock *Entry = newBlock("entry");
  B.SetInsertPoint(Entry);
  VMCtx = F->getArg(0);
  VMCtx->setName("vmctx");
  FramePtr = F->getArg(1);
  FramePtr->setName("frame");
  uint64_t End = Type.Params.size();
  for (const LocalRun &Run : WF.Locals) {
    End += Run.Count;
    LocalRunEnds.push_back({End, Run.Type});
  }
  LazyLocals = true;
  emitPrologueEnd();
}

Error FunctionTranslator::translatePart() {
  const OutlinedRegion &R = *Part;
  emitPartPrologue();
  // Frames[0] stands for everything outside the part (branchTarget).
  Frame Outside;
  Outside.Kind = Opcode::Nop;
  Frames.push_back(std::move(Outside));
  // The construct's parameters (and an if's condition) from the frame.
  ExprRange Range{R.Offset, R.End - R.Offset};
  {
    InstrReader First(M, Range);
    Instr I;
    bool Ok = First.next(I);
    (void)Ok;
    assert(Ok && "the construct was validated");
    SmallVector<ValType, 2> Params, Results;
    blockSignature(I, Params, Results);
    if (I.Op == Opcode::If)
      Params.push_back(ValType::I32);
    loadTransfer(Params);
  }
  InstrReader Reader(M, Range);
  return translateBody(Reader);
}

} // namespace w2n
