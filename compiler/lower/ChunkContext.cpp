//===- ChunkContext.cpp - State shared by the functions of a chunk --------===//

#include "lower/ChunkContext.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;

namespace w2n {

ChunkContext::ChunkContext(const Module &M, const ModuleSymbols &Syms,
                           const CompilePlan &Plan, const LoweringOptions &Opts,
                           llvm::Module &LM)
    : M(M), Syms(Syms), Plan(Plan), Opts(Opts), LM(LM), Ctx(LM.getContext()) {
  Layout =
      w2n_compute_vmctx_layout(M.numGlobals(), M.numTables(), M.numMemories(),
                               M.numFuncs(), M.Types.size());
  PtrTy = PointerType::getUnqual(Ctx);
  MDBuilder MDB(Ctx);
  MDNode *Root = MDB.createTBAARoot("wasm2native");
  MDNode *MemoryTy = MDB.createTBAAScalarTypeNode("linear memory", Root);
  MDNode *InstanceTy = MDB.createTBAAScalarTypeNode("instance", Root);
  MDNode *MemoryObjectTy = MDB.createTBAAScalarTypeNode("memory object", Root);
  MemoryTag = MDB.createTBAAStructTagNode(MemoryTy, MemoryTy, 0);
  InstanceTag = MDB.createTBAAStructTagNode(InstanceTy, InstanceTy, 0);
  MemoryObjectTag =
      MDB.createTBAAStructTagNode(MemoryObjectTy, MemoryObjectTy, 0);
  // Made on first use: a module may declare many types no chunk needs.
  FuncTypes.assign(M.Types.size(), nullptr);
}

Type *ChunkContext::valType(ValType T) const {
  switch (T) {
  case ValType::I32:
    return Type::getInt32Ty(Ctx);
  case ValType::I64:
    return Type::getInt64Ty(Ctx);
  case ValType::F32:
    return Type::getFloatTy(Ctx);
  case ValType::F64:
    return Type::getDoubleTy(Ctx);
  case ValType::V128:
    return FixedVectorType::get(Type::getInt8Ty(Ctx), 16);
  case ValType::FuncRef:
  case ValType::ExternRef:
    return PtrTy;
  case ValType::Bottom:
    break;
  }
  llvm_unreachable("no LLVM type for the bottom type");
}

Type *ChunkContext::resultType(const FuncType &T) const {
  if (T.Results.empty())
    return Type::getVoidTy(Ctx);
  if (T.Results.size() == 1)
    return valType(T.Results[0]);
  SmallVector<Type *, 4> Elems;
  for (ValType R : T.Results)
    Elems.push_back(valType(R));
  return StructType::get(Ctx, Elems);
}

FunctionType *ChunkContext::funcType(uint32_t TypeIndex) const {
  FunctionType *&FT = FuncTypes[TypeIndex];
  if (!FT) {
    const FuncType &T = M.Types[TypeIndex];
    SmallVector<Type *, 8> Params = {PtrTy};
    for (ValType P : T.Params)
      Params.push_back(valType(P));
    FT = FunctionType::get(resultType(T), Params, false);
  }
  return FT;
}

Value *ChunkContext::makeAggregate(IRBuilder<> &B, Type *Ty,
                                   ArrayRef<Value *> Vals,
                                   Instruction *Entry) const {
  constexpr size_t MaxInsertValues = 16;
  if (Vals.size() <= MaxInsertValues) {
    Value *Agg = PoisonValue::get(Ty);
    for (unsigned K = 0; K < Vals.size(); ++K)
      Agg = B.CreateInsertValue(Agg, Vals[K], K);
    return Agg;
  }
  AllocaInst *Tmp = IRBuilder<>(Entry).CreateAlloca(Ty, nullptr, "results");
  for (unsigned K = 0; K < Vals.size(); ++K)
    B.CreateStore(Vals[K], B.CreateStructGEP(Ty, Tmp, K));
  return B.CreateLoad(Ty, Tmp);
}

llvm::Function *ChunkContext::getOrDeclareFunction(uint32_t FuncIndex) {
  const std::string &Name = Syms.FuncSymbols[FuncIndex];
  if (llvm::Function *F = LM.getFunction(Name))
    return F;
  // A function referred to from its own chunk only is internal, so LLVM
  // knows all its callers (in a one-chunk module, all are); the others are
  // hidden (never exported).
  bool Internal = Plan.Internal[FuncIndex];
  llvm::Function *F = llvm::Function::Create(
      funcType(M.funcTypeIndex(FuncIndex)),
      Internal ? GlobalValue::InternalLinkage : GlobalValue::ExternalLinkage,
      Name, LM);
  if (!Internal)
    F->setVisibility(GlobalValue::HiddenVisibility);
  setFunctionAttributes(F);
  return F;
}

llvm::Function *ChunkContext::getOrDeclarePart(uint32_t FuncIndex,
                                               uint32_t Region) {
  std::string Name =
      "wasm.part:" +
      StringRef(Syms.FuncSymbols[FuncIndex]).drop_front(5).str() + "#" +
      std::to_string(Region);
  if (llvm::Function *F = LM.getFunction(Name))
    return F;
  uint32_t Defined = FuncIndex - M.numImported(ExternKind::Func);
  bool Internal = Plan.PartInternal[Defined][Region];
  llvm::Function *F = llvm::Function::Create(
      FunctionType::get(Type::getInt32Ty(Ctx), {PtrTy, PtrTy}, false),
      Internal ? GlobalValue::InternalLinkage : GlobalValue::ExternalLinkage,
      Name, LM);
  if (!Internal)
    F->setVisibility(GlobalValue::HiddenVisibility);
  setFunctionAttributes(F);
  return F;
}

void ChunkContext::setFunctionAttributes(llvm::Function *F) const {
  F->setDSOLocal(true);
  // Wasm code never unwinds through C++ frames: traps longjmp past it.
  F->addFnAttr(Attribute::NoUnwind);
  // Every wasm call is a real call: tail-recursion elimination would turn
  // unbounded recursion (which must exhaust the stack and trap) into a
  // loop, and real frames keep backtraces whole.
  F->addFnAttr("disable-tail-calls", "true");
  if (!Opts.CPU.empty())
    F->addFnAttr("target-cpu", Opts.CPU);
  if (!Opts.Features.empty())
    F->addFnAttr("target-features", Opts.Features);
  F->setUWTableKind(UWTableKind::Async);
}

} // namespace w2n
