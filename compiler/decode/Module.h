//===- Module.h - A decoded WebAssembly module ------------------*- C++ -*-===//
///
/// \file
/// Plain data for a decoded module: what the binary format says, with the
/// file offset of each item so later stages can report errors precisely.
/// Function bodies and constant expressions stay as byte ranges of the
/// module's own copy of the input; InstrReader decodes them on demand.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_DECODE_MODULE_H
#define WASM2NATIVE_DECODE_MODULE_H

#include "decode/Features.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace w2n {

/// Value types, with their binary encodings. Bottom is the validator's
/// "unknown" type of unreachable code and never appears in a module.
enum class ValType : uint8_t {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
  Bottom = 0,
};

inline bool isRefType(ValType T) {
  return T == ValType::FuncRef || T == ValType::ExternRef;
}
inline bool isNumOrVecType(ValType T) {
  return T == ValType::I32 || T == ValType::I64 || T == ValType::F32 ||
         T == ValType::F64 || T == ValType::V128;
}
llvm::StringRef valTypeName(ValType T);

/// The most parameters, and the most results, a function type may have.
/// The core specification sets no limit; this is the one of the JS API
/// (and of every browser and wasmtime). Code generation grows faster than
/// linearly in the values that cross one call (SelectionDAG), so without a
/// limit a few kilobytes of types could take hours to compile (issue 14).
inline constexpr uint32_t MaxFuncTypeArity = 1000;

struct FuncType {
  llvm::SmallVector<ValType, 4> Params;
  llvm::SmallVector<ValType, 2> Results;

  bool operator==(const FuncType &O) const {
    return Params == O.Params && Results == O.Results;
  }
  bool operator!=(const FuncType &O) const { return !(*this == O); }
};

struct Limits {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
  /// The address type is i64 (memory64; limits flag 0x04).
  bool Is64 = false;
};

struct TableType {
  ValType Elem = ValType::FuncRef;
  Limits Lim;
};

struct MemoryType {
  Limits Lim;
};

struct GlobalType {
  ValType Type = ValType::I32;
  bool Mutable = false;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };
llvm::StringRef externKindName(ExternKind K);

/// A byte range of the module that holds an expression ending in `end`.
struct ExprRange {
  uint64_t Offset = 0; ///< File offset of the first instruction.
  uint64_t Size = 0;   ///< Bytes up to and including the final `end`.
};

struct Import {
  std::string ModuleName;
  std::string FieldName;
  ExternKind Kind = ExternKind::Func;
  uint32_t FuncTypeIndex = 0; ///< Kind == Func
  TableType Table;            ///< Kind == Table
  MemoryType Memory;          ///< Kind == Memory
  GlobalType Global;          ///< Kind == Global
  uint64_t Offset = 0;
};

struct Export {
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  uint32_t Index = 0;
  uint64_t Offset = 0;
};

struct Global {
  GlobalType Type;
  ExprRange Init;
  uint64_t Offset = 0;
};

struct Table {
  TableType Type;
  uint64_t Offset = 0;
};

struct Memory {
  MemoryType Type;
  uint64_t Offset = 0;
};

/// A run of locals of one type, as the code section declares them.
struct LocalRun {
  uint32_t Count = 0;
  ValType Type = ValType::I32;
};

/// A function defined in the module (not imported).
struct Function {
  uint32_t TypeIndex = 0;
  uint64_t DeclOffset = 0; ///< Its entry in the function section.
  llvm::SmallVector<LocalRun, 4> Locals;
  uint64_t NumLocals = 0;  ///< Declared locals, excluding parameters.
  ExprRange Body;          ///< Instructions after the local declarations.
  uint64_t CodeOffset = 0; ///< Start of its entry in the code section.
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode Mode = SegmentMode::Active;
  uint32_t TableIndex = 0;
  ExprRange OffsetExpr; ///< Active segments only.
  ValType Type = ValType::FuncRef;
  /// Either function indices (the compact encodings) or expressions.
  bool UsesExprs = false;
  std::vector<uint32_t> FuncIndices;
  std::vector<ExprRange> Exprs;
  uint64_t Offset = 0;

  size_t size() const { return UsesExprs ? Exprs.size() : FuncIndices.size(); }
};

struct DataSegment {
  SegmentMode Mode = SegmentMode::Active;
  uint32_t MemoryIndex = 0;
  ExprRange OffsetExpr;    ///< Active segments only.
  uint64_t DataOffset = 0; ///< File offset of the payload.
  uint64_t DataSize = 0;
  uint64_t Offset = 0;
};

/// Names from the custom `name` section. A damaged name section is ignored
/// as the spec allows; NameSectionError then says why.
struct Names {
  std::string ModuleName;
  std::map<uint32_t, std::string> Functions;
  std::map<uint32_t, std::map<uint32_t, std::string>> Locals;
};

struct CustomSection {
  std::string Name;
  uint64_t Offset = 0; ///< File offset of the section contents after the name.
  uint64_t Size = 0;
};

struct Module {
  /// The module's own copy of the input; byte ranges index into it.
  std::vector<uint8_t> Bytes;
  /// What it was decoded with; the instruction reader and the validator
  /// check the rest against it.
  FeatureSet Features = FeatureSet::wasm3();

  std::vector<FuncType> Types;
  std::vector<Import> Imports;
  std::vector<Function> Functions;
  std::vector<Table> Tables;
  std::vector<Memory> Memories;
  std::vector<Global> Globals;
  std::vector<Export> Exports;
  std::optional<uint32_t> Start;
  uint64_t StartOffset = 0;
  std::vector<ElemSegment> Elems;
  std::optional<uint32_t> DataCount;
  std::vector<DataSegment> Datas;
  std::vector<CustomSection> CustomSections;
  Names DebugNames;
  std::string NameSectionError;

  /// Indices into Imports, per ExternKind. Imports come first in each index
  /// space, so ImportsByKind[K][I] is the import of index I of kind K.
  std::vector<uint32_t> ImportsByKind[4];

  uint32_t numImported(ExternKind K) const {
    return ImportsByKind[unsigned(K)].size();
  }
  uint32_t numFuncs() const {
    return numImported(ExternKind::Func) + Functions.size();
  }
  uint32_t numTables() const {
    return numImported(ExternKind::Table) + Tables.size();
  }
  uint32_t numMemories() const {
    return numImported(ExternKind::Memory) + Memories.size();
  }
  uint32_t numGlobals() const {
    return numImported(ExternKind::Global) + Globals.size();
  }

  /// Type index of function FuncIndex (imported or defined). FuncIndex must
  /// be in range.
  uint32_t funcTypeIndex(uint32_t FuncIndex) const;
  const TableType &tableType(uint32_t TableIndex) const;
  const MemoryType &memoryType(uint32_t MemIndex) const;
  const GlobalType &globalType(uint32_t GlobalIndex) const;

  llvm::ArrayRef<uint8_t> bytes(uint64_t Offset, uint64_t Size) const {
    return llvm::ArrayRef<uint8_t>(Bytes).slice(Offset, Size);
  }

  /// The import of index Index of kind K; Index < numImported(K).
  const Import &importOf(ExternKind K, uint32_t Index) const {
    return Imports[ImportsByKind[unsigned(K)][Index]];
  }
};

} // namespace w2n

#endif // WASM2NATIVE_DECODE_MODULE_H
