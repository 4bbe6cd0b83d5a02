//===- InstanceContext.h - How compiled code reaches its instance -*- C++
//-*-===//
///
/// \file
/// The compiler's side of the instance context (vmctx) of
/// wasm2native/abi.h: every load of compiled code from the vmctx and from
/// the runtime objects it points to (the memory object, tables, function
/// references, the table of runtime functions) is built by a function of
/// this file, and the passes recognise the memory's base and size by the
/// functions at the end. Nothing else in the compiler computes an offset of
/// abi.h's instance context or runtime objects (lower/Descriptor.cpp, which
/// writes the module descriptor, goes through AbiTypes.h).
///
/// Loads of what never changes during an instance's life (the memory
/// object and its base, rt and its slots, globals[i], tables[i], funcs[i],
/// type_ids[t]) may carry !invariant.load, so that LLVM hoists them; each
/// builder says whether it does. The value names are those of the IR that
/// --emit=llvm shows and the lit tests match.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_IR_INSTANCECONTEXT_H
#define WASM2NATIVE_IR_INSTANCECONTEXT_H

#include "wasm2native/abi.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/IRBuilder.h"

#include <cstdint>
#include <optional>

namespace llvm {
class DataLayout;
} // namespace llvm

namespace w2n {

/// The slots of w2n_runtime_fns, numbered as in
/// wasm2native/runtime_fns.def (a slot's offset is 8 times its number).
enum RuntimeFn : unsigned {
#define W2N_RUNTIME_FN(name, Name, Result, Params) Rt##Name,
#define W2N_RUNTIME_FN_RETIRED(name) RtRetired_##name,
#include "wasm2native/runtime_fns.def"
  NumRuntimeFnSlots
};

/// The offset of slot Fn in w2n_runtime_fns.
uint64_t runtimeFnOffset(RuntimeFn Fn);
/// The LLVM type of slot Fn's function, from its C type in abi.h (so the
/// two cannot disagree).
llvm::FunctionType *runtimeFnType(llvm::LLVMContext &Ctx, RuntimeFn Fn);

/// Whether a load carries !invariant.load.
enum class Load { Plain, Invariant };

/// A load marked !invariant.load: its address holds the same value for the
/// whole life of the instance.
llvm::LoadInst *createInvariantLoad(llvm::IRBuilderBase &B, llvm::Type *Ty,
                                    llvm::Value *Ptr,
                                    const llvm::Twine &Name = "");

/// The address of the vmctx field at Offset (a W2N_VMCTX_* header field,
/// or an entry of the arrays below).
llvm::Value *vmctxFieldAddress(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                               uint64_t Offset, const llvm::Twine &Name = "");

// ---- The fields of the vmctx header ---------------------------------------

/// vmctx->memory, memory 0's w2n_memory (invariant).
llvm::LoadInst *loadMemoryObject(llvm::IRBuilderBase &B, llvm::Value *VMCtx);
/// Memory Index's w2n_memory (invariant): the header's field for memory 0,
/// memories[Index] for the others, so that each memory has one name (its
/// context offset, memoryFieldLoad) in the passes.
llvm::LoadInst *loadMemoryObject(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                                 const w2n_vmctx_layout &L, uint32_t Index);
/// vmctx->stack_limit (plain: the runtime sets it on every entry).
llvm::LoadInst *loadStackLimit(llvm::IRBuilderBase &B, llvm::Value *VMCtx);
/// &vmctx->fuel (compile --fuel).
llvm::Value *fuelAddress(llvm::IRBuilderBase &B, llvm::Value *VMCtx);
/// &vmctx->load_sink (lower/EmitMemory.cpp).
llvm::Value *loadSinkAddress(llvm::IRBuilderBase &B, llvm::Value *VMCtx);
/// vmctx->epoch_counter, the engine's counter (invariant; the counter
/// itself is read volatile).
llvm::LoadInst *loadEpochCounter(llvm::IRBuilderBase &B, llvm::Value *VMCtx);
/// vmctx->epoch_deadline (plain: the runtime moves it).
llvm::LoadInst *loadEpochDeadline(llvm::IRBuilderBase &B, llvm::Value *VMCtx);

// ---- The arrays after the header (w2n_vmctx_layout) -----------------------

/// globals[Index], the global's storage (invariant).
llvm::LoadInst *loadGlobalStorage(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                                  const w2n_vmctx_layout &L, uint32_t Index);
/// tables[Index], the w2n_table (invariant).
llvm::LoadInst *loadTable(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                          const w2n_vmctx_layout &L, uint32_t Index);
/// funcs[Index], function Index's w2n_funcref (invariant).
llvm::LoadInst *loadFuncRef(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                            const w2n_vmctx_layout &L, uint32_t Index,
                            const llvm::Twine &Name);
/// type_ids[TypeIndex], the canonical id of the type (invariant).
llvm::LoadInst *loadTypeId(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                           const w2n_vmctx_layout &L, uint32_t TypeIndex);

// ---- The runtime objects --------------------------------------------------

/// The memory object's base (invariant: the base never moves).
llvm::LoadInst *loadMemoryBase(llvm::IRBuilderBase &B, llvm::Value *MemObject);
/// The memory object's size_bytes (plain: memory.grow changes it).
llvm::LoadInst *loadMemorySize(llvm::IRBuilderBase &B, llvm::Value *MemObject,
                               const llvm::Twine &Name = "memsize");
/// A table's size and its elements array (plain).
llvm::LoadInst *loadTableSize(llvm::IRBuilderBase &B, llvm::Value *Table,
                              const llvm::Twine &Name = "table.size");
llvm::LoadInst *loadTableElems(llvm::IRBuilderBase &B, llvm::Value *Table);
/// A function reference's code, vmctx and type id.
llvm::LoadInst *loadFuncRefCode(llvm::IRBuilderBase &B, llvm::Value *Ref,
                                Load Kind);
llvm::LoadInst *loadFuncRefVMCtx(llvm::IRBuilderBase &B, llvm::Value *Ref,
                                 Load Kind);
llvm::LoadInst *loadFuncRefTypeId(llvm::IRBuilderBase &B, llvm::Value *Ref);

// ---- Calls of the runtime -------------------------------------------------

/// vmctx->rt, the w2n_runtime_fns (named "rt" when invariant).
llvm::LoadInst *loadRuntimeFns(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                               Load Kind);
/// Slot Fn of the w2n_runtime_fns at RuntimeFns.
llvm::LoadInst *loadRuntimeFn(llvm::IRBuilderBase &B, llvm::Value *RuntimeFns,
                              RuntimeFn Fn, Load Kind, const llvm::Twine &Name);
/// rt->Fn(Args...), through invariant loads; Args starts with the vmctx.
llvm::CallInst *createRuntimeCall(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                                  RuntimeFn Fn,
                                  llvm::ArrayRef<llvm::Value *> Args,
                                  const llvm::Twine &SlotName = "rt.fn");
/// rt->trap(vmctx, Kind, FuncIndex): does not return, and carries the
/// trap mark of Markers.h. Its loads are plain: they stay in the trap
/// block.
llvm::CallInst *createTrapCall(llvm::IRBuilderBase &B, llvm::Value *VMCtx,
                               w2n_trap_kind Kind, uint32_t FuncIndex);

// ---- Recognising the loads of a memory's base and size --------------------

/// If V is a simple load of the field at FieldOffset of a memory object
/// whose pointer is loaded from the instance context (argument 0 of the
/// function), the context offset of that pointer, which names the memory.
/// Sees through constant offsets, so it finds what loadMemoryObject and
/// loadMemoryBase/loadMemorySize built however the optimiser rearranged
/// it.
std::optional<uint64_t> memoryFieldLoad(const llvm::Value *V,
                                        uint64_t FieldOffset,
                                        const llvm::DataLayout &DL);

/// The memory V is the base address of (memoryFieldLoad of `base`).
std::optional<uint64_t> memoryOfBase(const llvm::Value *V,
                                     const llvm::DataLayout &DL);

/// The memory V is the current size in bytes of.
std::optional<uint64_t> memoryOfSize(const llvm::Value *V,
                                     const llvm::DataLayout &DL);

} // namespace w2n

#endif // WASM2NATIVE_IR_INSTANCECONTEXT_H
