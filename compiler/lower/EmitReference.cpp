//===- EmitReference.cpp - Calls, globals, references and tables ----------===//

#include "lower/FunctionTranslator.h"

#include "ir/InstanceContext.h"
#include "ir/Markers.h"

#include "llvm/IR/InlineAsm.h"

using namespace llvm;

namespace w2n {

Value *FunctionTranslator::emitCallTo(FunctionCallee Callee, uint32_t TypeIndex,
                                      Value *CalleeVMCtx, bool Tail) {
  const FuncType &T = M.Types[TypeIndex];
  SmallVector<Value *, 8> Args = {CalleeVMCtx};
  SmallVector<Value *, 4> Params = popN(T.Params.size());
  Args.append(Params.begin(), Params.end());
  if (Tail && !Part) {
    // return_call: the call is the last thing the function does, so its
    // frame is gone before the callee runs. The guard-mode load sinks are
    // stored first (as before any return), then `tail call` and `ret`:
    // each back end turns a tail call whose arguments are all in registers
    // into a jump at every -O level (docs/semantics.md, "Tail calls").
    //
    // `tail` is only a hint to the optimiser: had it known the callee, it
    // could have folded the callee's result into a constant (a function
    // that always returns 42 after a tail call of itself) and left the
    // call out of the tail position, and the stack would grow. (musttail,
    // which it must respect, needs caller and callee of one prototype
    // under the C convention.) So a direct callee is named through an
    // empty asm, which LLVM cannot see through: it knows nothing of the
    // callee's results, and the call stays where it is.
    if (auto *Direct = dyn_cast<llvm::Function>(Callee.getCallee())) {
      auto *Opaque = InlineAsm::get(
          FunctionType::get(CC.ptrTy(), {CC.ptrTy()}, false), "", "=r,0",
          /*hasSideEffects=*/false);
      Callee = FunctionCallee(Callee.getFunctionType(),
                              B.CreateCall(Opaque, {Direct}, "tail.callee"));
    }
    emitSinkStore(B);
    CallInst *Call = B.CreateCall(Callee, Args);
    Call->setTailCallKind(CallInst::TCK_Tail);
    markReturnCall(*Call);
    if (Call->getType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(Call);
    setUnreachable();
    return Call;
  }
  CallInst *Call = B.CreateCall(Callee, Args);
  if (Tail) {
    // Inside a part of a giant function (Outlining.h) the function's own
    // frame is the part's caller: the call returns here and the part
    // leaves through the function's return.
    for (unsigned K = 0; K < T.Results.size(); ++K)
      push(T.Results.size() == 1 ? Call : B.CreateExtractValue(Call, K));
    emitReturn();
    return Call;
  }
  if (T.Results.size() == 1) {
    push(Call);
  } else {
    for (unsigned K = 0; K < T.Results.size(); ++K)
      push(B.CreateExtractValue(Call, K));
  }
  return Call;
}

void FunctionTranslator::emitCall(const Instr &I) {
  uint32_t TypeIndex = M.funcTypeIndex(I.Index);
  bool Tail = I.Op == Opcode::ReturnCall;
  if (I.Index >= M.numImported(ExternKind::Func)) {
    emitCallTo(CC.getOrDeclareFunction(I.Index), TypeIndex, VMCtx, Tail);
    return;
  }
  // An import: call through its w2n_funcref, whose vmctx is the callee's
  // instance (or the host function object).
  Value *Ref = loadFuncRef(B, VMCtx, CC.Layout, I.Index, "import");
  Value *Code = loadFuncRefCode(B, Ref, Load::Invariant);
  Value *Callee = loadFuncRefVMCtx(B, Ref, Load::Invariant);
  emitCallTo(FunctionCallee(CC.funcType(TypeIndex), Code), TypeIndex, Callee,
             Tail);
}

Value *FunctionTranslator::tablePtr(uint32_t TableIndex) {
  return loadTable(B, VMCtx, CC.Layout, TableIndex);
}

void FunctionTranslator::emitCallIndirect(const Instr &I) {
  uint32_t TypeIndex = I.Index;
  Value *Index = B.CreateZExt(pop(), B.getInt64Ty());
  Value *Table = tablePtr(I.Index2);
  Value *Size = loadTableSize(B, Table);
  trapIf(B.CreateICmpUGE(Index, B.CreateZExt(Size, B.getInt64Ty())),
         W2N_TRAP_UNDEFINED_ELEMENT);
  Value *Elems = loadTableElems(B, Table);
  Value *Ref =
      B.CreateLoad(CC.ptrTy(), B.CreateGEP(CC.ptrTy(), Elems, Index), "ref");
  trapIf(B.CreateICmpEQ(Ref, Constant::getNullValue(CC.ptrTy())),
         W2N_TRAP_UNINITIALIZED_ELEMENT);
  // Canonical type ids make the check valid across modules that share the
  // table: equal function types have equal ids in every instance.
  Value *Actual = loadFuncRefTypeId(B, Ref);
  Value *Expected = loadTypeId(B, VMCtx, CC.Layout, TypeIndex);
  trapIf(B.CreateICmpNE(Actual, Expected),
         W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH);
  Value *Code = loadFuncRefCode(B, Ref, Load::Plain);
  Value *Callee = loadFuncRefVMCtx(B, Ref, Load::Plain);
  emitCallTo(FunctionCallee(CC.funcType(TypeIndex), Code), TypeIndex, Callee,
             I.Op == Opcode::ReturnCallIndirect);
}

void FunctionTranslator::emitGlobal(const Instr &I) {
  Value *Storage = loadGlobalStorage(B, VMCtx, CC.Layout, I.Index);
  llvm::Type *Ty = CC.valType(M.globalType(I.Index).Type);
  // Global storage is a w2n_val: 8-byte aligned, also for v128.
  if (I.Op == Opcode::GlobalGet)
    push(B.CreateAlignedLoad(Ty, Storage, Align(8)));
  else
    B.CreateAlignedStore(pop(), Storage, Align(8));
}

void FunctionTranslator::emitReference(const Instr &I) {
  switch (I.Op) {
  case Opcode::RefNull:
    push(Constant::getNullValue(CC.ptrTy()));
    return;
  case Opcode::RefIsNull:
    push(B.CreateZExt(B.CreateICmpEQ(pop(), Constant::getNullValue(CC.ptrTy())),
                      B.getInt32Ty()));
    return;
  case Opcode::RefFunc:
    push(loadFuncRef(B, VMCtx, CC.Layout, I.Index, "funcref"));
    return;
  default:
    llvm_unreachable("not a reference instruction");
  }
}

void FunctionTranslator::emitTableOp(const Instr &I) {
  llvm::Type *I64 = B.getInt64Ty();
  llvm::Type *Ptr = CC.ptrTy();
  // Indices and lengths in 64 bits (i64 already for table64 tables); the
  // runtime checks ranges in 64 bits without wrapping.
  auto Wide = [&](Value *V) { return B.CreateZExt(V, I64); };
  auto Is64 = [&](uint32_t TableIndex) {
    return M.tableType(TableIndex).Lim.Is64;
  };
  auto ElementPtr = [&](uint32_t TableIndex, Value *Index) {
    Value *Table = tablePtr(TableIndex);
    Value *Size = loadTableSize(B, Table);
    // Sizes are u32: an i64 index compares with the size widened.
    trapIf(Is64(TableIndex) ? B.CreateICmpUGE(Index, Wide(Size))
                            : B.CreateICmpUGE(Index, Size),
           W2N_TRAP_TABLE_OUT_OF_BOUNDS);
    Value *Elems = loadTableElems(B, Table);
    return B.CreateGEP(Ptr, Elems, Wide(Index));
  };
  switch (I.Op) {
  case Opcode::TableGet: {
    Value *Index = pop();
    push(B.CreateLoad(Ptr, ElementPtr(I.Index, Index)));
    return;
  }
  case Opcode::TableSet: {
    Value *Val = pop();
    Value *Index = pop();
    B.CreateStore(Val, ElementPtr(I.Index, Index));
    return;
  }
  case Opcode::TableSize: {
    Value *Table = tablePtr(I.Index);
    Value *Size = loadTableSize(B, Table, "");
    push(Is64(I.Index) ? Wide(Size) : Size);
    return;
  }
  case Opcode::TableGrow: {
    Value *N = pop();
    Value *Init = pop();
    if (!Is64(I.Index)) {
      push(callRuntime(RtTableGrow, {VMCtx, B.getInt32(I.Index), Init, N}));
      return;
    }
    // table64: a table has at most Table::MaxElements, and the runtime
    // answers -1 or the old size (below 2^31).
    push(emitGrow64(N, [&](Value *N32) {
      return callRuntime(RtTableGrow, {VMCtx, B.getInt32(I.Index), Init, N32});
    }));
    return;
  }
  case Opcode::TableFill: {
    Value *N = Wide(pop());
    Value *Val = pop();
    Value *Dst = Wide(pop());
    callRuntime(RtTableFill, {VMCtx, B.getInt32(I.Index), Dst, Val, N});
    return;
  }
  case Opcode::TableCopy: {
    Value *N = Wide(pop());
    Value *Src = Wide(pop());
    Value *Dst = Wide(pop());
    callRuntime(RtTableCopy, {VMCtx, B.getInt32(I.Index), B.getInt32(I.Index2),
                              Dst, Src, N});
    return;
  }
  case Opcode::TableInit: {
    Value *N = Wide(pop());
    Value *Src = Wide(pop());
    Value *Dst = Wide(pop());
    callRuntime(RtTableInit, {VMCtx, B.getInt32(I.Index2), B.getInt32(I.Index),
                              Dst, Src, N});
    return;
  }
  case Opcode::ElemDrop:
    callRuntime(RtElemDrop, {VMCtx, B.getInt32(I.Index)});
    return;
  default:
    llvm_unreachable("not a table instruction");
  }
}

} // namespace w2n
