//===- Backtrace.cpp - Walk and record the frames of a trap ---------------===//
///
/// \file
/// See Backtrace.h. The walk alternates two kinds of step, each of which
/// must move strictly up the stack, so it ends on any stack, broken or
/// not:
///
///  * in compiled code with call frame information, cfiStep() (exact at
///    every instruction, leaves included);
///  * elsewhere, the frame-pointer chain: the record at fp holds the
///    caller's fp and the return address (at fp - 16 on RISC-V, whose fp
///    is the frame's top).
///
//===----------------------------------------------------------------------===//

#include "Backtrace.h"

#include "Internal.h"

namespace w2n::rt::detail {

// ---- FrameRecorder ---------------------------------------------------------

bool FrameRecorder::lastSinglesAre(const uintptr_t *Pcs, unsigned N) const {
  if (NumRuns < N)
    return false;
  for (unsigned I = 0; I < N; ++I) {
    const FrameRun &R = Runs[NumRuns - N + I];
    if (R.Period != 1 || R.Count != 1 || R.Pcs[0] != Pcs[I])
      return false;
  }
  return true;
}

void FrameRecorder::fold() {
  for (unsigned P = 1; P <= FrameRun::MaxPeriod; ++P) {
    // The last P frames repeat the run of period P before them.
    if (NumRuns >= P + 1) {
      FrameRun &Before = Runs[NumRuns - P - 1];
      if (Before.Period == P && lastSinglesAre(Before.Pcs, P)) {
        ++Before.Count;
        NumRuns -= P;
        return;
      }
    }
    // The last 2P frames are one cycle of P frames twice.
    if (NumRuns >= 2 * P) {
      uintptr_t Cycle[FrameRun::MaxPeriod];
      bool Singles = true;
      for (unsigned I = 0; I < P && Singles; ++I) {
        const FrameRun &R = Runs[NumRuns - 2 * P + I];
        Singles = R.Period == 1 && R.Count == 1;
        Cycle[I] = R.Pcs[0];
      }
      if (Singles && lastSinglesAre(Cycle, P)) {
        NumRuns -= 2 * P;
        FrameRun &New = Runs[NumRuns++];
        for (unsigned I = 0; I < P; ++I)
          New.Pcs[I] = Cycle[I];
        New.Period = P;
        New.Count = 2;
        return;
      }
    }
  }
}

void FrameRecorder::push(uintptr_t Pc) {
  ++Total;
  if (Omitted || NumRuns == MaxRuns) {
    ++Omitted;
    return;
  }
  FrameRun &R = Runs[NumRuns++];
  R.Pcs[0] = Pc;
  R.Period = 1;
  R.Count = 1;
  fold();
}

// ---- The walk
// ----------------------------------------------------------------

namespace {

#if defined(__riscv)
// fp is the frame's top: ra at fp - 8, the caller's fp at fp - 16.
constexpr intptr_t NextOff = -16, RetOff = -8;
#else
// fp points at {caller's fp, return address}.
constexpr intptr_t NextOff = 0, RetOff = 8;
#endif

/// The stack pointer of the caller of a frame whose record is at Fp, where
/// the ABI fixes it: x86-64 pushes the return address and then the frame
/// pointer; RISC-V's fp is the frame's top. AArch64 puts the record
/// anywhere in the frame.
bool callerSpFromFp(uintptr_t Fp, uintptr_t &Sp) {
#if defined(__x86_64__)
  Sp = Fp + 16;
  return true;
#elif defined(__riscv)
  Sp = Fp;
  return true;
#else
  (void)Fp;
  (void)Sp;
  return false;
#endif
}

/// More frames than any stack holds: a guard against a walk that the
/// checks below should already end.
constexpr uint64_t MaxSteps = uint64_t(1) << 24;

} // namespace

void walkFrames(const WalkStart &Start, const StackBounds &Stack,
                FrameRecorder &Rec) {
  UnwindRegs R = Start.Regs;
  bool SpKnown = Start.SpKnown;
  uintptr_t LastFp = 0;
  FdeCache Cache;
  for (uint64_t Step = 0; Step < MaxSteps; ++Step) {
    EhFrame Eh;
    bool InCode = R.Pc && findRegisteredCode(R.Pc, &Eh);
    if (InCode)
      Rec.push(R.Pc);
    if (InCode && SpKnown && cfiStep(Eh, R, Stack, &Cache))
      continue;
    // The frame-pointer chain. Each record must lie above the previous
    // one (and above the stack pointer, when it is known), and the bounds
    // are checked in arithmetic that cannot wrap: code that keeps data in
    // the frame-pointer register leaves any value there (-8, found by the
    // differential fuzzer). Without a known stack bottom there is no walk.
    uintptr_t Fp = R.Fp;
    uintptr_t Record = Fp + NextOff;
    if (!Stack.Low || Fp % sizeof(uintptr_t) || Fp <= LastFp ||
        (SpKnown && Fp < R.Sp) || Record < Stack.Low ||
        Stack.High < 2 * sizeof(uintptr_t) ||
        Record > Stack.High - 2 * sizeof(uintptr_t))
      return;
    LastFp = Fp;
    uintptr_t Next = *reinterpret_cast<const uintptr_t *>(Fp + NextOff);
    uintptr_t Ret = *reinterpret_cast<const uintptr_t *>(Fp + RetOff);
    if (!Ret)
      return;
    // Ret - 1 is inside the call instruction.
    R.Pc = Ret - 1;
    SpKnown = callerSpFromFp(Fp, R.Sp);
    R.Fp = Next;
    R.Lr = 0;
  }
}

} // namespace w2n::rt::detail
