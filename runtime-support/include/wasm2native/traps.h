//===- traps.h - Traps as values, and the signal handlers -------*- C++ -*-===//
///
/// \file
/// A trap in compiled code (an explicit trap call or a hardware fault in
/// the guard region) unwinds to the host entry that called into wasm and
/// is reported there as a Trap value; it never kills the process. The
/// runtime's SIGSEGV/SIGBUS/SIGFPE/SIGILL handlers are installed once, on
/// the first call into wasm, and handle only faults of this thread while it
/// runs wasm, at a pc inside a loaded module's code; every other signal is
/// passed to the handler that was installed before them.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_TRAPS_H
#define WASM2NATIVE_RUNTIME_TRAPS_H

#include "wasm2native/abi.h"

#include <cstdint>
#include <string>
#include <vector>

namespace w2n::rt {

/// Frames of a trap's backtrace: Functions (innermost first) repeated
/// Count times in a row. A recursion of f alone is one run of {f} with a
/// Count of its depth; f and g calling each other, one run of {f, g}.
struct BacktraceRun {
  std::vector<std::string> Functions;
  uint64_t Count = 1;
};

/// The outcome of a call into wasm: Kind is W2N_TRAP_NONE when the call
/// returned normally.
struct Trap {
  uint32_t Kind = W2N_TRAP_NONE;
  /// The spec's message for Kind (e.g. "integer divide by zero"), or the
  /// host function's message for W2N_TRAP_HOST.
  std::string Message;
  /// The wasm function that trapped: its name from the name section, or
  /// "func[N]" if it has none; empty if unknown.
  std::string Function;
  /// The wasm frames of the call at the trap, innermost first, named as
  /// Function is; with "MODULE!" before each name when the store holds
  /// several instances. Runs of a repeated cycle (recursion) are folded;
  /// may be empty. Frames that LLVM inlined appear as their caller.
  std::vector<BacktraceRun> Backtrace;
  /// Frames beyond those in Backtrace (it keeps at most 128 runs).
  uint64_t OmittedFrames = 0;

  explicit operator bool() const { return Kind != W2N_TRAP_NONE; }
  /// "MESSAGE" or "MESSAGE (in FUNCTION)".
  std::string str() const;
  /// The frames in Backtrace and OmittedFrames.
  uint64_t numFrames() const;
};

/// The backtrace as the tools print it, one frame per line after a first
/// line "wasm backtrace:", numbered by depth from 0; a run repeated three
/// times or more shows once, then "… N × f ↔ g" for the N repetitions
/// after it; frames that were not recorded end it as "… N more frames".
/// Empty if the trap has no backtrace.
std::string formatBacktrace(const Trap &T);

/// The spec's message for a trap kind; "unknown trap" for unknown kinds.
const char *trapMessage(uint32_t Kind);

/// Installs the signal handlers (once per process; later calls do
/// nothing). Calls into wasm do this themselves; embedders that install
/// their own handlers after ours should chain to the ones they replace.
void installSignalHandlers();

/// For host functions called from wasm: abandons the wasm call in progress
/// on this thread, which then returns a Trap of Kind. Like longjmp, it
/// skips the destructors of the host frames in between. Aborts the process
/// if no wasm call is in progress.
[[noreturn]] void raiseTrap(uint32_t Kind);
/// raiseTrap(W2N_TRAP_HOST) with Message as the trap's message.
[[noreturn]] void raiseHostTrap(const char *Message);

/// Whether this thread is inside a call into wasm (possibly in a host
/// function that wasm called).
bool inWasmCall();

} // namespace w2n::rt

#endif // WASM2NATIVE_RUNTIME_TRAPS_H
