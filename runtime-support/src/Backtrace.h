//===- Backtrace.h - Walk and record the frames of a trap -------*- C++ -*-===//
///
/// \file
/// The stack walk of a trap, and the bounded record it fills. A trap may
/// end a recursion 200,000 frames deep; the record keeps every frame count
/// but folds repeated cycles of up to MaxPeriod frames into runs (f, g
/// repeated 100,000 times is one run) as it goes, so a fixed buffer holds
/// the whole shape of such a stack. Both are async-signal-safe.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_BACKTRACE_H
#define WASM2NATIVE_RUNTIME_BACKTRACE_H

#include "Unwind.h"

#include <cstdint>

namespace w2n::rt::detail {

/// Pcs[0..Period) (innermost first) repeated Count times.
struct FrameRun {
  static constexpr unsigned MaxPeriod = 4;
  uintptr_t Pcs[MaxPeriod];
  uint32_t Period;
  uint64_t Count;
};

class FrameRecorder {
public:
  /// Runs kept: the innermost frames of a stack that does not fold.
  static constexpr unsigned MaxRuns = 128;

  void reset() {
    NumRuns = 0;
    Total = 0;
    Omitted = 0;
  }
  /// Adds the next outer frame.
  void push(uintptr_t Pc);

  unsigned numRuns() const { return NumRuns; }
  const FrameRun &run(unsigned I) const { return Runs[I]; }
  /// Frames pushed once the record was full (counted, not kept).
  uint64_t omitted() const { return Omitted; }
  uint64_t total() const { return Total; }

private:
  /// Whether the last N runs are single frames equal to Pcs[0..N).
  bool lastSinglesAre(const uintptr_t *Pcs, unsigned N) const;
  /// Folds the runs at the end after a push.
  void fold();

  FrameRun Runs[MaxRuns];
  unsigned NumRuns = 0;
  uint64_t Total = 0;
  uint64_t Omitted = 0;
};

/// Where a walk starts.
struct WalkStart {
  UnwindRegs Regs;
  /// Whether Regs.Sp is the frame's stack pointer (else only Regs.Fp is
  /// trusted, and the walk starts on the frame-pointer chain).
  bool SpKnown = false;
};

/// Walks the stack from Start up to Stack.High, pushing every frame whose
/// pc is in registered compiled code into Rec (innermost first). Frames of
/// compiled code are unwound with their call frame information where the
/// registry has it; other frames (the runtime's, compiled with frame
/// pointers) and modules without it follow the frame-pointer chain.
void walkFrames(const WalkStart &Start, const StackBounds &Stack,
                FrameRecorder &Rec);

} // namespace w2n::rt::detail

#endif // WASM2NATIVE_RUNTIME_BACKTRACE_H
