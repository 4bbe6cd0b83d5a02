//===- EmitMemory.cpp - Linear memory accesses ----------------------------===//
//
//                    SANDBOX-CRITICAL CODE: two reviews per change.
//
// This file decides whether a guest access can reach anything outside its
// linear memory. The invariants it keeps:
//
// * The effective address is zext(addr) + offset in 64 bits: it never wraps.
// * memory64: explicit mode's compare in both modes (effectiveAddress).
// * explicit mode: every access compares its address with the current size
//   in bytes minus its reach (offset + size) and traps before touching
//   memory.
// * guard mode: no compare in the generated code, as a rule. The runtime
//   reserves 4 GiB + guard bytes (targets/) behind the base, and ea + size <
//   2^33 + 16 always lands in the reservation, where inaccessible pages
//   fault and the signal handler turns the fault into an out-of-bounds trap.
// * guard mode at -O1 and up: the access still gets explicit mode's check,
//   provisionally, so that the optimiser orders stores, global and table
//   writes against every access that may trap (to LLVM an out-of-bounds
//   access is undefined, not a way out of the function);
//   transform/BoundsCheckElision.cpp removes each check after the pipeline
//   where the access faults in its place (docs/semantics.md, "Writes and
//   traps").
// * guard mode, trapping loads whose value is dead: LLVM may delete a load
//   whose result is unused (or folded away) because a load has no side
//   effects in its model. Every loaded value is OR-ed into a per-function
//   accumulator of its width (an alloca that mem2reg turns into SSA); the
//   accumulators are combined and stored, volatile, to vmctx->load_sink at
//   every return and in every trap block.
//   The load therefore always has a use on every path that leaves the
//   function, so it cannot be deleted, and it cannot be sunk past a trap or
//   a call (those read the accumulator or may write memory). It costs one
//   OR per load and keeps loads ordinary, so LLVM still hoists, combines and
//   vectorises them; explicit mode needs none of it because the compare and
//   branch to the trap block keep the trap. (Guard mode's provisional
//   checks would keep the trap too, but a check whose load is gone has
//   nothing left to fault in its place and stays a compare.)
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionTranslator.h"

#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;

namespace w2n {

// The current size in bytes. It never shrinks below the declared minimum
// (an import's actual memory is at least as large) nor grows past the
// maximum, and the load says so with !range: LLVM then drops the check of
// any access it can prove below the minimum, such as a constant address.
Value *FunctionTranslator::loadMemorySize(uint32_t Index) {
  const Limits &L = M.memoryType(Index).Lim;
  // A memory64 memory is at most 4 GiB too (the runtime refuses more).
  uint64_t MinBytes = std::min<uint64_t>(L.Min, 65536) * W2N_WASM_PAGE_SIZE;
  uint64_t MaxBytes =
      std::min<uint64_t>(L.Max.value_or(65536), 65536) * W2N_WASM_PAGE_SIZE;
  LoadInst *Size = w2n::loadMemorySize(B, memoryObject(Index));
  Size->setMetadata(
      LLVMContext::MD_range,
      MDBuilder(Ctx).createRange(APInt(64, MinBytes), APInt(64, MaxBytes + 1)));
  return Size;
}

// Memory 0's object and base are loaded by the prologue; another memory's
// (multi-memory) in the entry block when the function first uses it, as
// invariant loads that LLVM may share and hoist the same way.
Value *FunctionTranslator::memoryObject(uint32_t Index) {
  Value *&Object = MemObjects[Index];
  if (!Object) {
    IRBuilder<> EB(AllocaPoint);
    Object = loadMemoryObject(EB, VMCtx, CC.Layout, Index);
  }
  return Object;
}

Value *FunctionTranslator::memoryBase(uint32_t Index) {
  if (Value *Base = MemBases.lookup(Index))
    return Base;
  Value *Object = memoryObject(Index);
  IRBuilder<> EB(AllocaPoint);
  return MemBases[Index] = loadMemoryBase(EB, Object);
}

Value *FunctionTranslator::effectiveAddress(const Instr &I, Value *Addr,
                                            unsigned Size) {
  uint64_t Offset = I.Value;
  const Limits &L = M.memoryType(I.Memory).Lim;
  Value *MemBase = memoryBase(I.Memory);
  if (L.Is64) {
    // memory64, on every target (targets/TargetInfo.cpp says why): one
    // explicit compare, addr > size - (offset + size), in both modes. It
    // cannot wrap (addr itself is compared), it covers addresses of 2^32
    // and more (size <= 4 GiB), and it is a real check, never handed to the
    // guard pages (trapIf, not checkAccess).
    Value *MemSize = loadMemorySize(I.Memory);
    uint64_t Reach = Offset + Size;
    uint64_t MinBytes = std::min<uint64_t>(L.Min, 65536) * W2N_WASM_PAGE_SIZE;
    Value *Out;
    if (Offset <= UINT32_MAX && Reach <= MinBytes) {
      Out = B.CreateICmpUGT(Addr,
                            B.CreateSub(MemSize, B.getInt64(Reach), "mem.limit",
                                        /*HasNUW=*/true));
    } else if (Offset > UINT32_MAX) {
      Out = B.getTrue(); // past any memory of at most 4 GiB
    } else {
      Value *Short = B.CreateICmpULT(MemSize, B.getInt64(Reach));
      Out = B.CreateOr(
          Short,
          B.CreateICmpUGT(Addr, B.CreateSub(MemSize, B.getInt64(Reach))));
    }
    trapIf(Out, W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
    Value *EA = B.CreateAdd(Addr, B.getInt64(Offset), "ea", /*HasNUW=*/true);
    return B.CreateGEP(B.getInt8Ty(), MemBase, EA, "addr");
  }
  Value *Addr64 = B.CreateZExt(Addr, B.getInt64Ty());
  Value *EA = B.CreateAdd(Addr64, B.getInt64(Offset), "ea", /*HasNUW=*/true);
  if (CC.Opts.Bounds == BoundsChecks::Explicit || ProvisionalChecks) {
    Value *MemSize = loadMemorySize(I.Memory);
    uint64_t Reach = Offset + Size;
    uint64_t MinBytes = L.Min * W2N_WASM_PAGE_SIZE;
    if (Reach <= MinBytes) {
      // addr + offset + size > size_bytes, as addr > size_bytes - reach:
      // the limit is the same for every access of that reach, so LLVM
      // computes it once (outside loops) and each access costs one compare
      // of the address it needs anyway. No wrap: size_bytes >= MinBytes.
      Value *Limit = B.CreateSub(MemSize, B.getInt64(Reach), "mem.limit",
                                 /*HasNUW=*/true);
      checkAccess(B.CreateICmpUGT(Addr64, Limit));
    } else {
      Value *End = B.CreateAdd(EA, B.getInt64(Size), "ea.end", /*HasNUW=*/true);
      checkAccess(B.CreateICmpUGT(End, MemSize));
    }
  }
  return B.CreateGEP(B.getInt8Ty(), MemBase, EA, "addr");
}

void FunctionTranslator::sinkLoadedValue(Value *V) {
  if (CC.Opts.Bounds == BoundsChecks::Explicit)
    return;
  // One accumulator per loaded width keeps the OR as wide as the load, so a
  // vectorised loop of i32 loads stays <4 x i32> (an i64 accumulator would
  // halve its vector factor).
  llvm::Type *Ty = V->getType();
  if (Ty->isFloatingPointTy())
    Ty = B.getIntNTy(Ty->getPrimitiveSizeInBits());
  else if (Ty->isVectorTy())
    Ty =
        Ty->getPrimitiveSizeInBits() == 128
            ? static_cast<llvm::Type *>(FixedVectorType::get(B.getInt8Ty(), 16))
            : B.getIntNTy(Ty->getPrimitiveSizeInBits());
  if (Ty != V->getType())
    V = B.CreateBitCast(V, Ty);
  AllocaInst *Sink = nullptr;
  for (AllocaInst *S : LoadSinks)
    if (S->getAllocatedType() == Ty)
      Sink = S;
  if (!Sink) {
    IRBuilder<> EB(AllocaPoint);
    Sink = EB.CreateAlloca(Ty, nullptr, "load.sink");
    EB.CreateStore(Constant::getNullValue(Ty), Sink);
    LoadSinks.push_back(Sink);
  }
  Value *Acc = B.CreateLoad(Ty, Sink);
  B.CreateStore(B.CreateOr(Acc, V), Sink);
}

void FunctionTranslator::emitLoad(const Instr &I) {
  unsigned Size = memoryAccessSize(I.info().Imm);
  Value *Ptr = effectiveAddress(I, pop(), Size);
  llvm::Type *ResultTy = CC.valType(I.info().Result);
  llvm::Type *MemTy = ResultTy;
  bool Signed = false;
  switch (I.Op) {
  case Opcode::I32Load8S:
  case Opcode::I64Load8S:
    Signed = true;
    [[fallthrough]];
  case Opcode::I32Load8U:
  case Opcode::I64Load8U:
    MemTy = B.getInt8Ty();
    break;
  case Opcode::I32Load16S:
  case Opcode::I64Load16S:
    Signed = true;
    [[fallthrough]];
  case Opcode::I32Load16U:
  case Opcode::I64Load16U:
    MemTy = B.getInt16Ty();
    break;
  case Opcode::I64Load32S:
    Signed = true;
    [[fallthrough]];
  case Opcode::I64Load32U:
    MemTy = B.getInt32Ty();
    break;
  default:
    break;
  }
  // Alignment in wasm is a hint; the access may be misaligned.
  Value *V = B.CreateAlignedLoad(MemTy, Ptr, Align(1), "load");
  sinkLoadedValue(V);
  if (MemTy != ResultTy)
    V = Signed ? B.CreateSExt(V, ResultTy) : B.CreateZExt(V, ResultTy);
  push(V);
}

void FunctionTranslator::emitStore(const Instr &I) {
  unsigned Size = memoryAccessSize(I.info().Imm);
  Value *V = pop();
  Value *Ptr = effectiveAddress(I, pop(), Size);
  if (V->getType()->isIntegerTy() &&
      V->getType()->getIntegerBitWidth() > 8 * Size)
    V = B.CreateTrunc(V, B.getIntNTy(8 * Size));
  B.CreateAlignedStore(V, Ptr, Align(1));
}

void FunctionTranslator::emitMemoryOp(const Instr &I) {
  llvm::Type *I32 = B.getInt32Ty();
  llvm::Type *I64 = B.getInt64Ty();
  auto Is64 = [&](uint32_t Memory) { return M.memoryType(Memory).Lim.Is64; };
  // Addresses and lengths (i64 already for memory64) in 64 bits.
  auto Wide = [&](Value *V) {
    return V->getType() == I64 ? V : B.CreateZExt(V, I64);
  };
  // Start + N > Size, for a range of memory Memory: Start + N may wrap if
  // it is a memory64 memory (the length is i64 only if all are).
  auto PastEnd = [&](uint32_t Memory, Value *Start, Value *N,
                     Value *Size) -> Value * {
    if (!Is64(Memory))
      return B.CreateICmpUGT(B.CreateAdd(Start, N, "", /*HasNUW=*/true), Size);
    Value *Sum =
        B.CreateBinaryIntrinsic(Intrinsic::uadd_with_overflow, Start, N);
    return B.CreateOr(B.CreateExtractValue(Sum, 1),
                      B.CreateICmpUGT(B.CreateExtractValue(Sum, 0), Size));
  };
  switch (I.Op) {
  case Opcode::MemorySize: {
    Value *Pages = B.CreateLShr(loadMemorySize(I.Memory), 16);
    push(Is64(I.Memory) ? Pages : B.CreateTrunc(Pages, I32));
    return;
  }
  case Opcode::MemoryGrow: {
    Value *Delta = pop();
    Value *Memory = B.getInt32(I.Memory);
    if (!Is64(I.Memory)) {
      push(callRuntime(RtMemoryGrow, {VMCtx, Memory, Delta}));
      return;
    }
    // memory64: a memory is at most 4 GiB, and the runtime answers -1 or
    // the old size in pages (at most 65536).
    push(emitGrow64(Delta, [&](Value *Delta32) {
      return callRuntime(RtMemoryGrow, {VMCtx, Memory, Delta32});
    }));
    return;
  }
  case Opcode::MemoryCopy: {
    // Both ranges are checked before a byte is written (the copy traps as a
    // whole), then it is a memmove: LLVM expands small constant sizes in
    // line and calls the C library's memmove for the rest, with none of the
    // runtime call's indirections (fannkuch copies 40 bytes at a time).
    // Between two memories (multi-memory) the ranges never overlap, and
    // memmove is still right.
    Value *N = Wide(pop());
    Value *Src = Wide(pop());
    Value *Dst = Wide(pop());
    Value *DstSize = loadMemorySize(I.Memory);
    Value *SrcSize =
        I.SrcMemory == I.Memory ? DstSize : loadMemorySize(I.SrcMemory);
    trapIf(B.CreateOr(PastEnd(I.Memory, Dst, N, DstSize),
                      PastEnd(I.SrcMemory, Src, N, SrcSize)),
           W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
    B.CreateMemMove(
        B.CreateGEP(B.getInt8Ty(), memoryBase(I.Memory), Dst), Align(1),
        B.CreateGEP(B.getInt8Ty(), memoryBase(I.SrcMemory), Src), Align(1), N);
    return;
  }
  case Opcode::MemoryFill: {
    Value *N = Wide(pop());
    Value *Val = pop();
    Value *Dst = Wide(pop());
    Value *Size = loadMemorySize(I.Memory);
    trapIf(PastEnd(I.Memory, Dst, N, Size), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
    B.CreateMemSet(B.CreateGEP(B.getInt8Ty(), memoryBase(I.Memory), Dst),
                   B.CreateTrunc(Val, B.getInt8Ty()), N, Align(1));
    return;
  }
  case Opcode::MemoryInit: {
    Value *N = Wide(pop());
    Value *Src = Wide(pop());
    Value *Dst = Wide(pop());
    callRuntime(RtMemoryInit, {VMCtx, B.getInt32(I.Memory), B.getInt32(I.Index),
                               Dst, Src, N});
    return;
  }
  case Opcode::DataDrop:
    callRuntime(RtDataDrop, {VMCtx, B.getInt32(I.Index)});
    return;
  default:
    llvm_unreachable("not a memory instruction");
  }
}

} // namespace w2n
