//===- FunctionMetrics.cpp - A function's wasm, measured ------------------===//
//
// One linear pass over the instructions. The operand stack height is
// tracked only as far as the opcode table gives fixed signatures; the
// polymorphic instructions are counted by hand where they matter (calls,
// variables, select, drop), which is enough to see an expression thousands
// of values deep.
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionMetrics.h"

#include "decode/InstrReader.h"

#include <algorithm>

using namespace llvm;

namespace w2n {

namespace {

uint64_t blockArity(const Module &M, const BlockType &BT) {
  switch (BT.K) {
  case BlockType::Empty:
    return 0;
  case BlockType::Value:
    return 1;
  case BlockType::TypeIndex:
    if (BT.Index < M.Types.size())
      return std::max(M.Types[BT.Index].Params.size(),
                      M.Types[BT.Index].Results.size());
    return 0;
  }
  return 0;
}

uint64_t typeArity(const FuncType &T) {
  return std::max(T.Params.size(), T.Results.size());
}

/// Operands popped and results pushed by instructions with a fixed
/// signature in Opcodes.def.
void fixedStackEffect(const OpcodeInfo &Info, uint64_t &Pops,
                      uint64_t &Pushes) {
  Pops = 0;
  for (ValType P : Info.Params)
    Pops += P != ValType::Bottom;
  Pushes = Info.Result != ValType::Bottom;
}

} // namespace

FunctionMetrics measureFunction(const Module &M, const Function &F) {
  FunctionMetrics R;
  R.Bytes = F.Body.Size;
  const FuncType &Own = M.Types[F.TypeIndex];
  uint64_t LocalAccesses = 0;
  R.MaxArity = typeArity(Own);
  uint32_t NumImported = M.numImported(ExternKind::Func);

  InstrReader Reader(M, F.Body);
  Instr I;
  uint64_t Depth = 0, Run = 0, BlockRun = 0, Stack = 0;
  // Per open block: whether it is a loop.
  std::vector<bool> IsLoop;
  uint64_t LoopDepth = 0;
  auto EndRun = [&] {
    R.MaxStraightLine = std::max(R.MaxStraightLine, Run);
    Run = 0;
  };
  auto Boundary = [&] {
    EndRun();
    R.MaxBlockInstrs = std::max(R.MaxBlockInstrs, BlockRun);
    BlockRun = 0;
  };
  auto Pop = [&](uint64_t N) { Stack = Stack > N ? Stack - N : 0; };
  while (Reader.next(I)) {
    ++R.Instrs;
    ++Run;
    ++BlockRun;
    switch (I.Op) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If:
      ++R.Blocks;
      R.Loops += I.Op == Opcode::Loop;
      R.MaxDepth = std::max(R.MaxDepth, ++Depth);
      IsLoop.push_back(I.Op == Opcode::Loop);
      LoopDepth += I.Op == Opcode::Loop;
      R.MaxLoopDepth = std::max(R.MaxLoopDepth, LoopDepth);
      R.MaxArity = std::max(R.MaxArity, blockArity(M, I.Block));
      Pop(I.Op == Opcode::If);
      Boundary();
      break;
    case Opcode::Else:
      ++R.Blocks;
      Boundary();
      break;
    case Opcode::End:
      Depth = Depth ? Depth - 1 : 0;
      if (!IsLoop.empty()) {
        LoopDepth -= IsLoop.back();
        IsLoop.pop_back();
      }
      Boundary();
      break;
    case Opcode::Br:
    case Opcode::Return:
    case Opcode::Unreachable:
      Boundary();
      break;
    case Opcode::BrIf:
      ++R.Blocks;
      Pop(1);
      Boundary();
      break;
    case Opcode::BrTable:
      ++R.Blocks;
      R.SwitchTargets += I.Targets.size() + 1;
      R.MaxSwitchTargets =
          std::max<uint64_t>(R.MaxSwitchTargets, I.Targets.size() + 1);
      Pop(1);
      Boundary();
      break;
    case Opcode::Call:
    case Opcode::CallIndirect:
    case Opcode::ReturnCall:
    case Opcode::ReturnCallIndirect: {
      ++R.Calls;
      bool Direct = I.Op == Opcode::Call || I.Op == Opcode::ReturnCall;
      const FuncType &T =
          Direct ? M.Types[M.funcTypeIndex(I.Index)] : M.Types[I.Index];
      R.MaxArity = std::max(R.MaxArity, typeArity(T));
      Pop(T.Params.size() + !Direct);
      Stack += T.Results.size();
      if (Direct && I.Index >= NumImported)
        R.Callees.push_back(I.Index);
      // A call ends a scheduling region, not a basic block; a tail call
      // ends the block, as `return` does.
      if (I.Op == Opcode::ReturnCall || I.Op == Opcode::ReturnCallIndirect)
        Boundary();
      else
        EndRun();
      break;
    }
    case Opcode::LocalGet:
      ++LocalAccesses;
      ++Stack;
      break;
    case Opcode::LocalSet:
      ++LocalAccesses;
      Pop(1);
      break;
    case Opcode::Drop:
      Pop(1);
      break;
    case Opcode::LocalTee:
      ++LocalAccesses;
      break;
    case Opcode::GlobalGet:
      ++R.Accesses;
      ++Stack;
      break;
    case Opcode::GlobalSet:
      ++R.Accesses;
      Pop(1);
      break;
    case Opcode::Select:
    case Opcode::SelectT:
      Pop(2);
      break;
    case Opcode::I32Const:
    case Opcode::I64Const:
    case Opcode::F32Const:
    case Opcode::F64Const:
    case Opcode::V128Const:
    case Opcode::RefNull:
    case Opcode::RefFunc:
      ++Stack;
      break;
    default: {
      const OpcodeInfo &Info = I.info();
      if (memoryAccessSize(Info.Imm))
        ++R.Accesses;
      uint64_t Pops, Pushes;
      fixedStackEffect(Info, Pops, Pushes);
      Pop(Pops);
      Stack += Pushes;
      break;
    }
    }
    R.MaxStack = std::max(R.MaxStack, Stack);
  }
  Boundary();
  consumeError(Reader.takeError());
  // The body cannot use more locals than it has accesses to locals (and
  // lowering makes no more than that: FunctionTranslator::local).
  R.Locals = Own.Params.size() + std::min<uint64_t>(F.NumLocals, LocalAccesses);
  return R;
}

} // namespace w2n
