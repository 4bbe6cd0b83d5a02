//===- FunctionValidator.cpp - Typing of one function body ----------------===//
//
// The operand and control stacks follow the spec appendix "Validation
// Algorithm" closely, so each rule can be checked against it: Bottom plays
// the role of the algorithm's Unknown type of unreachable code.
//
//===----------------------------------------------------------------------===//

#include "validate/FunctionValidator.h"

#include "decode/InstrReader.h"
#include "support/WasmError.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace w2n {

namespace {

struct CtrlFrame {
  Opcode Kind;
  SmallVector<ValType, 4> Params;
  SmallVector<ValType, 4> Results;
  size_t Height;
  bool Unreachable = false;

  ArrayRef<ValType> labelTypes() const {
    return Kind == Opcode::Loop ? Params : Results;
  }
};

class FunctionValidator {
public:
  FunctionValidator(const ModuleContext &C, const Function &F)
      : C(C), M(C.M), F(F), Type(M.Types[F.TypeIndex]) {}

  Error run();

private:
  // Every check funnels through fail(), which records the first error; the
  // instruction loop stops as soon as one is recorded.
  void fail(uint64_t Offset, const Twine &Msg) {
    if (!Failed) {
      Failed = true;
      ErrOffset = Offset;
      ErrMessage = Msg.str();
    }
  }

  void push(ValType T) { Vals.push_back(T); }
  ValType pop();
  ValType pop(ValType Expect);
  void popVals(ArrayRef<ValType> Types);
  void pushVals(ArrayRef<ValType> Types) {
    Vals.append(Types.begin(), Types.end());
  }
  void pushCtrl(Opcode Kind, ArrayRef<ValType> Params,
                ArrayRef<ValType> Results);
  bool popCtrl(CtrlFrame &Out);
  void setUnreachable();

  bool blockSignature(const Instr &I, SmallVectorImpl<ValType> &Params,
                      SmallVectorImpl<ValType> &Results);
  ValType localType(uint32_t Index);
  bool checkLabel(const Instr &I, uint32_t Depth);
  /// A tail call's callee returns the caller's results, and the rest of
  /// the block is unreachable, as after `return`.
  void returnCallResults(const FuncType &Callee);
  /// Whether memory Index exists (else the error).
  bool checkMemory(const Instr &I, uint32_t Index);
  ValType memoryAddressType(uint32_t Index) const;
  bool checkTable(const Instr &I, uint32_t Index);
  /// i64 for a table64 table, else i32.
  ValType tableAddressType(uint32_t Index) const;
  bool checkDataIndex(const Instr &I);
  void checkMemArg(const Instr &I);

  void validate(const Instr &I);

  const ModuleContext &C;
  const Module &M;
  const Function &F;
  const FuncType &Type;
  SmallVector<ValType, 64> Vals;
  SmallVector<CtrlFrame, 16> Ctrls;
  uint64_t CurOffset = 0;
  uint64_t CurImmOffset = 0;
  StringRef CurName;

  bool Failed = false;
  uint64_t ErrOffset = 0;
  std::string ErrMessage;
};

ValType FunctionValidator::pop() {
  CtrlFrame &Top = Ctrls.back();
  if (Vals.size() == Top.Height) {
    if (Top.Unreachable)
      return ValType::Bottom;
    fail(CurOffset, "type mismatch: " + CurName +
                        " expects an operand but the stack is empty");
    return ValType::Bottom;
  }
  ValType T = Vals.back();
  Vals.pop_back();
  return T;
}

ValType FunctionValidator::pop(ValType Expect) {
  ValType Actual = pop();
  if (Actual != Expect && Actual != ValType::Bottom &&
      Expect != ValType::Bottom)
    fail(CurOffset, "type mismatch: " + CurName + " expects " +
                        valTypeName(Expect) + " but got " +
                        valTypeName(Actual));
  return Actual;
}

void FunctionValidator::popVals(ArrayRef<ValType> Types) {
  for (size_t I = Types.size(); I-- > 0 && !Failed;)
    pop(Types[I]);
}

void FunctionValidator::pushCtrl(Opcode Kind, ArrayRef<ValType> Params,
                                 ArrayRef<ValType> Results) {
  CtrlFrame Frame;
  Frame.Kind = Kind;
  Frame.Params.assign(Params.begin(), Params.end());
  Frame.Results.assign(Results.begin(), Results.end());
  Frame.Height = Vals.size();
  Ctrls.push_back(std::move(Frame));
  pushVals(Params);
}

bool FunctionValidator::popCtrl(CtrlFrame &Out) {
  CtrlFrame &Top = Ctrls.back();
  popVals(Top.Results);
  if (Failed)
    return false;
  if (Vals.size() != Top.Height) {
    fail(CurOffset, "type mismatch: " + Twine(Vals.size() - Top.Height) +
                        " values left on the stack at the end of a block "
                        "that returns " +
                        Twine(Top.Results.size()));
    return false;
  }
  Out = std::move(Top);
  Ctrls.pop_back();
  return true;
}

void FunctionValidator::setUnreachable() {
  Vals.resize(Ctrls.back().Height);
  Ctrls.back().Unreachable = true;
}

bool FunctionValidator::blockSignature(const Instr &I,
                                       SmallVectorImpl<ValType> &Params,
                                       SmallVectorImpl<ValType> &Results) {
  switch (I.Block.K) {
  case BlockType::Empty:
    return true;
  case BlockType::Value:
    Results.push_back(I.Block.Type);
    return true;
  case BlockType::TypeIndex:
    if (I.Block.Index >= M.Types.size()) {
      fail(I.ImmOffset, "unknown type " + Twine(I.Block.Index));
      return false;
    }
    Params.append(M.Types[I.Block.Index].Params.begin(),
                  M.Types[I.Block.Index].Params.end());
    Results.append(M.Types[I.Block.Index].Results.begin(),
                   M.Types[I.Block.Index].Results.end());
    return true;
  }
  return false;
}

ValType FunctionValidator::localType(uint32_t Index) {
  if (Index < Type.Params.size())
    return Type.Params[Index];
  uint64_t Rest = Index - Type.Params.size();
  for (const LocalRun &Run : F.Locals) {
    if (Rest < Run.Count)
      return Run.Type;
    Rest -= Run.Count;
  }
  fail(CurImmOffset, "unknown local " + Twine(Index));
  return ValType::Bottom;
}

bool FunctionValidator::checkLabel(const Instr &I, uint32_t Depth) {
  if (Depth >= Ctrls.size()) {
    fail(I.ImmOffset, "unknown label " + Twine(Depth));
    return false;
  }
  return true;
}

bool FunctionValidator::checkMemory(const Instr &I, uint32_t Index) {
  if (Index >= M.numMemories()) {
    fail(I.ImmOffset, "unknown memory " + Twine(Index));
    return false;
  }
  return true;
}

void FunctionValidator::returnCallResults(const FuncType &Callee) {
  if (!llvm::equal(Callee.Results, Type.Results)) {
    fail(CurImmOffset, "type mismatch: the callee of " + Twine(CurName) +
                           " returns other types than the function");
    return;
  }
  setUnreachable();
}

ValType FunctionValidator::memoryAddressType(uint32_t Index) const {
  return M.memoryType(Index).Lim.Is64 ? ValType::I64 : ValType::I32;
}

ValType FunctionValidator::tableAddressType(uint32_t Index) const {
  return M.tableType(Index).Lim.Is64 ? ValType::I64 : ValType::I32;
}

bool FunctionValidator::checkTable(const Instr &I, uint32_t Index) {
  if (Index >= M.numTables()) {
    fail(I.ImmOffset, "unknown table " + Twine(Index));
    return false;
  }
  return true;
}

bool FunctionValidator::checkDataIndex(const Instr &I) {
  if (!M.DataCount) {
    fail(I.Offset, "data count section required");
    return false;
  }
  if (I.Index >= *M.DataCount) {
    fail(I.ImmOffset, "unknown data segment " + Twine(I.Index));
    return false;
  }
  return true;
}

void FunctionValidator::checkMemArg(const Instr &I) {
  if (!checkMemory(I, I.Memory))
    return;
  unsigned Size = memoryAccessSize(I.info().Imm);
  if (I.AlignLog2 >= 32 || (uint64_t(1) << I.AlignLog2) > Size)
    fail(I.ImmOffset, "alignment must not be larger than natural (2**" +
                          Twine(I.AlignLog2) + " > " + Twine(Size) + ")");
  else if (!M.memoryType(I.Memory).Lim.Is64 && I.Value > UINT32_MAX)
    fail(I.ImmOffset, "offset out of range: " + Twine(I.Value) +
                          " does not fit an i32 address");
}

void FunctionValidator::validate(const Instr &I) {
  const OpcodeInfo &Info = I.info();
  switch (I.Op) {
  case Opcode::Unreachable:
    setUnreachable();
    return;
  case Opcode::Nop:
    return;
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If: {
    SmallVector<ValType, 4> Params, Results;
    if (!blockSignature(I, Params, Results))
      return;
    if (I.Op == Opcode::If)
      pop(ValType::I32);
    popVals(Params);
    pushCtrl(I.Op, Params, Results);
    return;
  }
  case Opcode::Else: {
    if (Ctrls.back().Kind != Opcode::If) {
      fail(I.Offset, "else without a matching if");
      return;
    }
    CtrlFrame Frame;
    if (!popCtrl(Frame))
      return;
    pushCtrl(Opcode::Else, Frame.Params, Frame.Results);
    return;
  }
  case Opcode::End: {
    CtrlFrame Frame;
    if (!popCtrl(Frame))
      return;
    if (Frame.Kind == Opcode::If && Frame.Params != Frame.Results) {
      fail(I.Offset, "type mismatch: if without else must leave its "
                     "parameters as its results");
      return;
    }
    pushVals(Frame.Results);
    return;
  }
  case Opcode::Br:
    if (!checkLabel(I, I.Index))
      return;
    popVals(Ctrls[Ctrls.size() - 1 - I.Index].labelTypes());
    setUnreachable();
    return;
  case Opcode::BrIf: {
    if (!checkLabel(I, I.Index))
      return;
    pop(ValType::I32);
    SmallVector<ValType, 4> Label(
        Ctrls[Ctrls.size() - 1 - I.Index].labelTypes());
    popVals(Label);
    pushVals(Label);
    return;
  }
  case Opcode::BrTable: {
    pop(ValType::I32);
    if (!checkLabel(I, I.Index))
      return;
    SmallVector<ValType, 4> Default(
        Ctrls[Ctrls.size() - 1 - I.Index].labelTypes());
    for (uint32_t Depth : I.Targets) {
      if (!checkLabel(I, Depth))
        return;
      ArrayRef<ValType> Label = Ctrls[Ctrls.size() - 1 - Depth].labelTypes();
      if (Label.size() != Default.size()) {
        fail(I.ImmOffset, "type mismatch: br_table targets have different "
                          "arities");
        return;
      }
      // Pop and push back, so each target's types are checked against the
      // same operands (which may be Bottom in unreachable code).
      SmallVector<ValType, 4> Saved;
      for (size_t K = Label.size(); K-- > 0 && !Failed;)
        Saved.push_back(pop(Label[K]));
      for (size_t K = Saved.size(); K-- > 0;)
        push(Saved[K]);
    }
    popVals(Default);
    setUnreachable();
    return;
  }
  case Opcode::Return:
    popVals(Type.Results);
    setUnreachable();
    return;
  case Opcode::Call:
  case Opcode::ReturnCall: {
    if (I.Index >= M.numFuncs()) {
      fail(I.ImmOffset, "unknown function " + Twine(I.Index));
      return;
    }
    const FuncType &Callee = M.Types[M.funcTypeIndex(I.Index)];
    popVals(Callee.Params);
    if (I.Op == Opcode::ReturnCall)
      returnCallResults(Callee);
    else
      pushVals(Callee.Results);
    return;
  }
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect: {
    if (!checkTable(I, I.Index2))
      return;
    if (M.tableType(I.Index2).Elem != ValType::FuncRef) {
      fail(I.ImmOffset, "type mismatch: call_indirect through a table of " +
                            valTypeName(M.tableType(I.Index2).Elem));
      return;
    }
    if (I.Index >= M.Types.size()) {
      fail(I.ImmOffset, "unknown type " + Twine(I.Index));
      return;
    }
    pop(tableAddressType(I.Index2));
    popVals(M.Types[I.Index].Params);
    if (I.Op == Opcode::ReturnCallIndirect)
      returnCallResults(M.Types[I.Index]);
    else
      pushVals(M.Types[I.Index].Results);
    return;
  }
  case Opcode::Drop:
    pop();
    return;
  case Opcode::Select: {
    pop(ValType::I32);
    ValType T1 = pop();
    ValType T2 = pop();
    if (Failed)
      return;
    auto NumOrVec = [](ValType T) {
      return T == ValType::Bottom || isNumOrVecType(T);
    };
    if (!NumOrVec(T1) || !NumOrVec(T2)) {
      fail(I.Offset, "type mismatch: select without a type annotation "
                     "needs numeric or vector operands");
      return;
    }
    if (T1 != T2 && T1 != ValType::Bottom && T2 != ValType::Bottom) {
      fail(I.Offset, "type mismatch: select operands are " + valTypeName(T2) +
                         " and " + valTypeName(T1));
      return;
    }
    push(T1 == ValType::Bottom ? T2 : T1);
    return;
  }
  case Opcode::SelectT:
    if (I.Index != 1) {
      fail(I.ImmOffset, "invalid result arity: select takes one type, "
                        "not " +
                            Twine(I.Index));
      return;
    }
    pop(ValType::I32);
    pop(I.Type);
    pop(I.Type);
    push(I.Type);
    return;
  case Opcode::LocalGet:
    push(localType(I.Index));
    return;
  case Opcode::LocalSet:
    pop(localType(I.Index));
    return;
  case Opcode::LocalTee: {
    ValType T = localType(I.Index);
    pop(T);
    push(T);
    return;
  }
  case Opcode::GlobalGet:
    if (I.Index >= M.numGlobals()) {
      fail(I.ImmOffset, "unknown global " + Twine(I.Index));
      return;
    }
    push(M.globalType(I.Index).Type);
    return;
  case Opcode::GlobalSet:
    if (I.Index >= M.numGlobals()) {
      fail(I.ImmOffset, "unknown global " + Twine(I.Index));
      return;
    }
    if (!M.globalType(I.Index).Mutable) {
      fail(I.ImmOffset, "global is immutable: global.set " + Twine(I.Index));
      return;
    }
    pop(M.globalType(I.Index).Type);
    return;
  case Opcode::TableGet:
    if (!checkTable(I, I.Index))
      return;
    pop(tableAddressType(I.Index));
    push(M.tableType(I.Index).Elem);
    return;
  case Opcode::TableSet:
    if (!checkTable(I, I.Index))
      return;
    pop(M.tableType(I.Index).Elem);
    pop(tableAddressType(I.Index));
    return;
  case Opcode::MemorySize:
  case Opcode::MemoryGrow:
  case Opcode::MemoryFill:
    if (!checkMemory(I, I.Memory))
      return;
    break; // the fixed signature does the rest
  case Opcode::MemoryCopy:
    if (!checkMemory(I, I.Memory) || !checkMemory(I, I.SrcMemory))
      return;
    break;
  case Opcode::MemoryInit:
    if (!checkMemory(I, I.Memory) || !checkDataIndex(I))
      return;
    break;
  case Opcode::DataDrop:
    checkDataIndex(I);
    return;
  case Opcode::RefNull:
    push(I.Type);
    return;
  case Opcode::RefIsNull: {
    ValType T = pop();
    if (!Failed && T != ValType::Bottom && !isRefType(T))
      fail(I.Offset, "type mismatch: ref.is_null expects a reference but "
                     "got " +
                         valTypeName(T));
    push(ValType::I32);
    return;
  }
  case Opcode::RefFunc:
    if (I.Index >= M.numFuncs()) {
      fail(I.ImmOffset, "unknown function " + Twine(I.Index));
      return;
    }
    if (!C.DeclaredRefs.test(I.Index)) {
      fail(I.ImmOffset, "undeclared function reference " + Twine(I.Index));
      return;
    }
    push(ValType::FuncRef);
    return;
  case Opcode::TableInit: {
    if (!checkTable(I, I.Index2))
      return;
    if (I.Index >= M.Elems.size()) {
      fail(I.ImmOffset, "unknown elem segment " + Twine(I.Index));
      return;
    }
    if (M.Elems[I.Index].Type != M.tableType(I.Index2).Elem) {
      fail(I.ImmOffset, "type mismatch: table.init of " +
                            valTypeName(M.Elems[I.Index].Type) +
                            " elements into a table of " +
                            valTypeName(M.tableType(I.Index2).Elem));
      return;
    }
    pop(ValType::I32);
    pop(ValType::I32);
    pop(tableAddressType(I.Index2));
    return;
  }
  case Opcode::ElemDrop:
    if (I.Index >= M.Elems.size())
      fail(I.ImmOffset, "unknown elem segment " + Twine(I.Index));
    return;
  case Opcode::TableCopy: {
    if (!checkTable(I, I.Index) || !checkTable(I, I.Index2))
      return;
    if (M.tableType(I.Index).Elem != M.tableType(I.Index2).Elem) {
      fail(I.ImmOffset, "type mismatch: table.copy between tables of " +
                            valTypeName(M.tableType(I.Index2).Elem) + " and " +
                            valTypeName(M.tableType(I.Index).Elem));
      return;
    }
    // table.copy x y: d is x's address type, s y's, n the narrower one.
    ValType Dst = tableAddressType(I.Index), Src = tableAddressType(I.Index2);
    pop(Dst == ValType::I64 && Src == ValType::I64 ? ValType::I64
                                                   : ValType::I32);
    pop(Src);
    pop(Dst);
    return;
  }
  case Opcode::TableGrow:
    if (!checkTable(I, I.Index))
      return;
    pop(tableAddressType(I.Index));
    pop(M.tableType(I.Index).Elem);
    push(tableAddressType(I.Index));
    return;
  case Opcode::TableSize:
    if (!checkTable(I, I.Index))
      return;
    push(tableAddressType(I.Index));
    return;
  case Opcode::TableFill:
    if (!checkTable(I, I.Index))
      return;
    pop(tableAddressType(I.Index));
    pop(M.tableType(I.Index).Elem);
    pop(tableAddressType(I.Index));
    return;
  case Opcode::I8x16Shuffle:
    for (uint8_t Lane : I.Bytes)
      if (Lane >= 32) {
        // A byte would print as a character.
        fail(I.ImmOffset, "invalid lane index " + Twine(unsigned(Lane)));
        return;
      }
    break;
  default:
    break;
  }

  // Everything else is typed by its fixed signature from Opcodes.def, after
  // the checks its immediate kind calls for.
  if (memoryAccessSize(Info.Imm))
    checkMemArg(I);
  if (unsigned Lanes = laneCount(Info.Imm))
    if (I.Index >= Lanes)
      fail(I.ImmOffset, "invalid lane index " + Twine(I.Index));
  ValType Params[3] = {Info.Params[0], Info.Params[1], Info.Params[2]};
  ValType Result = Info.Result;
  if (!Failed && M.numMemories() && M.memoryType(I.Memory).Lim.Is64) {
    // memory64: addresses, sizes and page counts are i64 (Opcodes.def
    // writes the i32 forms).
    if (memoryAccessSize(Info.Imm)) {
      Params[0] = ValType::I64;
    } else if (I.Op == Opcode::MemorySize) {
      Result = ValType::I64;
    } else if (I.Op == Opcode::MemoryGrow) {
      Params[0] = Result = ValType::I64;
    } else if (I.Op == Opcode::MemoryFill) {
      Params[0] = Params[2] = ValType::I64;
    } else if (I.Op == Opcode::MemoryInit) {
      Params[0] = ValType::I64;
    }
  }
  if (!Failed && I.Op == Opcode::MemoryCopy) {
    // Each address has its memory's type; the length is i64 only if both
    // memories are 64-bit.
    ValType Dst = memoryAddressType(I.Memory);
    ValType Src = memoryAddressType(I.SrcMemory);
    Params[0] = Dst;
    Params[1] = Src;
    Params[2] = Dst == ValType::I64 && Src == ValType::I64 ? ValType::I64
                                                           : ValType::I32;
  }
  for (int K = 2; K >= 0 && !Failed; --K)
    if (Params[K] != ValType::Bottom)
      pop(Params[K]);
  if (Result != ValType::Bottom)
    push(Result);
}

Error FunctionValidator::run() {
  uint64_t BodyEnd = F.Body.Offset + F.Body.Size;
  InstrReader Reader(M, F.Body);
  pushCtrl(Opcode::Block, {}, Type.Results);
  Instr I;
  while (!Failed && Reader.next(I)) {
    CurOffset = I.Offset;
    CurImmOffset = I.ImmOffset;
    CurName = opcodeName(I.Op);
    validate(I);
    if (Ctrls.empty()) {
      // The function's own `end`: nothing may follow it.
      if (!Failed && !Reader.atEnd())
        fail(Reader.offset(),
             "section size mismatch: operators remaining after the end of "
             "the function");
      break;
    }
  }
  if (Reader.failed())
    return Reader.takeError();
  if (Failed)
    return make_error<WasmError>(ErrOffset, ErrMessage);
  if (!Ctrls.empty())
    return makeError(BodyEnd,
                     "unexpected end of section or function: END opcode "
                     "expected");
  return Error::success();
}

} // namespace

Error validateFunction(const ModuleContext &C, uint32_t DefinedIndex) {
  const Function &F = C.M.Functions[DefinedIndex];
  return FunctionValidator(C, F).run();
}

} // namespace w2n
