//===- InstanceContext.cpp - How compiled code reaches its instance -------===//
//
//                    SANDBOX-CRITICAL CODE: two reviews per change.
//
// Compiled code finds its linear memory, globals, tables and function
// references only through the loads built here, at the offsets of abi.h.
// A wrong offset reads the wrong object: memoryOfBase/memoryOfSize decide
// which loads transform/BoundsCheckElision.cpp and AddressWidening.cpp
// take for a memory's base and size, and so which bounds checks they may
// remove.
//
//===----------------------------------------------------------------------===//

#include "ir/InstanceContext.h"

#include "ir/Markers.h"

#include "llvm/IR/Argument.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Instructions.h"

#include <cstddef>

using namespace llvm;

namespace w2n {

// The compiler computes every slot's offset as 8 times its number, for the
// 64-bit targets it supports; the runtime's C struct must agree.
static_assert(sizeof(void *) == 8, "the ABI is for 64-bit targets");
#define W2N_RUNTIME_FN(name, Name, Result, Params)                             \
  static_assert(offsetof(w2n_runtime_fns, name) == 8 * Rt##Name,               \
                "w2n_runtime_fns." #name " is not at its slot");
#define W2N_RUNTIME_FN_RETIRED(name)                                           \
  static_assert(offsetof(w2n_runtime_fns, name) == 8 * RtRetired_##name,       \
                "w2n_runtime_fns." #name " is not at its slot");
#include "wasm2native/runtime_fns.def"
static_assert(sizeof(w2n_runtime_fns) == 8 * NumRuntimeFnSlots,
              "w2n_runtime_fns has slots that runtime_fns.def does not list");

namespace {

/// The LLVM type of a C type of the runtime functions' signatures.
template <typename T> struct LLVMTypeOf;
template <> struct LLVMTypeOf<void> {
  static Type *get(LLVMContext &Ctx) { return Type::getVoidTy(Ctx); }
};
template <> struct LLVMTypeOf<uint32_t> {
  static Type *get(LLVMContext &Ctx) { return Type::getInt32Ty(Ctx); }
};
template <> struct LLVMTypeOf<uint64_t> {
  static Type *get(LLVMContext &Ctx) { return Type::getInt64Ty(Ctx); }
};
template <typename T> struct LLVMTypeOf<T *> {
  static Type *get(LLVMContext &Ctx) { return PointerType::getUnqual(Ctx); }
};

template <typename R, typename... Args>
FunctionType *functionTypeOf(LLVMContext &Ctx, R (*)(Args...)) {
  return FunctionType::get(LLVMTypeOf<R>::get(Ctx),
                           {LLVMTypeOf<Args>::get(Ctx)...}, false);
}

} // namespace

uint64_t runtimeFnOffset(RuntimeFn Fn) { return 8 * uint64_t(Fn); }

FunctionType *runtimeFnType(LLVMContext &Ctx, RuntimeFn Fn) {
  switch (Fn) {
#define W2N_RUNTIME_FN(name, Name, Result, Params)                             \
  case Rt##Name:                                                               \
    return functionTypeOf(Ctx, decltype(w2n_runtime_fns::name)(nullptr));
#define W2N_RUNTIME_FN_RETIRED(name)                                           \
  case RtRetired_##name:                                                       \
    break;
#include "wasm2native/runtime_fns.def"
  case NumRuntimeFnSlots:
    break;
  }
  llvm_unreachable("not a runtime function slot in use");
}

LoadInst *createInvariantLoad(IRBuilderBase &B, Type *Ty, Value *Ptr,
                              const Twine &Name) {
  LoadInst *L = B.CreateLoad(Ty, Ptr, Name);
  L->setMetadata(LLVMContext::MD_invariant_load,
                 MDNode::get(B.getContext(), {}));
  return L;
}

Value *vmctxFieldAddress(IRBuilderBase &B, Value *VMCtx, uint64_t Offset,
                         const Twine &Name) {
  return B.CreateConstGEP1_64(B.getInt8Ty(), VMCtx, Offset, Name);
}

// ---- The vmctx header -------------------------------------------------------

LoadInst *loadMemoryObject(IRBuilderBase &B, Value *VMCtx) {
  return createInvariantLoad(
      B, B.getPtrTy(), vmctxFieldAddress(B, VMCtx, W2N_VMCTX_MEMORY), "memory");
}

LoadInst *loadMemoryObject(IRBuilderBase &B, Value *VMCtx,
                           const w2n_vmctx_layout &L, uint32_t Index) {
  if (Index == 0)
    return loadMemoryObject(B, VMCtx);
  return createInvariantLoad(
      B, B.getPtrTy(),
      vmctxFieldAddress(B, VMCtx, L.memories_offset + 8 * uint64_t(Index)),
      "memory");
}

LoadInst *loadStackLimit(IRBuilderBase &B, Value *VMCtx) {
  return B.CreateLoad(B.getPtrTy(),
                      vmctxFieldAddress(B, VMCtx, W2N_VMCTX_STACK_LIMIT),
                      "limit");
}

Value *fuelAddress(IRBuilderBase &B, Value *VMCtx) {
  return vmctxFieldAddress(B, VMCtx, W2N_VMCTX_FUEL, "fuel.ptr");
}

Value *loadSinkAddress(IRBuilderBase &B, Value *VMCtx) {
  return vmctxFieldAddress(B, VMCtx, W2N_VMCTX_LOAD_SINK);
}

LoadInst *loadEpochCounter(IRBuilderBase &B, Value *VMCtx) {
  return createInvariantLoad(
      B, B.getPtrTy(), vmctxFieldAddress(B, VMCtx, W2N_VMCTX_EPOCH_COUNTER),
      "epoch.counter");
}

LoadInst *loadEpochDeadline(IRBuilderBase &B, Value *VMCtx) {
  return B.CreateLoad(B.getInt64Ty(),
                      vmctxFieldAddress(B, VMCtx, W2N_VMCTX_EPOCH_DEADLINE),
                      "deadline");
}

// ---- The arrays -------------------------------------------------------------

LoadInst *loadGlobalStorage(IRBuilderBase &B, Value *VMCtx,
                            const w2n_vmctx_layout &L, uint32_t Index) {
  return createInvariantLoad(
      B, B.getPtrTy(),
      vmctxFieldAddress(B, VMCtx, L.globals_offset + 8 * uint64_t(Index)),
      "global");
}

LoadInst *loadTable(IRBuilderBase &B, Value *VMCtx, const w2n_vmctx_layout &L,
                    uint32_t Index) {
  return createInvariantLoad(
      B, B.getPtrTy(),
      vmctxFieldAddress(B, VMCtx, L.tables_offset + 8 * uint64_t(Index)),
      "table");
}

LoadInst *loadFuncRef(IRBuilderBase &B, Value *VMCtx, const w2n_vmctx_layout &L,
                      uint32_t Index, const Twine &Name) {
  return createInvariantLoad(
      B, B.getPtrTy(),
      vmctxFieldAddress(B, VMCtx, L.funcs_offset + 8 * uint64_t(Index)), Name);
}

LoadInst *loadTypeId(IRBuilderBase &B, Value *VMCtx, const w2n_vmctx_layout &L,
                     uint32_t TypeIndex) {
  return createInvariantLoad(
      B, B.getInt32Ty(),
      vmctxFieldAddress(B, VMCtx, L.type_ids_offset + 4 * uint64_t(TypeIndex)),
      "expected_type_id");
}

// ---- The runtime objects ----------------------------------------------------

namespace {

/// A load of Ty at Object + Offset (the object itself at offset 0).
LoadInst *loadMember(IRBuilderBase &B, Type *Ty, Value *Object, uint64_t Offset,
                     Load Kind, const Twine &Name) {
  Value *Ptr =
      Offset ? B.CreateConstGEP1_64(B.getInt8Ty(), Object, Offset) : Object;
  return Kind == Load::Invariant ? createInvariantLoad(B, Ty, Ptr, Name)
                                 : B.CreateLoad(Ty, Ptr, Name);
}

} // namespace

LoadInst *loadMemoryBase(IRBuilderBase &B, Value *MemObject) {
  return loadMember(B, B.getPtrTy(), MemObject, offsetof(w2n_memory, base),
                    Load::Invariant, "membase");
}

LoadInst *loadMemorySize(IRBuilderBase &B, Value *MemObject,
                         const Twine &Name) {
  return loadMember(B, B.getInt64Ty(), MemObject,
                    offsetof(w2n_memory, size_bytes), Load::Plain, Name);
}

LoadInst *loadTableSize(IRBuilderBase &B, Value *Table, const Twine &Name) {
  return loadMember(B, B.getInt32Ty(), Table, offsetof(w2n_table, size),
                    Load::Plain, Name);
}

LoadInst *loadTableElems(IRBuilderBase &B, Value *Table) {
  return loadMember(B, B.getPtrTy(), Table, offsetof(w2n_table, elems),
                    Load::Plain, "elems");
}

LoadInst *loadFuncRefCode(IRBuilderBase &B, Value *Ref, Load Kind) {
  return loadMember(B, B.getPtrTy(), Ref, offsetof(w2n_funcref, code), Kind,
                    "code");
}

LoadInst *loadFuncRefVMCtx(IRBuilderBase &B, Value *Ref, Load Kind) {
  return loadMember(B, B.getPtrTy(), Ref, offsetof(w2n_funcref, vmctx), Kind,
                    "callee.vmctx");
}

LoadInst *loadFuncRefTypeId(IRBuilderBase &B, Value *Ref) {
  return loadMember(B, B.getInt32Ty(), Ref, offsetof(w2n_funcref, type_id),
                    Load::Plain, "type_id");
}

// ---- Calls of the runtime ---------------------------------------------------

LoadInst *loadRuntimeFns(IRBuilderBase &B, Value *VMCtx, Load Kind) {
  Value *Ptr = vmctxFieldAddress(B, VMCtx, W2N_VMCTX_RUNTIME);
  return Kind == Load::Invariant
             ? createInvariantLoad(B, B.getPtrTy(), Ptr, "rt")
             : B.CreateLoad(B.getPtrTy(), Ptr);
}

LoadInst *loadRuntimeFn(IRBuilderBase &B, Value *RuntimeFns, RuntimeFn Fn,
                        Load Kind, const Twine &Name) {
  return loadMember(B, B.getPtrTy(), RuntimeFns, runtimeFnOffset(Fn), Kind,
                    Name);
}

CallInst *createRuntimeCall(IRBuilderBase &B, Value *VMCtx, RuntimeFn Fn,
                            ArrayRef<Value *> Args, const Twine &SlotName) {
  assert(Fn != RtTrap && "traps are made by createTrapCall");
  Value *Rt = loadRuntimeFns(B, VMCtx, Load::Invariant);
  Value *Callee = loadRuntimeFn(B, Rt, Fn, Load::Invariant, SlotName);
  return B.CreateCall(runtimeFnType(B.getContext(), Fn), Callee, Args);
}

CallInst *createTrapCall(IRBuilderBase &B, Value *VMCtx, w2n_trap_kind Kind,
                         uint32_t FuncIndex) {
  Value *Rt = loadRuntimeFns(B, VMCtx, Load::Plain);
  Value *Fn = loadRuntimeFn(B, Rt, RtTrap, Load::Plain, "rt.trap");
  CallInst *Call =
      B.CreateCall(runtimeFnType(B.getContext(), RtTrap), Fn,
                   {VMCtx, B.getInt32(Kind), B.getInt32(FuncIndex)});
  Call->setDoesNotReturn();
  Call->setDoesNotThrow();
  markTrapCall(*Call, Kind);
  return Call;
}

// ---- Recognising the loads of a memory's base and size ----------------------

std::optional<uint64_t> memoryFieldLoad(const Value *V, uint64_t FieldOffset,
                                        const DataLayout &DL) {
  const auto *Field = dyn_cast<LoadInst>(V);
  if (!Field || !Field->isSimple())
    return std::nullopt;
  APInt Off(64, 0);
  const Value *Object =
      Field->getPointerOperand()->stripAndAccumulateConstantOffsets(
          DL, Off, /*AllowNonInbounds=*/true);
  const auto *ObjectLoad = dyn_cast<LoadInst>(Object);
  if (Off != FieldOffset || !ObjectLoad || !ObjectLoad->isSimple())
    return std::nullopt;
  APInt CtxOff(64, 0);
  const Value *Ctx =
      ObjectLoad->getPointerOperand()->stripAndAccumulateConstantOffsets(
          DL, CtxOff, /*AllowNonInbounds=*/true);
  const auto *Arg = dyn_cast<Argument>(Ctx);
  if (!Arg || Arg->getArgNo() != 0)
    return std::nullopt;
  return CtxOff.getZExtValue();
}

std::optional<uint64_t> memoryOfBase(const Value *V, const DataLayout &DL) {
  return memoryFieldLoad(V, offsetof(w2n_memory, base), DL);
}

std::optional<uint64_t> memoryOfSize(const Value *V, const DataLayout &DL) {
  return memoryFieldLoad(V, offsetof(w2n_memory, size_bytes), DL);
}

} // namespace w2n
