//===- ModuleReader.cpp - Decode a .wasm binary into a Module -------------===//

#include "decode/ModuleReader.h"

#include "decode/ByteReader.h"
#include "decode/InstrReader.h"
#include "support/WasmError.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

namespace w2n {

namespace {

enum SectionId : uint8_t {
  CustomId = 0,
  TypeId = 1,
  ImportId = 2,
  FunctionId = 3,
  TableId = 4,
  MemoryId = 5,
  GlobalId = 6,
  ExportId = 7,
  StartId = 8,
  ElementId = 9,
  CodeId = 10,
  DataId = 11,
  DataCountId = 12,
};

/// Position of each known section in the required order; the data count
/// section sits between element and code.
unsigned sectionRank(uint8_t Id) {
  static const unsigned Rank[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};
  return Rank[Id];
}

const char *sectionName(uint8_t Id) {
  static const char *Names[] = {
      "custom", "type",  "import",  "function", "table", "memory",    "global",
      "export", "start", "element", "code",     "data",  "data count"};
  return Names[Id];
}

class Reader {
public:
  Reader(Module &M) : M(M) {}

  Error read();

private:
  void readSection(uint8_t Id, ByteReader &R);
  void readTypes(ByteReader &R);
  void readImports(ByteReader &R);
  void readFunctions(ByteReader &R);
  void readTables(ByteReader &R);
  void readMemories(ByteReader &R);
  void readGlobals(ByteReader &R);
  void readExports(ByteReader &R);
  void readStart(ByteReader &R);
  void readElems(ByteReader &R);
  void readDataCount(ByteReader &R);
  void readCode(ByteReader &R);
  void readDatas(ByteReader &R);
  void readCustom(ByteReader &R);

  /// ForMemory: a memory's limits (which may say shared or 64-bit, both
  /// unsupported) rather than a table's.
  Limits readLimits(ByteReader &R, bool ForMemory);
  TableType readTableType(ByteReader &R);
  GlobalType readGlobalType(ByteReader &R);
  /// Skips a constant expression up to and including its `end` and returns
  /// its range. Malformed instructions inside it are reported here.
  ExprRange readConstExpr(ByteReader &R);

  Module &M;
  bool SawCode = false;
};

Error Reader::read() {
  ByteReader R(M.Bytes, 0);
  ArrayRef<uint8_t> Magic = R.readBytes(4);
  if (R.failed())
    return R.takeError();
  static const uint8_t WasmMagic[] = {0x00, 'a', 's', 'm'};
  if (!std::equal(Magic.begin(), Magic.end(), WasmMagic))
    return makeError(0, "magic header not detected");
  uint64_t VersionOffset = R.offset();
  uint32_t Version = R.readFixedU32();
  if (R.failed())
    return R.takeError();
  if (Version != 1)
    return makeError(VersionOffset, "unknown binary version {0}", Version);

  unsigned LastRank = 0;
  while (!R.atEnd() && !R.failed()) {
    uint64_t IdOffset = R.offset();
    uint8_t Id = R.readU8();
    if (Id > DataCountId) {
      R.fail(IdOffset, "malformed section id");
      break;
    }
    uint32_t Size = R.readVarU32();
    if (R.failed())
      break;
    if (Size > R.remaining()) {
      R.fail(IdOffset, formatv("{0} section size {1} exceeds the {2} "
                               "bytes left in the file",
                               sectionName(Id), Size, R.remaining())
                           .str());
      break;
    }
    ByteReader Sub = R.readSubReader(Size, "unexpected end");
    if (Id != CustomId) {
      unsigned Rank = sectionRank(Id);
      if (Rank == LastRank) {
        R.fail(IdOffset,
               formatv("duplicate {0} section", sectionName(Id)).str());
        break;
      }
      if (Rank < LastRank) {
        R.fail(IdOffset,
               formatv("unexpected content after last section: {0} section "
                       "out of order",
                       sectionName(Id))
                   .str());
        break;
      }
      LastRank = Rank;
    }
    readSection(Id, Sub);
    if (Sub.failed())
      return Sub.takeError();
    if (!Sub.atEnd())
      return makeError(Sub.offset(),
                       "section size mismatch: {0} section "
                       "has {1} unused bytes",
                       sectionName(Id), Sub.remaining());
  }
  if (R.failed())
    return R.takeError();

  if (!SawCode && !M.Functions.empty())
    return makeError(M.Bytes.size(),
                     "function and code section have inconsistent lengths");
  if (M.DataCount && *M.DataCount != M.Datas.size())
    return makeError(M.Bytes.size(),
                     "data count and data section have inconsistent lengths");
  return Error::success();
}

void Reader::readSection(uint8_t Id, ByteReader &R) {
  switch (Id) {
  case CustomId:
    return readCustom(R);
  case TypeId:
    return readTypes(R);
  case ImportId:
    return readImports(R);
  case FunctionId:
    return readFunctions(R);
  case TableId:
    return readTables(R);
  case MemoryId:
    return readMemories(R);
  case GlobalId:
    return readGlobals(R);
  case ExportId:
    return readExports(R);
  case StartId:
    return readStart(R);
  case ElementId:
    return readElems(R);
  case CodeId:
    return readCode(R);
  case DataId:
    return readDatas(R);
  case DataCountId:
    return readDataCount(R);
  }
}

void Reader::readTypes(ByteReader &R) {
  uint32_t N = R.readCount(3);
  M.Types.reserve(N);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    uint64_t Off = R.offset();
    if (R.readU8() != 0x60 && !R.failed()) {
      R.fail(Off, "malformed function type: expected 0x60");
      return;
    }
    FuncType FT;
    uint64_t CountOff = R.offset();
    uint32_t NP = R.readCount();
    if (NP > MaxFuncTypeArity && !R.failed()) {
      R.fail(CountOff, formatv("function type has too many parameters ({0}; "
                               "the limit is {1})",
                               NP, MaxFuncTypeArity)
                           .str());
      return;
    }
    for (uint32_t K = 0; K < NP && !R.failed(); ++K)
      FT.Params.push_back(decodeValType(R));
    CountOff = R.offset();
    uint32_t NR = R.readCount();
    if (NR > MaxFuncTypeArity && !R.failed()) {
      R.fail(CountOff, formatv("function type has too many results ({0}; "
                               "the limit is {1})",
                               NR, MaxFuncTypeArity)
                           .str());
      return;
    }
    for (uint32_t K = 0; K < NR && !R.failed(); ++K)
      FT.Results.push_back(decodeValType(R));
    M.Types.push_back(std::move(FT));
  }
}

Limits Reader::readLimits(ByteReader &R, bool ForMemory) {
  Limits L;
  uint64_t Off = R.offset();
  uint8_t Flags = R.readU8();
  if (R.failed())
    return L;
  // Bit 0: a maximum follows; bit 2: the address type is i64 (memory64,
  // for memories and tables), and the limits are u64. Bit 1 is the threads
  // proposal's shared memory: name the feature, since a toolchain that emits it
  // (wasm32-wasip1-threads) is a likely cause.
  bool Shared = ForMemory && Flags <= 7 && (Flags & 2);
  if (Shared) {
    R.fail(Off, formatv("shared memories (threads) are not supported "
                        "(limits flags 0x{0:x-2})",
                        Flags)
                    .str());
    return L;
  }
  if (Flags > 5 || (Flags & 2)) {
    R.fail(Off, formatv("malformed limits flags 0x{0:x-2}", Flags).str());
    return L;
  }
  L.Is64 = Flags & 4;
  if (L.Is64 && !M.Features.has(Feature::Memory64)) {
    R.fail(Off, formatv("64-bit {0} need the memory64 feature (disabled by "
                        "--wasm-features; limits flags 0x{1:x-2})",
                        ForMemory ? "memories" : "tables", Flags)
                    .str());
    return L;
  }
  L.Min = L.Is64 ? R.readVarU64() : R.readVarU32();
  if (Flags & 1)
    L.Max = L.Is64 ? R.readVarU64() : R.readVarU32();
  return L;
}

TableType Reader::readTableType(ByteReader &R) {
  TableType T;
  T.Elem = decodeRefType(R);
  T.Lim = readLimits(R, /*ForMemory=*/false);
  return T;
}

GlobalType Reader::readGlobalType(ByteReader &R) {
  GlobalType T;
  T.Type = decodeValType(R);
  uint64_t Off = R.offset();
  uint8_t Mut = R.readU8();
  if (!R.failed() && Mut > 1)
    R.fail(Off, "malformed mutability");
  T.Mutable = Mut == 1;
  return T;
}

void Reader::readImports(ByteReader &R) {
  uint32_t N = R.readCount(4);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    Import Imp;
    Imp.Offset = R.offset();
    Imp.ModuleName = R.readName();
    Imp.FieldName = R.readName();
    uint64_t KindOffset = R.offset();
    uint8_t Kind = R.readU8();
    if (R.failed())
      return;
    switch (Kind) {
    case 0:
      Imp.FuncTypeIndex = R.readVarU32();
      break;
    case 1:
      Imp.Table = readTableType(R);
      break;
    case 2:
      Imp.Memory.Lim = readLimits(R, /*ForMemory=*/true);
      break;
    case 3:
      Imp.Global = readGlobalType(R);
      break;
    default:
      R.fail(KindOffset, "malformed import kind");
      return;
    }
    Imp.Kind = ExternKind(Kind);
    M.ImportsByKind[Kind].push_back(M.Imports.size());
    M.Imports.push_back(std::move(Imp));
  }
}

void Reader::readFunctions(ByteReader &R) {
  uint32_t N = R.readCount();
  M.Functions.resize(N);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    M.Functions[I].DeclOffset = R.offset();
    M.Functions[I].TypeIndex = R.readVarU32();
  }
}

void Reader::readTables(ByteReader &R) {
  uint32_t N = R.readCount(2);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    Table T;
    T.Offset = R.offset();
    T.Type = readTableType(R);
    M.Tables.push_back(T);
  }
}

void Reader::readMemories(ByteReader &R) {
  uint32_t N = R.readCount(2);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    Memory Mem;
    Mem.Offset = R.offset();
    Mem.Type.Lim = readLimits(R, /*ForMemory=*/true);
    M.Memories.push_back(Mem);
  }
}

ExprRange Reader::readConstExpr(ByteReader &R) {
  ExprRange Range;
  Range.Offset = R.offset();
  if (R.failed())
    return Range;
  ArrayRef<uint8_t> Rest = M.bytes(R.offset(), R.remaining());
  InstrReader IR(Rest, R.offset());
  Instr I;
  bool SawEnd = false;
  while (IR.next(I)) {
    // Stop at the first `end`; nesting is not allowed in constant
    // expressions, so the validator rejects any block before it.
    if (I.Op == Opcode::End) {
      SawEnd = true;
      break;
    }
  }
  if (IR.failed()) {
    Error E = IR.takeError();
    handleAllErrors(std::move(E), [&](const WasmError &WE) {
      R.fail(WE.getOffset(), WE.getMessage());
    });
    return Range;
  }
  if (!SawEnd) {
    R.fail(IR.offset(), "unexpected end of section or function: constant "
                        "expression without end");
    return Range;
  }
  Range.Size = IR.offset() - Range.Offset;
  R.skip(Range.Size);
  return Range;
}

void Reader::readGlobals(ByteReader &R) {
  uint32_t N = R.readCount(3);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    Global G;
    G.Offset = R.offset();
    G.Type = readGlobalType(R);
    G.Init = readConstExpr(R);
    M.Globals.push_back(G);
  }
}

void Reader::readExports(ByteReader &R) {
  uint32_t N = R.readCount(3);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    Export E;
    E.Offset = R.offset();
    E.Name = R.readName();
    uint64_t KindOffset = R.offset();
    uint8_t Kind = R.readU8();
    if (!R.failed() && Kind > 3) {
      R.fail(KindOffset, "malformed export kind");
      return;
    }
    E.Kind = ExternKind(Kind);
    E.Index = R.readVarU32();
    M.Exports.push_back(std::move(E));
  }
}

void Reader::readStart(ByteReader &R) {
  M.StartOffset = R.offset();
  M.Start = R.readVarU32();
}

void Reader::readElems(ByteReader &R) {
  uint32_t N = R.readCount(2);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    ElemSegment S;
    S.Offset = R.offset();
    uint32_t Flags = R.readVarU32();
    if (R.failed())
      return;
    if (Flags > 7) {
      R.fail(S.Offset, "malformed elements segment kind");
      return;
    }
    // Bit 0: passive or declarative (else active); bit 1: with bit 0,
    // declarative, without, an explicit table index; bit 2: expressions
    // instead of function indices.
    bool NotActive = Flags & 1;
    bool ExplicitOrDecl = Flags & 2;
    S.UsesExprs = Flags & 4;
    if (!NotActive) {
      S.Mode = SegmentMode::Active;
      if (ExplicitOrDecl)
        S.TableIndex = R.readVarU32();
      S.OffsetExpr = readConstExpr(R);
    } else {
      S.Mode = ExplicitOrDecl ? SegmentMode::Declarative : SegmentMode::Passive;
    }
    // The element type is implicit (funcref) for flags 0 and 4.
    if (NotActive || ExplicitOrDecl) {
      if (S.UsesExprs) {
        S.Type = decodeRefType(R);
      } else {
        uint64_t KindOffset = R.offset();
        uint8_t ElemKind = R.readU8();
        if (!R.failed() && ElemKind != 0) {
          R.fail(KindOffset, "malformed element kind");
          return;
        }
        S.Type = ValType::FuncRef;
      }
    }
    uint32_t Count = R.readCount();
    for (uint32_t K = 0; K < Count && !R.failed(); ++K) {
      if (S.UsesExprs)
        S.Exprs.push_back(readConstExpr(R));
      else
        S.FuncIndices.push_back(R.readVarU32());
    }
    M.Elems.push_back(std::move(S));
  }
}

void Reader::readDataCount(ByteReader &R) { M.DataCount = R.readVarU32(); }

void Reader::readCode(ByteReader &R) {
  SawCode = true;
  uint64_t CountOffset = R.offset();
  uint32_t N = R.readCount();
  if (R.failed())
    return;
  if (N != M.Functions.size()) {
    R.fail(CountOffset, formatv("function and code section have "
                                "inconsistent lengths ({0} and {1})",
                                M.Functions.size(), N)
                            .str());
    return;
  }
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    Function &F = M.Functions[I];
    F.CodeOffset = R.offset();
    uint32_t Size = R.readVarU32();
    ByteReader Body =
        R.readSubReader(Size, "unexpected end of section or function");
    if (R.failed())
      return;
    uint32_t NumRuns = Body.readCount(2);
    uint64_t Total = 0;
    for (uint32_t K = 0; K < NumRuns && !Body.failed(); ++K) {
      uint64_t RunOffset = Body.offset();
      LocalRun Run;
      Run.Count = Body.readVarU32();
      Run.Type = decodeValType(Body);
      Total += Run.Count;
      uint64_t Params =
          F.TypeIndex < M.Types.size() ? M.Types[F.TypeIndex].Params.size() : 0;
      if (Total + Params > UINT32_MAX) {
        Body.fail(RunOffset, "too many locals");
        break;
      }
      if (Run.Count)
        F.Locals.push_back(Run);
    }
    F.NumLocals = Total;
    if (Body.failed()) {
      Error E = Body.takeError();
      handleAllErrors(std::move(E), [&](const WasmError &WE) {
        R.fail(WE.getOffset(), WE.getMessage());
      });
      return;
    }
    F.Body.Offset = Body.offset();
    F.Body.Size = Body.remaining();
  }
}

void Reader::readDatas(ByteReader &R) {
  uint32_t N = R.readCount(2);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    DataSegment S;
    S.Offset = R.offset();
    uint32_t Flags = R.readVarU32();
    if (R.failed())
      return;
    switch (Flags) {
    case 0:
      S.Mode = SegmentMode::Active;
      S.OffsetExpr = readConstExpr(R);
      break;
    case 1:
      S.Mode = SegmentMode::Passive;
      break;
    case 2:
      S.Mode = SegmentMode::Active;
      S.MemoryIndex = R.readVarU32();
      S.OffsetExpr = readConstExpr(R);
      break;
    default:
      R.fail(S.Offset, "malformed data segment kind");
      return;
    }
    uint64_t LenOffset = R.offset();
    uint32_t Len = R.readVarU32();
    if (!R.failed() && Len > R.remaining()) {
      R.fail(LenOffset, "unexpected end of section or function: data "
                        "segment longer than its section");
      return;
    }
    S.DataOffset = R.offset();
    S.DataSize = Len;
    R.skip(Len);
    M.Datas.push_back(S);
  }
}

/// Reads a name map (vec of index, name) of the name section; false if it
/// is damaged.
bool readNameMap(ByteReader &R, std::map<uint32_t, std::string> &Out) {
  uint32_t N = R.readCount(2);
  for (uint32_t I = 0; I < N && !R.failed(); ++I) {
    uint32_t Index = R.readVarU32();
    std::string Name = R.readName();
    if (!R.failed())
      Out.emplace(Index, std::move(Name));
  }
  return !R.failed();
}

void Reader::readCustom(ByteReader &R) {
  CustomSection C;
  C.Name = R.readName();
  if (R.failed())
    return;
  C.Offset = R.offset();
  C.Size = R.remaining();
  ArrayRef<uint8_t> Contents = R.readBytes(C.Size);
  M.CustomSections.push_back(C);
  if (C.Name != "name")
    return;

  // A damaged name section is not an error in the module (custom sections
  // are uninterpreted by the spec); keep what we cannot use out of the way.
  ByteReader NR(Contents, C.Offset);
  Names Parsed;
  while (!NR.atEnd() && !NR.failed()) {
    uint8_t SubId = NR.readU8();
    uint32_t SubSize = NR.readVarU32();
    ByteReader Sub = NR.readSubReader(SubSize, "name subsection too long");
    if (NR.failed())
      break;
    switch (SubId) {
    case 0:
      Parsed.ModuleName = Sub.readName();
      break;
    case 1:
      readNameMap(Sub, Parsed.Functions);
      break;
    case 2: {
      uint32_t NF = Sub.readCount(2);
      for (uint32_t I = 0; I < NF && !Sub.failed(); ++I) {
        uint32_t FuncIndex = Sub.readVarU32();
        readNameMap(Sub, Parsed.Locals[FuncIndex]);
      }
      break;
    }
    default:
      Sub.skip(Sub.remaining());
      break;
    }
    if (Sub.failed()) {
      uint64_t At = Sub.offset();
      std::string Why = toString(Sub.takeError());
      NR.fail(At,
              formatv("damaged name subsection {0}: {1}", SubId, Why).str());
      break;
    }
    if (!Sub.atEnd()) {
      NR.fail(Sub.offset(),
              formatv("damaged name subsection {0}: {1} unused bytes", SubId,
                      Sub.remaining())
                  .str());
      break;
    }
  }
  if (NR.failed()) {
    Error E = NR.takeError();
    M.NameSectionError = toString(std::move(E));
    return;
  }
  M.DebugNames = std::move(Parsed);
}

} // namespace

Expected<std::unique_ptr<Module>> readModule(ArrayRef<uint8_t> Bytes,
                                             FeatureSet Features) {
  auto M = std::make_unique<Module>();
  M->Features = Features;
  M->Bytes.assign(Bytes.begin(), Bytes.end());
  if (Error E = Reader(*M).read())
    return std::move(E);
  return std::move(M);
}

} // namespace w2n
