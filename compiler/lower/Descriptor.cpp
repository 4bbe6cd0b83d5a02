//===- Descriptor.cpp - The module descriptor and trampolines -------------===//
//
// The LLVM struct types below mirror the C structs of abi.h member for
// member; natural alignment gives the same layout as C on every LP64 target
// we support (a unit test compares them with offsetof).
//
//===----------------------------------------------------------------------===//

#include "lower/Descriptor.h"

#include "decode/InstrReader.h"
#include "ir/AbiTypes.h"
#include "ir/Markers.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"

using namespace llvm;

namespace w2n {

namespace {

class DescriptorEmitter {
public:
  explicit DescriptorEmitter(ChunkContext &CC)
      : CC(CC), M(CC.M), Ctx(CC.Ctx), I8(Type::getInt8Ty(Ctx)),
        I32(Type::getInt32Ty(Ctx)), I64(Type::getInt64Ty(Ctx)),
        Ptr(CC.ptrTy()) {
    AbiTypes T = AbiTypes::get(Ctx);
    ValTy = T.Val;
    ConstExprTy = T.ConstExpr;
    FuncTypeTy = T.FuncType;
    LimitsTy = T.Limits;
    TableTypeTy = T.TableType;
    GlobalDescTy = T.GlobalDesc;
    ImportTy = T.Import;
    ExportTy = T.Export;
    ElemSegTy = T.ElemSegment;
    DataSegTy = T.DataSegment;
    LayoutTy = T.VMContextLayout;
    DescTy = T.Descriptor;
  }

  void emit();

private:
  Constant *i8(uint64_t V) { return ConstantInt::get(I8, V); }
  Constant *i32(uint64_t V) { return ConstantInt::get(I32, V); }
  Constant *i64(uint64_t V) { return ConstantInt::get(I64, V); }
  Constant *null() {
    return ConstantPointerNull::get(PointerType::get(Ctx, 0));
  }
  /// Every string of the descriptor, in the pool.
  void collectStrings();
  void addString(StringRef Bytes);
  static std::string typeEncoding(const FuncType &FT);
  /// The copy of Bytes in the pool (collectStrings put it there).
  Constant *string(StringRef Bytes);
  /// A private NUL-terminated copy of a data segment.
  Constant *bytes(StringRef Bytes);
  /// A private constant array of Elems (or null when empty).
  Constant *array(Type *ElemTy, ArrayRef<Constant *> Elems, const Twine &Name);
  Constant *constExpr(ExprRange E);
  /// One instruction of a constant expression, as a w2n_const_expr.
  Constant *constInstr(const Instr &I);
  Constant *limits(const Limits &L);

  llvm::Function *emitInvokeTrampoline(uint32_t TypeIndex);
  /// Attributes of every trampoline. Like wasm code, they never unwind
  /// (traps longjmp past them). Optimised ones have unwind tables for
  /// debuggers, as the wasm functions do; baseline ones, which the plan
  /// makes when there are thousands, have none: unwind tables are a tenth
  /// of the memory their compile takes.
  void setAttributes(llvm::Function *F) {
    F->addFnAttr(Attribute::NoUnwind);
    if (CC.Plan.TrampolineTier == Tier::Baseline)
      F->addFnAttr(BaselineTierAttr, BaselineLocalsSSA);
    else
      F->setUWTableKind(UWTableKind::Async);
  }
  llvm::Function *emitHostTrampoline(uint32_t TypeIndex);

  ChunkContext &CC;
  const Module &M;
  LLVMContext &Ctx;
  GlobalVariable *StringPool = nullptr;
  std::string PoolBytes;
  StringMap<uint64_t> StringOffsets;
  Type *I8, *I32, *I64, *Ptr;
  Type *ValTy;
  StructType *ConstExprTy, *FuncTypeTy, *LimitsTy, *TableTypeTy, *GlobalDescTy,
      *ImportTy, *ExportTy, *ElemSegTy, *DataSegTy, *LayoutTy, *DescTy;
};

// Names and type encodings go into one pool: a module may have a hundred
// thousand of them, and a global of its own for each would cost a symbol,
// a label and a fragment in the object, on top of the IR. The pool is
// filled first (collectStrings), so that the constants that point into it
// are made once.
void DescriptorEmitter::addString(StringRef Bytes) {
  auto [It, New] = StringOffsets.try_emplace(Bytes, PoolBytes.size());
  if (New) {
    PoolBytes.append(Bytes.begin(), Bytes.end());
    PoolBytes.push_back('\0');
  }
}

void DescriptorEmitter::collectStrings() {
  addString(CC.Opts.Triple);
  for (const FuncType &FT : M.Types)
    addString(typeEncoding(FT));
  for (const Import &Imp : M.Imports) {
    addString(Imp.ModuleName);
    addString(Imp.FieldName);
  }
  for (const std::string &Name : CC.Syms.FuncNames)
    if (!Name.empty())
      addString(Name);
  for (const Export &E : M.Exports)
    addString(E.Name);
  if (!M.DebugNames.ModuleName.empty())
    addString(M.DebugNames.ModuleName);
  Constant *Data = ConstantDataArray::get(
      Ctx,
      ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(PoolBytes.data()),
                        PoolBytes.size()));
  StringPool = new GlobalVariable(CC.LM, Data->getType(), true,
                                  GlobalValue::PrivateLinkage, Data, "strings");
  StringPool->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  StringPool->setAlignment(Align(1));
}

std::string DescriptorEmitter::typeEncoding(const FuncType &FT) {
  std::string Enc;
  for (ValType V : FT.Params)
    Enc.push_back(char(V));
  for (ValType V : FT.Results)
    Enc.push_back(char(V));
  return Enc;
}

Constant *DescriptorEmitter::string(StringRef Bytes) {
  auto It = StringOffsets.find(Bytes);
  assert(It != StringOffsets.end() && "collectStrings missed a string");
  return ConstantExpr::getInBoundsGetElementPtr(I8, StringPool,
                                                i64(It->second));
}

// Data segments keep globals of their own: they may be large, and need no
// terminator.
Constant *DescriptorEmitter::bytes(StringRef Bytes) {
  Constant *Data = ConstantDataArray::getString(Ctx, Bytes, true);
  auto *GV = new GlobalVariable(CC.LM, Data->getType(), true,
                                GlobalValue::PrivateLinkage, Data, "data");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  return GV;
}

Constant *DescriptorEmitter::array(Type *ElemTy, ArrayRef<Constant *> Elems,
                                   const Twine &Name) {
  if (Elems.empty())
    return null();
  ArrayType *AT = ArrayType::get(ElemTy, Elems.size());
  auto *GV = new GlobalVariable(CC.LM, AT, true, GlobalValue::PrivateLinkage,
                                ConstantArray::get(AT, Elems), Name);
  return GV;
}

Constant *DescriptorEmitter::constExpr(ExprRange E) {
  // Validated constant expressions of WebAssembly 2.0 are one instruction;
  // extended ones (several) become a sequence of steps.
  SmallVector<Instr, 4> Instrs;
  {
    InstrReader R(M, E);
    Instr I;
    while (R.next(I) && I.Op != Opcode::End)
      Instrs.push_back(I);
    consumeError(R.takeError());
  }
  assert(!Instrs.empty() && "constant expression was validated");
  if (Instrs.size() == 1)
    return constInstr(Instrs[0]);
  SmallVector<Constant *, 4> Steps;
  SmallVector<uint8_t, 4> Types;
  for (const Instr &I : Instrs) {
    uint8_t Kind;
    switch (I.Op) {
    case Opcode::I32Add:
    case Opcode::I64Add:
      Kind = W2N_CONST_ADD;
      break;
    case Opcode::I32Sub:
    case Opcode::I64Sub:
      Kind = W2N_CONST_SUB;
      break;
    case Opcode::I32Mul:
    case Opcode::I64Mul:
      Kind = W2N_CONST_MUL;
      break;
    default:
      Steps.push_back(constInstr(I));
      Types.push_back(
          I.Op == Opcode::GlobalGet
              ? uint8_t(M.globalType(I.Index).Type)
              : uint8_t(I.Op == Opcode::I64Const ? W2N_I64 : W2N_I32));
      continue;
    }
    uint8_t Type = (I.Op == Opcode::I32Add || I.Op == Opcode::I32Sub ||
                    I.Op == Opcode::I32Mul)
                       ? W2N_I32
                       : W2N_I64;
    Steps.push_back(
        ConstantStruct::get(ConstExprTy, {i8(Kind), i8(Type), i32(0),
                                          Constant::getNullValue(ValTy)}));
    Types.pop_back();
  }
  assert(Types.size() == 1 && "constant expression was validated");
  Constant *Array = array(ConstExprTy, Steps, "const_expr");
  return ConstantStruct::get(
      ConstExprTy,
      {i8(W2N_CONST_SEQUENCE), i8(Types[0]), i32(Steps.size()),
       ConstantArray::get(cast<ArrayType>(ValTy),
                          {ConstantExpr::getPtrToInt(Array, I64), i64(0)})});
}

Constant *DescriptorEmitter::constInstr(const Instr &I) {
  uint8_t Kind = W2N_CONST_VALUE;
  uint8_t Type = 0;
  uint32_t Index = 0;
  uint64_t Lo = 0, Hi = 0;
  switch (I.Op) {
  case Opcode::I32Const:
    Type = W2N_I32;
    Lo = uint32_t(I.Value);
    break;
  case Opcode::I64Const:
    Type = W2N_I64;
    Lo = I.Value;
    break;
  case Opcode::F32Const:
    Type = W2N_F32;
    Lo = uint32_t(I.Value);
    break;
  case Opcode::F64Const:
    Type = W2N_F64;
    Lo = I.Value;
    break;
  case Opcode::V128Const:
    Type = W2N_V128;
    for (int K = 7; K >= 0; --K) {
      Lo = Lo << 8 | I.Bytes[K];
      Hi = Hi << 8 | I.Bytes[K + 8];
    }
    break;
  case Opcode::RefNull:
    Kind = W2N_CONST_REF_NULL;
    Type = uint8_t(I.Type);
    break;
  case Opcode::RefFunc:
    Kind = W2N_CONST_REF_FUNC;
    Type = W2N_FUNCREF;
    Index = I.Index;
    break;
  case Opcode::GlobalGet:
    Kind = W2N_CONST_GLOBAL_GET;
    Type = uint8_t(M.globalType(I.Index).Type);
    Index = I.Index;
    break;
  default:
    llvm_unreachable("not a constant instruction");
  }
  return ConstantStruct::get(
      ConstExprTy,
      {i8(Kind), i8(Type), i32(Index),
       ConstantArray::get(cast<ArrayType>(ValTy), {i64(Lo), i64(Hi)})});
}

Constant *DescriptorEmitter::limits(const Limits &L) {
  return ConstantStruct::get(LimitsTy, {i64(L.Min), i64(L.Max.value_or(0)),
                                        i32(L.Max.has_value()),
                                        i32(L.Is64 ? W2N_LIMITS_I64 : 0)});
}

// void invoke(ptr code, ptr vmctx, ptr slots): the runtime's way into any
// function of this type, with arguments and results in 16-byte slots.
llvm::Function *DescriptorEmitter::emitInvokeTrampoline(uint32_t TypeIndex) {
  const FuncType &T = M.Types[TypeIndex];
  FunctionType *FT =
      FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr, Ptr}, false);
  llvm::Function *F =
      llvm::Function::Create(FT, GlobalValue::InternalLinkage,
                             "wasm2native.invoke." + Twine(TypeIndex), CC.LM);
  setAttributes(F);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  Value *Slots = F->getArg(2);
  SmallVector<Value *, 8> Args = {F->getArg(1)};
  for (size_t K = 0; K < T.Params.size(); ++K)
    Args.push_back(B.CreateAlignedLoad(CC.valType(T.Params[K]),
                                       B.CreateConstGEP1_64(I8, Slots, 16 * K),
                                       Align(8)));
  Value *Res = B.CreateCall(CC.funcType(TypeIndex), F->getArg(0), Args);
  for (size_t K = 0; K < T.Results.size(); ++K) {
    Value *V = T.Results.size() == 1 ? Res : B.CreateExtractValue(Res, K);
    B.CreateAlignedStore(V, B.CreateConstGEP1_64(I8, Slots, 16 * K), Align(8));
  }
  B.CreateRetVoid();
  return F;
}

// A native function of this type that forwards to a w2n_host_func passed
// as its vmctx: the way from compiled code into the runtime's functions.
llvm::Function *DescriptorEmitter::emitHostTrampoline(uint32_t TypeIndex) {
  const FuncType &T = M.Types[TypeIndex];
  llvm::Function *F = llvm::Function::Create(
      CC.funcType(TypeIndex), GlobalValue::InternalLinkage,
      "wasm2native.host." + Twine(TypeIndex), CC.LM);
  setAttributes(F);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  size_t NumSlots =
      std::max<size_t>(1, std::max(T.Params.size(), T.Results.size()));
  AllocaInst *Slots =
      B.CreateAlloca(ArrayType::get(ValTy, NumSlots), nullptr, "slots");
  Slots->setAlignment(Align(16));
  for (size_t K = 0; K < T.Params.size(); ++K)
    B.CreateAlignedStore(F->getArg(K + 1),
                         B.CreateConstGEP1_64(I8, Slots, 16 * K), Align(8));
  Value *Host = F->getArg(0);
  Value *Callback = B.CreateLoad(Ptr, Host, "callback");
  B.CreateCall(FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr}, false),
               Callback, {Host, Slots});
  if (T.Results.empty()) {
    B.CreateRetVoid();
    return F;
  }
  SmallVector<Value *, 8> Vals;
  for (size_t K = 0; K < T.Results.size(); ++K)
    Vals.push_back(B.CreateAlignedLoad(CC.valType(T.Results[K]),
                                       B.CreateConstGEP1_64(I8, Slots, 16 * K),
                                       Align(8)));
  B.CreateRet(Vals.size() == 1
                  ? Vals[0]
                  : CC.makeAggregate(B, F->getReturnType(), Vals, Slots));
  return F;
}

void DescriptorEmitter::emit() {
  collectStrings();

  // Types and their trampolines.
  std::vector<Constant *> Types, Invokes, Hosts;
  for (uint32_t T = 0; T < M.Types.size(); ++T) {
    const FuncType &FT = M.Types[T];
    Types.push_back(ConstantStruct::get(
        FuncTypeTy, {i32(FT.Params.size()), i32(FT.Results.size()),
                     string(typeEncoding(FT))}));
    // Only the entries something can reach (ModuleSymbols): a module may
    // declare thousands of types it never exports, imports or calls
    // indirectly, and code for each would dominate its compile time.
    Invokes.push_back(CC.Syms.NeedsInvoke[T] ? emitInvokeTrampoline(T)
                                             : null());
    Hosts.push_back(CC.Syms.NeedsHostTrampoline[T] ? emitHostTrampoline(T)
                                                   : null());
  }

  // Each import's index within its own kind's index space.
  std::vector<uint32_t> KindIndices(M.Imports.size());
  for (const auto &List : M.ImportsByKind)
    for (uint32_t K = 0; K < List.size(); ++K)
      KindIndices[List[K]] = K;
  std::vector<Constant *> Imports;
  for (const Import &Imp : M.Imports) {
    uint32_t KindIndex = KindIndices[&Imp - M.Imports.data()];
    Imports.push_back(ConstantStruct::get(
        ImportTy, {string(Imp.ModuleName), string(Imp.FieldName),
                   i8(uint8_t(Imp.Kind)), i32(KindIndex),
                   i32(Imp.ModuleName.size()), i32(Imp.FieldName.size())}));
  }

  std::vector<Constant *> FuncTypes, FuncCode, FuncNames;
  uint32_t NumImportedFuncs = M.numImported(ExternKind::Func);
  for (uint32_t I = 0; I < M.numFuncs(); ++I) {
    FuncTypes.push_back(i32(M.funcTypeIndex(I)));
    if (I >= NumImportedFuncs)
      FuncCode.push_back(CC.Syms.Escapes[I] ? CC.getOrDeclareFunction(I)
                                            : null());
    FuncNames.push_back(
        CC.Syms.FuncNames[I].empty() ? null() : string(CC.Syms.FuncNames[I]));
  }

  std::vector<Constant *> Tables;
  for (uint32_t I = 0; I < M.numTables(); ++I) {
    const TableType &T = M.tableType(I);
    Tables.push_back(
        ConstantStruct::get(TableTypeTy, {i8(uint8_t(T.Elem)), limits(T.Lim)}));
  }
  std::vector<Constant *> Memories;
  for (uint32_t I = 0; I < M.numMemories(); ++I)
    Memories.push_back(limits(M.memoryType(I).Lim));

  std::vector<Constant *> Globals;
  uint32_t NumImportedGlobals = M.numImported(ExternKind::Global);
  for (uint32_t I = 0; I < M.numGlobals(); ++I) {
    const GlobalType &GT = M.globalType(I);
    Constant *Init = I < NumImportedGlobals
                         ? Constant::getNullValue(ConstExprTy)
                         : constExpr(M.Globals[I - NumImportedGlobals].Init);
    Globals.push_back(ConstantStruct::get(
        GlobalDescTy,
        {ConstantStruct::get(cast<StructType>(GlobalDescTy->getElementType(0)),
                             {i8(uint8_t(GT.Type)), i8(GT.Mutable)}),
         Init}));
  }

  std::vector<Constant *> Exports;
  for (const Export &E : M.Exports)
    Exports.push_back(
        ConstantStruct::get(ExportTy, {string(E.Name), i8(uint8_t(E.Kind)),
                                       i32(E.Index), i32(E.Name.size())}));

  std::vector<Constant *> Elems;
  for (const ElemSegment &S : M.Elems) {
    std::vector<Constant *> Items;
    if (S.UsesExprs) {
      for (ExprRange E : S.Exprs)
        Items.push_back(constExpr(E));
    } else {
      for (uint32_t F : S.FuncIndices)
        Items.push_back(ConstantStruct::get(
            ConstExprTy, {i8(W2N_CONST_REF_FUNC), i8(W2N_FUNCREF), i32(F),
                          Constant::getNullValue(ValTy)}));
    }
    Constant *Offset = S.Mode == SegmentMode::Active
                           ? constExpr(S.OffsetExpr)
                           : Constant::getNullValue(ConstExprTy);
    uint8_t Mode = S.Mode == SegmentMode::Active    ? W2N_SEGMENT_ACTIVE
                   : S.Mode == SegmentMode::Passive ? W2N_SEGMENT_PASSIVE
                                                    : W2N_SEGMENT_DECLARATIVE;
    Elems.push_back(ConstantStruct::get(
        ElemSegTy,
        {i8(Mode), i8(uint8_t(S.Type)), i32(S.TableIndex), Offset,
         i32(Items.size()), array(ConstExprTy, Items, "elem.items")}));
  }

  std::vector<Constant *> Datas;
  for (const DataSegment &S : M.Datas) {
    StringRef Bytes(reinterpret_cast<const char *>(M.Bytes.data()) +
                        S.DataOffset,
                    S.DataSize);
    Constant *Offset = S.Mode == SegmentMode::Active
                           ? constExpr(S.OffsetExpr)
                           : Constant::getNullValue(ConstExprTy);
    uint8_t Mode = S.Mode == SegmentMode::Active ? W2N_SEGMENT_ACTIVE
                                                 : W2N_SEGMENT_PASSIVE;
    Datas.push_back(
        ConstantStruct::get(DataSegTy, {i8(Mode), i32(S.MemoryIndex), Offset,
                                        i64(S.DataSize), bytes(Bytes)}));
  }

  const w2n_vmctx_layout &L = CC.Layout;
  Constant *Layout = ConstantStruct::get(
      LayoutTy,
      {i32(L.globals_offset), i32(L.tables_offset), i32(L.memories_offset),
       i32(L.funcs_offset), i32(L.type_ids_offset), i32(L.size)});

  std::vector<Constant *> Fields = {
      i32(W2N_ABI_VERSION),
      i32((CC.Opts.Bounds == BoundsChecks::Explicit ? W2N_FLAG_EXPLICIT_BOUNDS
                                                    : 0) |
          (CC.Opts.Fuel ? W2N_FLAG_FUEL : 0) |
          (CC.Opts.Epoch ? W2N_FLAG_EPOCH : 0)),
      i64(CC.Opts.GuardBytes),
      string(CC.Opts.Triple),
      i32(M.Types.size()),
      array(FuncTypeTy, Types, "types"),
      array(Ptr, Invokes, "invoke"),
      array(Ptr, Hosts, "host_trampolines"),
      i32(M.Imports.size()),
      array(ImportTy, Imports, "imports"),
      i32(M.numFuncs()),
      i32(NumImportedFuncs),
      array(I32, FuncTypes, "func_types"),
      array(Ptr, FuncCode, "func_code"),
      array(Ptr, FuncNames, "func_names"),
      i32(M.numTables()),
      i32(M.numImported(ExternKind::Table)),
      array(TableTypeTy, Tables, "tables"),
      i32(M.numMemories()),
      i32(M.numImported(ExternKind::Memory)),
      array(LimitsTy, Memories, "memories"),
      i32(M.numGlobals()),
      i32(NumImportedGlobals),
      array(GlobalDescTy, Globals, "globals"),
      i32(M.Exports.size()),
      array(ExportTy, Exports, "exports"),
      i32(M.Start.has_value()),
      i32(M.Start.value_or(0)),
      i32(M.Elems.size()),
      array(ElemSegTy, Elems, "elem_segments"),
      i32(M.Datas.size()),
      array(DataSegTy, Datas, "data_segments"),
      Layout,
      M.DebugNames.ModuleName.empty() ? null()
                                      : string(M.DebugNames.ModuleName),
  };
  auto *GV = new GlobalVariable(
      CC.LM, DescTy, true, GlobalValue::ExternalLinkage,
      ConstantStruct::get(DescTy, Fields), W2N_DESCRIPTOR_SYMBOL);
  GV->setAlignment(Align(8));
}

} // namespace

void emitDescriptor(ChunkContext &CC) { DescriptorEmitter(CC).emit(); }

} // namespace w2n
