//===- Unwind.h - One step of unwinding with DWARF CFI ----------*- C++ -*-===//
///
/// \file
/// Trap backtraces walk the stack of compiled code. Compiled functions keep
/// a frame pointer only when they call a wasm function (the stack check
/// takes their frame address), so a leaf has none: following frame
/// pointers from a leaf skips its caller, whose return address the leaf
/// holds in its own frame or, on AArch64 and RISC-V, in the link register.
/// Every compiled function has exact (asynchronous) call frame information
/// in the object's .eh_frame, valid at every instruction; cfiStep() reads
/// it to find the caller of any frame, leaf or not.
///
/// Everything here is async-signal-safe: no allocation, no locks, and
/// every read is bounds-checked (the section against its extent, the stack
/// against the thread's stack), so the signal handler may use it.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_UNWIND_H
#define WASM2NATIVE_RUNTIME_UNWIND_H

#include <cstddef>
#include <cstdint>

namespace w2n::rt::detail {

/// The registers of one frame that an unwind step needs.
struct UnwindRegs {
  /// Where the frame is: the faulting instruction of the innermost frame,
  /// or a return address minus one (inside the call) for the others.
  uintptr_t Pc = 0;
  uintptr_t Sp = 0;
  uintptr_t Fp = 0;
  /// The link register (x30, ra) where the innermost frame may still hold
  /// its return address; 0 if unknown (x86-64 has none).
  uintptr_t Lr = 0;
};

/// The .eh_frame section of a loaded object.
struct EhFrame {
  const uint8_t *Begin = nullptr;
  size_t Size = 0;
};

/// Where the walker may read the stack: [Low, High).
struct StackBounds {
  uintptr_t Low = 0;
  uintptr_t High = 0;
};

/// The call frame information entry (FDE) that covers Pc in Sec, found by
/// a linear scan; null if there is none. Cache is an optional one-entry
/// cache of the last FDE found (a deep recursion repeats the same pcs).
struct FdeCache {
  uintptr_t Lo = 0, Hi = 0;
  const uint8_t *Fde = nullptr;
};
const uint8_t *findFde(const EhFrame &Sec, uintptr_t Pc, FdeCache *Cache);

/// Replaces Regs, a frame of code described by Sec, with its caller's:
/// Pc becomes the return address minus one, Sp the frame's canonical frame
/// address (CFA), Fp the caller's frame pointer, Lr unknown. False (Regs
/// unchanged) if Sec does not describe Pc, the rules are beyond this
/// small interpreter, or a read would leave Stack.
bool cfiStep(const EhFrame &Sec, UnwindRegs &Regs, const StackBounds &Stack,
             FdeCache *Cache = nullptr);

} // namespace w2n::rt::detail

#endif // WASM2NATIVE_RUNTIME_UNWIND_H
