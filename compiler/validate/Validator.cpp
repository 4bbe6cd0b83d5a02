//===- Validator.cpp - Module-level validation ----------------------------===//

#include "validate/Validator.h"

#include "decode/InstrReader.h"
#include "decode/ModuleReader.h"
#include "support/WasmError.h"
#include "validate/FunctionValidator.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace w2n {

namespace {

constexpr uint64_t MaxMemoryPages = 65536;

class ModuleValidator {
public:
  explicit ModuleValidator(const Module &M) : M(M), C{M, {}} {}

  Error run();

private:
  Error checkTypeIndex(uint32_t Index, uint64_t Offset);
  Error checkLimits(const Limits &L, uint64_t Bound, uint64_t Offset,
                    const char *What);
  Error checkMemoryType(const MemoryType &T, uint64_t Offset);
  /// Globals below VisibleGlobals may be read (WebAssembly 3.0: those
  /// before the global being defined, or all of them in a segment; 2.0:
  /// the imported ones).
  Error checkConstExpr(ExprRange E, ValType Expected, uint32_t VisibleGlobals);
  /// VisibleGlobals for the initialiser of global Index, or for a segment
  /// (Index = numGlobals()).
  uint32_t visibleGlobals(uint32_t Index) const {
    return M.Features.has(Feature::ExtendedConst)
               ? Index
               : M.numImported(ExternKind::Global);
  }
  void collectDeclaredRefs();

  const Module &M;
  ModuleContext C;
};

Error ModuleValidator::checkTypeIndex(uint32_t Index, uint64_t Offset) {
  if (Index >= M.Types.size())
    return makeError(Offset, "unknown type {0}", Index);
  return Error::success();
}

Error ModuleValidator::checkLimits(const Limits &L, uint64_t Bound,
                                   uint64_t Offset, const char *What) {
  if (L.Min > Bound)
    return makeError(Offset, "{0} size must be at most {1}", What, Bound);
  if (L.Max && *L.Max > Bound)
    return makeError(Offset, "{0} size must be at most {1}", What, Bound);
  if (L.Max && L.Min > *L.Max)
    return makeError(Offset,
                     "size minimum must not be greater than maximum ({0} > "
                     "{1})",
                     L.Min, *L.Max);
  return Error::success();
}

Error ModuleValidator::checkMemoryType(const MemoryType &T, uint64_t Offset) {
  if (T.Lim.Is64) {
    // memory64: at most 2^48 pages (2^64 bytes). Instantiation refuses more
    // than 4 GiB (runtime-support), as memory.grow does.
    uint64_t MaxPages64 = uint64_t(1) << 48;
    if (T.Lim.Min > MaxPages64 || (T.Lim.Max && *T.Lim.Max > MaxPages64))
      return makeError(Offset, "memory size must be at most 2^48 pages");
    return checkLimits(T.Lim, MaxPages64, Offset, "memory");
  }
  if (T.Lim.Min > MaxMemoryPages || (T.Lim.Max && *T.Lim.Max > MaxMemoryPages))
    return makeError(Offset, "memory size must be at most 65536 pages (4GiB)");
  return checkLimits(T.Lim, MaxMemoryPages, Offset, "memory");
}

// Constant expressions: t.const, ref.null, ref.func, global.get of an
// imported immutable global and (extended constant expressions) i32/i64
// add, sub and mul, leaving exactly one value of type Expected.
//
// WebAssembly 3.0 also lets global.get name a defined immutable global (an
// earlier one in a global's initialiser, any in a segment offset); the 2.0
// test suite requires "unknown global" for those. Both the arithmetic and
// the wider global.get come with the extended-const feature (the 3.0
// constant expressions; decode/Features.h).
Error ModuleValidator::checkConstExpr(ExprRange E, ValType Expected,
                                      uint32_t VisibleGlobals) {
  InstrReader R(M, E);
  Instr I;
  SmallVector<ValType, 2> Stack;
  bool SawEnd = false;
  while (R.next(I)) {
    switch (I.Op) {
    case Opcode::I32Const:
      Stack.push_back(ValType::I32);
      break;
    case Opcode::I64Const:
      Stack.push_back(ValType::I64);
      break;
    case Opcode::F32Const:
      Stack.push_back(ValType::F32);
      break;
    case Opcode::F64Const:
      Stack.push_back(ValType::F64);
      break;
    case Opcode::V128Const:
      Stack.push_back(ValType::V128);
      break;
    case Opcode::RefNull:
      Stack.push_back(I.Type);
      break;
    case Opcode::RefFunc:
      if (I.Index >= M.numFuncs())
        return makeError(I.ImmOffset, "unknown function {0}", I.Index);
      Stack.push_back(ValType::FuncRef);
      break;
    case Opcode::I32Add:
    case Opcode::I32Sub:
    case Opcode::I32Mul:
    case Opcode::I64Add:
    case Opcode::I64Sub:
    case Opcode::I64Mul: {
      if (!M.Features.has(Feature::ExtendedConst))
        return makeError(I.Offset,
                         "constant expression required: {0} needs the "
                         "extended-const feature (disabled by "
                         "--wasm-features)",
                         opcodeName(I.Op));
      // Extended constant expressions: two operands of the result type.
      ValType T = (I.Op == Opcode::I32Add || I.Op == Opcode::I32Sub ||
                   I.Op == Opcode::I32Mul)
                      ? ValType::I32
                      : ValType::I64;
      if (Stack.size() < 2 || Stack[Stack.size() - 1] != T ||
          Stack[Stack.size() - 2] != T)
        return makeError(I.Offset,
                         "type mismatch: {0} in a constant expression needs "
                         "two {1} operands",
                         opcodeName(I.Op), valTypeName(T));
      Stack.pop_back();
      break;
    }
    case Opcode::GlobalGet:
      if (I.Index >= M.numGlobals())
        return makeError(I.ImmOffset, "unknown global {0}", I.Index);
      if (I.Index >= VisibleGlobals)
        return makeError(I.ImmOffset,
                         M.Features.has(Feature::ExtendedConst)
                             ? "unknown global {0}: a constant expression "
                               "may only read the globals before it"
                             : "unknown global {0}: constant expressions may "
                               "only read imported globals",
                         I.Index);
      if (M.globalType(I.Index).Mutable)
        return makeError(I.Offset, "constant expression required: "
                                   "global.get of a mutable global");
      Stack.push_back(M.globalType(I.Index).Type);
      break;
    case Opcode::End:
      SawEnd = true;
      break;
    default:
      return makeError(I.Offset,
                       "constant expression required: {0} is not "
                       "constant",
                       opcodeName(I.Op));
    }
    if (SawEnd)
      break;
  }
  if (R.failed())
    return R.takeError();
  if (Stack.size() != 1 || Stack[0] != Expected)
    return makeError(E.Offset,
                     "type mismatch: constant expression must produce one "
                     "{0}",
                     valTypeName(Expected));
  return Error::success();
}

void ModuleValidator::collectDeclaredRefs() {
  C.DeclaredRefs.resize(M.numFuncs());
  auto Declare = [&](uint32_t F) {
    if (F < M.numFuncs())
      C.DeclaredRefs.set(F);
  };
  auto ScanExpr = [&](ExprRange E) {
    InstrReader R(M, E);
    Instr I;
    while (R.next(I))
      if (I.Op == Opcode::RefFunc)
        Declare(I.Index);
    consumeError(R.takeError());
  };
  for (const Global &G : M.Globals)
    ScanExpr(G.Init);
  for (const Export &E : M.Exports)
    if (E.Kind == ExternKind::Func)
      Declare(E.Index);
  for (const ElemSegment &S : M.Elems) {
    for (uint32_t F : S.FuncIndices)
      Declare(F);
    for (ExprRange E : S.Exprs)
      ScanExpr(E);
  }
}

Error ModuleValidator::run() {
  for (const Import &Imp : M.Imports) {
    switch (Imp.Kind) {
    case ExternKind::Func:
      if (Error E = checkTypeIndex(Imp.FuncTypeIndex, Imp.Offset))
        return E;
      break;
    case ExternKind::Table:
      if (Error E = checkLimits(Imp.Table.Lim,
                                Imp.Table.Lim.Is64 ? UINT64_MAX : UINT32_MAX,
                                Imp.Offset, "table"))
        return E;
      break;
    case ExternKind::Memory:
      if (Error E = checkMemoryType(Imp.Memory, Imp.Offset))
        return E;
      break;
    case ExternKind::Global:
      break;
    }
  }
  for (const Function &F : M.Functions)
    if (Error E = checkTypeIndex(F.TypeIndex, F.DeclOffset))
      return E;
  for (const Table &T : M.Tables)
    if (Error E =
            checkLimits(T.Type.Lim, T.Type.Lim.Is64 ? UINT64_MAX : UINT32_MAX,
                        T.Offset, "table"))
      return E;
  for (const Memory &Mem : M.Memories)
    if (Error E = checkMemoryType(Mem.Type, Mem.Offset))
      return E;
  if (M.numMemories() > 1 && !M.Features.has(Feature::MultiMemory)) {
    // Point at the second memory, imported or defined.
    uint64_t Off =
        M.numImported(ExternKind::Memory) > 1
            ? M.importOf(ExternKind::Memory, 1).Offset
            : M.Memories[1 - M.numImported(ExternKind::Memory)].Offset;
    return makeError(Off, "multiple memories need the multi-memory feature "
                          "(disabled by --wasm-features)");
  }

  collectDeclaredRefs();

  uint32_t ImportedGlobals = M.numImported(ExternKind::Global);
  for (uint32_t K = 0; K < M.Globals.size(); ++K)
    if (Error E = checkConstExpr(M.Globals[K].Init, M.Globals[K].Type.Type,
                                 visibleGlobals(ImportedGlobals + K)))
      return E;

  StringSet<> ExportNames;
  for (const Export &Ex : M.Exports) {
    if (!ExportNames.insert(Ex.Name).second)
      return makeError(Ex.Offset, "duplicate export name \"{0}\"", Ex.Name);
    uint32_t Bound = 0;
    switch (Ex.Kind) {
    case ExternKind::Func:
      Bound = M.numFuncs();
      break;
    case ExternKind::Table:
      Bound = M.numTables();
      break;
    case ExternKind::Memory:
      Bound = M.numMemories();
      break;
    case ExternKind::Global:
      Bound = M.numGlobals();
      break;
    }
    if (Ex.Index >= Bound)
      return makeError(Ex.Offset, "unknown {0} {1} in export \"{2}\"",
                       externKindName(Ex.Kind), Ex.Index, Ex.Name);
  }

  if (M.Start) {
    if (*M.Start >= M.numFuncs())
      return makeError(M.StartOffset, "unknown function {0}", *M.Start);
    const FuncType &T = M.Types[M.funcTypeIndex(*M.Start)];
    if (!T.Params.empty() || !T.Results.empty())
      return makeError(M.StartOffset,
                       "start function must take no parameters and return "
                       "nothing");
  }

  for (const ElemSegment &S : M.Elems) {
    if (S.Mode == SegmentMode::Active) {
      if (S.TableIndex >= M.numTables())
        return makeError(S.Offset, "unknown table {0}", S.TableIndex);
      if (M.tableType(S.TableIndex).Elem != S.Type)
        return makeError(
            S.Offset, "type mismatch: segment of {0} for a table of {1}",
            valTypeName(S.Type), valTypeName(M.tableType(S.TableIndex).Elem));
      ValType AddressType =
          M.tableType(S.TableIndex).Lim.Is64 ? ValType::I64 : ValType::I32;
      if (Error E = checkConstExpr(S.OffsetExpr, AddressType,
                                   visibleGlobals(M.numGlobals())))
        return E;
    }
    for (uint32_t F : S.FuncIndices)
      if (F >= M.numFuncs())
        return makeError(S.Offset, "unknown function {0}", F);
    for (ExprRange E : S.Exprs)
      if (Error Err = checkConstExpr(E, S.Type, visibleGlobals(M.numGlobals())))
        return Err;
  }

  for (const DataSegment &S : M.Datas) {
    if (S.Mode != SegmentMode::Active)
      continue;
    if (S.MemoryIndex >= M.numMemories())
      return makeError(S.Offset, "unknown memory {0}", S.MemoryIndex);
    ValType AddressType =
        M.memoryType(S.MemoryIndex).Lim.Is64 ? ValType::I64 : ValType::I32;
    if (Error E = checkConstExpr(S.OffsetExpr, AddressType,
                                 visibleGlobals(M.numGlobals())))
      return E;
  }

  for (uint32_t I = 0; I < M.Functions.size(); ++I)
    if (Error E = validateFunction(C, I))
      return E;
  return Error::success();
}

} // namespace

Error validateModule(const Module &M) { return ModuleValidator(M).run(); }

Expected<std::unique_ptr<Module>> readValidModule(StringRef Path,
                                                  FeatureSet Features) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot read file: %s",
                             Buf.getError().message().c_str());
  ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());
  Expected<std::unique_ptr<Module>> M = readModule(Bytes, Features);
  if (!M)
    return M.takeError();
  if (Error E = validateModule(**M))
    return std::move(E);
  return M;
}

} // namespace w2n
