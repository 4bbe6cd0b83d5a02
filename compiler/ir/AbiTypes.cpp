//===- AbiTypes.cpp - LLVM types of the structs of abi.h ------------------===//

#include "ir/AbiTypes.h"

using namespace llvm;

namespace w2n {

AbiTypes AbiTypes::get(LLVMContext &Ctx) {
  Type *I8 = Type::getInt8Ty(Ctx);
  Type *I32 = Type::getInt32Ty(Ctx);
  Type *I64 = Type::getInt64Ty(Ctx);
  Type *Ptr = PointerType::getUnqual(Ctx);
  AbiTypes T;
  T.Val = ArrayType::get(I64, 2);
  T.ConstExpr = StructType::get(Ctx, {I8, I8, I32, T.Val});
  T.FuncType = StructType::get(Ctx, {I32, I32, Ptr});
  T.Limits = StructType::get(Ctx, {I64, I64, I32, I32});
  T.TableType = StructType::get(Ctx, {I8, T.Limits});
  T.GlobalType = StructType::get(Ctx, {I8, I8});
  T.GlobalDesc = StructType::get(Ctx, {T.GlobalType, T.ConstExpr});
  T.Import = StructType::get(Ctx, {Ptr, Ptr, I8, I32, I32, I32});
  T.Export = StructType::get(Ctx, {Ptr, I8, I32, I32});
  T.ElemSegment = StructType::get(Ctx, {I8, I8, I32, T.ConstExpr, I32, Ptr});
  T.DataSegment = StructType::get(Ctx, {I8, I32, T.ConstExpr, I64, Ptr});
  T.VMContextLayout = StructType::get(Ctx, {I32, I32, I32, I32, I32, I32});
  T.Descriptor =
      StructType::get(Ctx, {
                               I32,
                               I32,
                               I64,
                               Ptr, // abi_version flags guard triple
                               I32,
                               Ptr,
                               Ptr,
                               Ptr, // num_types types invoke host_tramps
                               I32,
                               Ptr, // num_imports imports
                               I32,
                               I32,
                               Ptr,
                               Ptr,
                               Ptr, // funcs
                               I32,
                               I32,
                               Ptr, // tables
                               I32,
                               I32,
                               Ptr, // memories
                               I32,
                               I32,
                               Ptr, // globals
                               I32,
                               Ptr, // exports
                               I32,
                               I32, // has_start start_func
                               I32,
                               Ptr, // elem segments
                               I32,
                               Ptr, // data segments
                               T.VMContextLayout,
                               Ptr, // vmctx_layout module_name
                           });
  return T;
}

} // namespace w2n
