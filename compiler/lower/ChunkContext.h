//===- ChunkContext.h - State shared by the functions of a chunk -*- C++
//-*-===//
///
/// \file
/// Internal to lower/: the llvm::Module being built for one chunk, the LLVM
/// types of wasm values and functions, the layout of the module's vmctx
/// (the loads from it are built by ir/InstanceContext.h) and the
/// declarations every function translator needs.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LOWER_CHUNKCONTEXT_H
#define WASM2NATIVE_LOWER_CHUNKCONTEXT_H

#include "lower/Lowering.h"

#include "wasm2native/abi.h"

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

namespace w2n {

class ChunkContext {
public:
  ChunkContext(const Module &M, const ModuleSymbols &Syms,
               const CompilePlan &Plan, const LoweringOptions &Opts,
               llvm::Module &LM);

  const Module &M;
  const ModuleSymbols &Syms;
  const CompilePlan &Plan;
  const LoweringOptions &Opts;
  llvm::Module &LM;
  llvm::LLVMContext &Ctx;
  w2n_vmctx_layout Layout;

  llvm::Type *ptrTy() const { return PtrTy; }
  llvm::Type *valType(ValType T) const;
  /// (ptr vmctx, params...) -> void | T | {T...}
  llvm::FunctionType *funcType(uint32_t TypeIndex) const;
  llvm::Type *resultType(const FuncType &T) const;
  /// The function of index FuncIndex (defined ones only), declared in LM
  /// if it is not defined in this chunk.
  llvm::Function *getOrDeclareFunction(uint32_t FuncIndex);
  /// The attributes of every function of wasm code (also the parts of a
  /// giant function, Outlining.h).
  void setFunctionAttributes(llvm::Function *F) const;
  /// Part Region of function FuncIndex (Outlining.h), declared in LM if it
  /// is not defined in this chunk: i32 (ptr vmctx, ptr frame). Its symbol
  /// is "wasm.part:" + the function's name + "#" + Region, which the
  /// runtime reads as the function's name.
  llvm::Function *getOrDeclarePart(uint32_t FuncIndex, uint32_t Region);
  /// The aggregate of type Ty (a struct of results) holding Vals, built at
  /// B. Up to a few members it is a chain of insertvalues. Beyond, the
  /// members are stored to a temporary at Entry (an alloca position) and
  /// the struct is loaded whole: SelectionDAG copies every member of the
  /// aggregate for each insertvalue, which is quadratic in the results,
  /// while a load is one node.
  llvm::Value *makeAggregate(llvm::IRBuilder<> &B, llvm::Type *Ty,
                             llvm::ArrayRef<llvm::Value *> Vals,
                             llvm::Instruction *Entry) const;
  /// TBAA access tags of the three disjoint kinds of storage compiled code
  /// touches: linear memory; the memory object (w2n_memory: base and size),
  /// which only the runtime writes, in calls; and everything else of the
  /// instance (vmctx, global storage, tables, function references), which
  /// the runtime never places inside a linear memory.
  llvm::MDNode *memoryTBAA() const { return MemoryTag; }
  llvm::MDNode *memoryObjectTBAA() const { return MemoryObjectTag; }
  llvm::MDNode *instanceTBAA() const { return InstanceTag; }

private:
  llvm::Type *PtrTy;
  mutable std::vector<llvm::FunctionType *> FuncTypes;
  llvm::MDNode *MemoryTag;
  llvm::MDNode *MemoryObjectTag;
  llvm::MDNode *InstanceTag;
};

} // namespace w2n

#endif // WASM2NATIVE_LOWER_CHUNKCONTEXT_H
