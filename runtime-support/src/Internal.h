//===- Internal.h - Shared internals of runtime-support ---------*- C++ -*-===//
///
/// \file
/// What the sources of the runtime share and embedders do not see: the
/// signal-safe registry of compiled code, the guarded call into wasm and
/// the table of runtime entry points that every vmctx points to.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_INTERNAL_H
#define WASM2NATIVE_RUNTIME_INTERNAL_H

#include "wasm2native/abi.h"

#include "Unwind.h"

#include <cstdint>
#include <string>
#include <vector>

namespace w2n::rt::detail {

/// Records [Lo, Hi) as compiled wasm code, described by the call frame
/// information Eh if it is known (for backtraces); returns a slot for
/// unregisterCode, or -1 if the registry is out of memory.
int registerCode(uintptr_t Lo, uintptr_t Hi, EhFrame Eh = EhFrame());
void unregisterCode(int Slot);
/// Whether Pc is in registered code. Async-signal-safe.
bool isRegisteredCode(uintptr_t Pc);
/// isRegisteredCode, and the call frame information of that code (if
/// Eh is not null). Async-signal-safe.
bool findRegisteredCode(uintptr_t Pc, EhFrame *Eh);

/// What a trapped guarded call reports.
struct RawTrap {
  uint32_t Kind = W2N_TRAP_NONE;
  /// Where the trap happened: the faulting pc, or an address inside the
  /// call to the trap entry point; 0 if unknown.
  uintptr_t Pc = 0;
  std::string HostMessage; // for W2N_TRAP_HOST
  /// The trapping function's name when the trap site knew it.
  std::string Function;
  /// Pcs in compiled code of the frames of the call, innermost first:
  /// runs of Pcs repeated Count times (recursion).
  struct FrameRun {
    std::vector<uintptr_t> Pcs;
    uint64_t Count = 1;
  };
  std::vector<FrameRun> Frames;
  /// Frames beyond those in Frames (the record is bounded).
  uint64_t OmittedFrames = 0;
};

/// Runs Fn(Arg) as a call into wasm on this thread (installs the signal
/// handlers and the alternate signal stack on first use). Returns true if
/// it trapped, with the trap in Out. Nests: host functions called from
/// wasm may call runGuarded again.
bool runGuarded(void (*Fn)(void *), void *Arg, RawTrap &Out);

/// Depth of runGuarded calls active on this thread.
unsigned guardedDepth();

/// The lowest address of this thread's stack, or 0 if unknown.
uintptr_t threadStackLow();

/// Unwinds to the innermost runGuarded of this thread with a trap.
/// HostMessage and Function may be null.
[[noreturn]] void unwindWithTrap(uint32_t Kind, uintptr_t Pc,
                                 const char *HostMessage,
                                 const std::string *Function = nullptr);

/// The runtime entry points (RuntimeFns.cpp) that every vmctx points to.
extern const w2n_runtime_fns RuntimeFnsTable;

} // namespace w2n::rt::detail

#endif // WASM2NATIVE_RUNTIME_INTERNAL_H
