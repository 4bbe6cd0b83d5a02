//===- Module.cpp - A decoded WebAssembly module --------------------------===//

#include "decode/Module.h"

#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace w2n {

StringRef valTypeName(ValType T) {
  switch (T) {
  case ValType::I32:
    return "i32";
  case ValType::I64:
    return "i64";
  case ValType::F32:
    return "f32";
  case ValType::F64:
    return "f64";
  case ValType::V128:
    return "v128";
  case ValType::FuncRef:
    return "funcref";
  case ValType::ExternRef:
    return "externref";
  case ValType::Bottom:
    return "unknown";
  }
  llvm_unreachable("bad value type");
}

StringRef externKindName(ExternKind K) {
  switch (K) {
  case ExternKind::Func:
    return "function";
  case ExternKind::Table:
    return "table";
  case ExternKind::Memory:
    return "memory";
  case ExternKind::Global:
    return "global";
  }
  llvm_unreachable("bad extern kind");
}

uint32_t Module::funcTypeIndex(uint32_t Index) const {
  uint32_t N = numImported(ExternKind::Func);
  if (Index < N)
    return importOf(ExternKind::Func, Index).FuncTypeIndex;
  return Functions[Index - N].TypeIndex;
}

const TableType &Module::tableType(uint32_t Index) const {
  uint32_t N = numImported(ExternKind::Table);
  if (Index < N)
    return importOf(ExternKind::Table, Index).Table;
  return Tables[Index - N].Type;
}

const MemoryType &Module::memoryType(uint32_t Index) const {
  uint32_t N = numImported(ExternKind::Memory);
  if (Index < N)
    return importOf(ExternKind::Memory, Index).Memory;
  return Memories[Index - N].Type;
}

const GlobalType &Module::globalType(uint32_t Index) const {
  uint32_t N = numImported(ExternKind::Global);
  if (Index < N)
    return importOf(ExternKind::Global, Index).Global;
  return Globals[Index - N].Type;
}

} // namespace w2n
