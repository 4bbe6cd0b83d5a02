//===- AbiTypes.h - LLVM types of the structs of abi.h ----------*- C++ -*-===//
///
/// \file
/// The LLVM mirror of every struct the compiler emits for the runtime
/// (wasm2native/abi.h), member for member. Natural alignment gives the C
/// layout on every LP64 target we support; AbiLayoutTest checks each
/// offset against offsetof.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_IR_ABITYPES_H
#define WASM2NATIVE_IR_ABITYPES_H

#include "llvm/IR/DerivedTypes.h"

namespace w2n {

struct AbiTypes {
  llvm::ArrayType *Val;              ///< w2n_val
  llvm::StructType *ConstExpr;       ///< w2n_const_expr
  llvm::StructType *FuncType;        ///< w2n_func_type
  llvm::StructType *Limits;          ///< w2n_limits
  llvm::StructType *TableType;       ///< w2n_table_type
  llvm::StructType *GlobalType;      ///< w2n_global_type
  llvm::StructType *GlobalDesc;      ///< w2n_global_desc
  llvm::StructType *Import;          ///< w2n_import
  llvm::StructType *Export;          ///< w2n_export
  llvm::StructType *ElemSegment;     ///< w2n_elem_segment
  llvm::StructType *DataSegment;     ///< w2n_data_segment
  llvm::StructType *VMContextLayout; ///< w2n_vmctx_layout
  llvm::StructType *Descriptor;      ///< w2n_module_descriptor

  static AbiTypes get(llvm::LLVMContext &Ctx);
};

} // namespace w2n

#endif // WASM2NATIVE_IR_ABITYPES_H
