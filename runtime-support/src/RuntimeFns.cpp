//===- RuntimeFns.cpp - The runtime entry points of compiled code ---------===//
///
/// \file
/// SANDBOX-CRITICAL. The w2n_runtime_fns that every vmctx points to:
/// memory.grow and the bulk memory and table instructions with the spec's
/// exact semantics (the whole range is checked in 64-bit arithmetic before
/// anything is written; a dropped segment has length 0), and the trap
/// entry point. Changes here need two reviews.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/runtime.h"

#include "Internal.h"

#include <cstring>

namespace w2n::rt {

/// Each entry point is named after the w2n_runtime_fns slot it fills
/// (runtime_fns.def), so that the table below is generated from the .def.
struct RuntimeFns {
  static Instance &instanceOf(w2n_vmctx *Ctx) {
    Instance *I;
    std::memcpy(&I, reinterpret_cast<char *>(Ctx) + W2N_VMCTX_INSTANCE,
                sizeof(I));
    return *I;
  }

  /// The pc to report for a trap raised in a runtime function: inside the
  /// call instruction of the compiled caller (a return address may be the
  /// first byte after the caller's code).
  static uintptr_t callerPc(void *ReturnAddress) {
    return reinterpret_cast<uintptr_t>(ReturnAddress) - 1;
  }

  [[noreturn]] __attribute__((noinline)) static void
  trap(w2n_vmctx *Ctx, uint32_t Kind, uint32_t Func) {
    std::string Name = Store::functionName(instanceOf(Ctx).module(), Func);
    detail::unwindWithTrap(Kind, callerPc(__builtin_return_address(0)), nullptr,
                           &Name);
  }

  static uint32_t memory_grow(w2n_vmctx *Ctx, uint32_t Memory,
                              uint32_t DeltaPages) {
    return instanceOf(Ctx).Mems[Memory]->grow(DeltaPages);
  }

  __attribute__((noinline)) static void
  memory_init(w2n_vmctx *Ctx, uint32_t Memory, uint32_t Segment, uint64_t Dst,
              uint64_t Src, uint64_t Len) {
    Instance &I = instanceOf(Ctx);
    const w2n_data_segment &D = I.Mod->descriptor().data_segments[Segment];
    uint64_t Size = I.DataDropped[Segment] ? 0 : D.size;
    if (uint32_t K = I.Mems[Memory]->init(Dst, D.bytes, Size, Src, Len))
      detail::unwindWithTrap(K, callerPc(__builtin_return_address(0)), nullptr);
  }

  static void data_drop(w2n_vmctx *Ctx, uint32_t Segment) {
    instanceOf(Ctx).DataDropped[Segment] = true;
  }

  static uint32_t table_grow(w2n_vmctx *Ctx, uint32_t Table, void *Init,
                             uint32_t Delta) {
    return instanceOf(Ctx).Tables[Table]->grow(Delta, Init);
  }

  __attribute__((noinline)) static void table_fill(w2n_vmctx *Ctx,
                                                   uint32_t Table, uint64_t Dst,
                                                   void *Value, uint64_t Len) {
    if (uint32_t K = instanceOf(Ctx).Tables[Table]->fill(Dst, Value, Len))
      detail::unwindWithTrap(K, callerPc(__builtin_return_address(0)), nullptr);
  }

  __attribute__((noinline)) static void
  table_copy(w2n_vmctx *Ctx, uint32_t DstTable, uint32_t SrcTable, uint64_t Dst,
             uint64_t Src, uint64_t Len) {
    Instance &I = instanceOf(Ctx);
    if (uint32_t K =
            I.Tables[DstTable]->copyFrom(*I.Tables[SrcTable], Dst, Src, Len))
      detail::unwindWithTrap(K, callerPc(__builtin_return_address(0)), nullptr);
  }

  __attribute__((noinline)) static void
  table_init(w2n_vmctx *Ctx, uint32_t Table, uint32_t Segment, uint64_t Dst,
             uint64_t Src, uint64_t Len) {
    Instance &I = instanceOf(Ctx);
    const std::vector<void *> &Items = I.ElemSegments[Segment];
    if (uint32_t K =
            I.Tables[Table]->init(Dst, Items.data(), Items.size(), Src, Len))
      detail::unwindWithTrap(K, callerPc(__builtin_return_address(0)), nullptr);
  }

  static void elem_drop(w2n_vmctx *Ctx, uint32_t Segment) {
    std::vector<void *>().swap(instanceOf(Ctx).ElemSegments[Segment]);
  }

  /// compile --epoch: the deadline was reached. The store's epoch
  /// callback may extend it; otherwise the call traps "interrupted".
  __attribute__((noinline)) static void epoch_interrupt(w2n_vmctx *Ctx,
                                                        uint32_t Func) {
    Instance &I = instanceOf(Ctx);
    Store &S = *I.S;
    if (S.EpochCb) {
      if (uint64_t Ticks = S.EpochCb(S.EpochEnv, S)) {
        S.setEpochDeadline(Ticks);
        return;
      }
    }
    std::string Name = Store::functionName(I.module(), Func);
    detail::unwindWithTrap(W2N_TRAP_INTERRUPTED,
                           callerPc(__builtin_return_address(0)), nullptr,
                           &Name);
  }
};

namespace detail {

// The slots in runtime_fns.def's order; a function whose type differs from
// its slot's does not compile. A retired slot stays null: no compiled code
// of this ABI version calls it.
const w2n_runtime_fns RuntimeFnsTable = {
#define W2N_RUNTIME_FN(name, Name, Result, Params) RuntimeFns::name,
#define W2N_RUNTIME_FN_RETIRED(name) nullptr,
#include "wasm2native/runtime_fns.def"
};

} // namespace detail
} // namespace w2n::rt
