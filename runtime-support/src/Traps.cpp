//===- Traps.cpp - Guarded calls into wasm and the signal handlers --------===//
///
/// \file
/// SANDBOX-CRITICAL. This file turns traps and hardware faults of compiled
/// code into Trap values without ever disturbing the host:
///
///  * every call from the host into wasm goes through runGuarded(), which
///    records a sigjmp_buf for this thread (nesting: each entry links to
///    the previous one);
///  * the trap entry point and host traps siglongjmp to the innermost
///    entry;
///  * the SIGSEGV/SIGBUS/SIGFPE/SIGILL handlers are installed once
///    (SA_SIGINFO | SA_ONSTACK, on a per-thread alternate stack) and act
///    only when this thread has an active entry AND the faulting pc lies in
///    the code of a loaded module; anything else goes to the handler that
///    was installed before ours, or to the default action.
///
/// Changes here need two reviews.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/traps.h"

#include "Backtrace.h"
#include "Internal.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <pthread.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include <unwind.h>

namespace w2n::rt {

const char *trapMessage(uint32_t Kind) {
  switch (Kind) {
  case W2N_TRAP_NONE:
    return "no trap";
  case W2N_TRAP_UNREACHABLE:
    return "unreachable";
  case W2N_TRAP_INT_DIV_BY_ZERO:
    return "integer divide by zero";
  case W2N_TRAP_INT_OVERFLOW:
    return "integer overflow";
  case W2N_TRAP_INVALID_CONVERSION:
    return "invalid conversion to integer";
  case W2N_TRAP_MEMORY_OUT_OF_BOUNDS:
    return "out of bounds memory access";
  case W2N_TRAP_TABLE_OUT_OF_BOUNDS:
    return "out of bounds table access";
  case W2N_TRAP_UNDEFINED_ELEMENT:
    return "undefined element";
  case W2N_TRAP_UNINITIALIZED_ELEMENT:
    return "uninitialized element";
  case W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH:
    return "indirect call type mismatch";
  case W2N_TRAP_CALL_STACK_EXHAUSTED:
    return "call stack exhausted";
  case W2N_TRAP_HOST:
    return "host function trapped";
  case W2N_TRAP_OUT_OF_FUEL:
    return "all fuel consumed";
  case W2N_TRAP_INTERRUPTED:
    return "interrupted";
  default:
    return "unknown trap";
  }
}

std::string Trap::str() const {
  if (Function.empty())
    return Message;
  return Message + " (in " + Function + ")";
}

namespace detail {

// ---- The registry of compiled code ---------------------------------------
//
// The signal handler must find out whether a pc is in compiled code
// without locks or allocation. Ranges live in fixed-size chunks that are
// never freed; a free slot has Lo == Hi == 0. Writers serialise on a
// mutex and publish Hi before Lo; readers skip slots whose Lo is 0.

namespace {

static_assert(std::atomic<uintptr_t>::is_always_lock_free,
              "the signal handler reads the registry");

struct CodeRange {
  std::atomic<uintptr_t> Lo{0};
  std::atomic<uintptr_t> Hi{0};
  /// The call frame information of the code, if known (published with
  /// Hi, before Lo).
  std::atomic<const uint8_t *> EhBegin{nullptr};
  std::atomic<size_t> EhSize{0};
};

constexpr int ChunkSize = 256;

struct CodeChunk {
  CodeRange Ranges[ChunkSize];
  std::atomic<CodeChunk *> Next{nullptr};
};

CodeChunk FirstChunk;
std::mutex RegistryLock;

} // namespace

int registerCode(uintptr_t Lo, uintptr_t Hi, EhFrame Eh) {
  if (Lo == 0 || Hi <= Lo)
    return -1;
  std::lock_guard<std::mutex> Lock(RegistryLock);
  int Base = 0;
  for (CodeChunk *C = &FirstChunk;; Base += ChunkSize) {
    for (int I = 0; I < ChunkSize; ++I) {
      CodeRange &R = C->Ranges[I];
      if (R.Lo.load(std::memory_order_relaxed) != 0 ||
          R.Hi.load(std::memory_order_relaxed) != 0)
        continue;
      R.EhBegin.store(Eh.Begin, std::memory_order_relaxed);
      R.EhSize.store(Eh.Size, std::memory_order_relaxed);
      R.Hi.store(Hi, std::memory_order_release);
      R.Lo.store(Lo, std::memory_order_release);
      return Base + I;
    }
    CodeChunk *Next = C->Next.load(std::memory_order_acquire);
    if (!Next) {
      Next = new (std::nothrow) CodeChunk();
      if (!Next)
        return -1;
      C->Next.store(Next, std::memory_order_release);
    }
    C = Next;
  }
}

void unregisterCode(int Slot) {
  if (Slot < 0)
    return;
  std::lock_guard<std::mutex> Lock(RegistryLock);
  CodeChunk *C = &FirstChunk;
  for (int I = Slot / ChunkSize; I > 0 && C; --I)
    C = C->Next.load(std::memory_order_acquire);
  if (!C)
    return;
  CodeRange &R = C->Ranges[Slot % ChunkSize];
  R.Lo.store(0, std::memory_order_release);
  R.Hi.store(0, std::memory_order_release);
}

bool findRegisteredCode(uintptr_t Pc, EhFrame *Eh) {
  for (const CodeChunk *C = &FirstChunk; C;
       C = C->Next.load(std::memory_order_acquire)) {
    for (const CodeRange &R : C->Ranges) {
      uintptr_t Lo = R.Lo.load(std::memory_order_acquire);
      if (Lo == 0 || Pc < Lo)
        continue;
      if (Pc >= R.Hi.load(std::memory_order_acquire))
        continue;
      if (Eh) {
        Eh->Begin = R.EhBegin.load(std::memory_order_relaxed);
        Eh->Size = R.EhSize.load(std::memory_order_relaxed);
      }
      // A slot unregistered meanwhile: its Lo is 0 again.
      return R.Lo.load(std::memory_order_acquire) == Lo;
    }
  }
  return false;
}

bool isRegisteredCode(uintptr_t Pc) { return findRegisteredCode(Pc, nullptr); }

// ---- Per-thread state ----------------------------------------------------

namespace {

/// One active call from the host into wasm. Only trivially constructible
/// thread_locals are read by the signal handler.
struct Entry {
  sigjmp_buf Buf;
  Entry *Prev = nullptr;
  uint32_t Kind = W2N_TRAP_NONE;
  uintptr_t Pc = 0;
  std::string HostMessage; // written only outside signal handlers
  std::string Function;    // written only outside signal handlers
};

/// The backtrace of this thread's last trap, on the heap: a record big
/// enough for a deep recursion does not belong in every call's frame.
/// Only the innermost entry records, and runGuarded copies the record out
/// before anything else can trap on this thread.
struct ThreadRecorder {
  FrameRecorder *R = nullptr;
  ~ThreadRecorder() { delete R; }
};

thread_local Entry *CurrentEntry = nullptr;
thread_local ThreadRecorder Recorder;
thread_local unsigned Depth = 0;
thread_local uintptr_t StackLow = 0;
thread_local bool ThreadPrepared = false;

/// A fault this close to the thread's stack bottom is a stack overflow.
constexpr uintptr_t StackFaultWindow = 64 * 1024;
/// The alternate signal stack of threads that have none.
constexpr size_t MinAltStackSize = 64 * 1024;

/// The alternate signal stack this runtime installed on this thread, if
/// any; removed and freed when the thread exits.
struct AltStack {
  char *Mapping = nullptr;
  size_t MappingSize = 0;
  size_t GuardSize = 0;

  ~AltStack() {
    if (!Mapping)
      return;
    stack_t Cur;
    if (sigaltstack(nullptr, &Cur) == 0 && Cur.ss_sp == Mapping + GuardSize &&
        !(Cur.ss_flags & SS_ONSTACK)) {
      stack_t Off = {};
      Off.ss_flags = SS_DISABLE;
      sigaltstack(&Off, nullptr);
    }
    munmap(Mapping, MappingSize);
  }
};

thread_local AltStack ThreadAltStack;

uintptr_t computeStackLow() {
  pthread_attr_t Attr;
  if (pthread_getattr_np(pthread_self(), &Attr) != 0)
    return 0;
  void *Addr = nullptr;
  size_t Size = 0;
  int RC = pthread_attr_getstack(&Attr, &Addr, &Size);
  pthread_attr_destroy(&Attr);
  return RC == 0 ? reinterpret_cast<uintptr_t>(Addr) : 0;
}

void installAltStack() {
  stack_t Old;
  if (sigaltstack(nullptr, &Old) == 0 && !(Old.ss_flags & SS_DISABLE) &&
      Old.ss_size >= MinAltStackSize)
    return; // the host's own alternate stack is big enough
  size_t Page = size_t(sysconf(_SC_PAGESIZE));
  size_t Size = std::max<size_t>(MinAltStackSize, SIGSTKSZ);
  Size = (Size + Page - 1) / Page * Page;
  void *Map = mmap(nullptr, Size + Page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (Map == MAP_FAILED)
    return;
  char *Base = static_cast<char *>(Map);
  mprotect(Base, Page, PROT_NONE); // overflowing the handler faults
  stack_t New = {};
  New.ss_sp = Base + Page;
  New.ss_size = Size;
  if (sigaltstack(&New, nullptr) != 0) {
    munmap(Map, Size + Page);
    return;
  }
  ThreadAltStack.Mapping = Base;
  ThreadAltStack.MappingSize = Size + Page;
  ThreadAltStack.GuardSize = Page;
}

void prepareThread() {
  if (ThreadPrepared)
    return;
  ThreadPrepared = true;
  installSignalHandlers();
  if (!StackLow)
    StackLow = computeStackLow();
  installAltStack();
  // Allocated here, never in the signal handler; without it a trap just
  // has no backtrace.
  Recorder.R = new (std::nothrow) FrameRecorder();
}

// ---- The signal handlers -------------------------------------------------

constexpr int HandledSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
constexpr int NumHandledSignals = sizeof(HandledSignals) / sizeof(int);
struct sigaction PreviousActions[NumHandledSignals];
std::once_flag InstallOnce;

int slotOf(int Sig) {
  for (int I = 0; I < NumHandledSignals; ++I)
    if (HandledSignals[I] == Sig)
      return I;
  return -1;
}

#if defined(__x86_64__)
uintptr_t pcOf(const void *Ctx) {
  return uintptr_t(
      static_cast<const ucontext_t *>(Ctx)->uc_mcontext.gregs[REG_RIP]);
}
#elif defined(__aarch64__)
uintptr_t pcOf(const void *Ctx) {
  return uintptr_t(static_cast<const ucontext_t *>(Ctx)->uc_mcontext.pc);
}
#elif defined(__riscv)
uintptr_t pcOf(const void *Ctx) {
  return uintptr_t(
      static_cast<const ucontext_t *>(Ctx)->uc_mcontext.__gregs[REG_PC]);
}
#else
#error "runtime-support: unsupported architecture (no pc in ucontext)"
#endif

/// The registers a backtrace starts from.
UnwindRegs regsOf(const void *Ctx) {
  const mcontext_t &M = static_cast<const ucontext_t *>(Ctx)->uc_mcontext;
  UnwindRegs R;
#if defined(__x86_64__)
  R.Pc = uintptr_t(M.gregs[REG_RIP]);
  R.Sp = uintptr_t(M.gregs[REG_RSP]);
  R.Fp = uintptr_t(M.gregs[REG_RBP]);
#elif defined(__aarch64__)
  R.Pc = uintptr_t(M.pc);
  R.Sp = uintptr_t(M.sp);
  R.Fp = uintptr_t(M.regs[29]);
  R.Lr = uintptr_t(M.regs[30]);
#elif defined(__riscv)
  R.Pc = uintptr_t(M.__gregs[REG_PC]);
  R.Sp = uintptr_t(M.__gregs[REG_SP]);
  R.Fp = uintptr_t(M.__gregs[REG_S0]);
  R.Lr = uintptr_t(M.__gregs[REG_RA]);
#endif
  return R;
}

/// Records the backtrace of the wasm call of E from Start into this
/// thread's recorder. Async-signal-safe. Every read of the stack lies
/// between the thread's stack bottom and E, which lives in runGuarded's
/// frame (older than every frame of the call).
void recordFrames(Entry *E, const WalkStart &Start) {
  FrameRecorder *R = Recorder.R;
  if (!R)
    return;
  R->reset();
  StackBounds Stack{StackLow, reinterpret_cast<uintptr_t>(E)};
  walkFrames(Start, Stack, *R);
}

uint32_t classifyFault(int Sig, const siginfo_t *Info) {
  if (Sig == SIGFPE)
    return Info->si_code == FPE_INTOVF ? W2N_TRAP_INT_OVERFLOW
                                       : W2N_TRAP_INT_DIV_BY_ZERO;
  if (Sig == SIGILL)
    return W2N_TRAP_UNREACHABLE;
  uintptr_t Addr = reinterpret_cast<uintptr_t>(Info->si_addr);
  uintptr_t Low = StackLow;
  if (Low && Addr < Low + StackFaultWindow && Addr + StackFaultWindow >= Low)
    return W2N_TRAP_CALL_STACK_EXHAUSTED;
  return W2N_TRAP_MEMORY_OUT_OF_BOUNDS;
}

/// Passes a signal that is not ours to the previous disposition.
void chainSignal(int Sig, siginfo_t *Info, void *Ctx) {
  int Slot = slotOf(Sig);
  if (Slot < 0)
    return;
  const struct sigaction &Prev = PreviousActions[Slot];
  bool Sent = Info->si_code <= 0; // kill/raise/sigqueue, not a fault
  if (Prev.sa_flags & SA_SIGINFO) {
    Prev.sa_sigaction(Sig, Info, Ctx);
    return;
  }
  if (Prev.sa_handler == SIG_IGN && Sent)
    return;
  if (Prev.sa_handler == SIG_DFL || Prev.sa_handler == SIG_IGN) {
    // Let the default action happen: a faulting instruction faults again
    // when the handler returns; a sent signal is raised again (it stays
    // pending until the handler returns).
    struct sigaction Default;
    std::memset(&Default, 0, sizeof(Default));
    Default.sa_handler = SIG_DFL;
    sigemptyset(&Default.sa_mask);
    sigaction(Sig, &Default, nullptr);
    if (Sent)
      raise(Sig);
    return;
  }
  Prev.sa_handler(Sig);
}

void handleSignal(int Sig, siginfo_t *Info, void *Ctx) {
  Entry *E = CurrentEntry;
  uintptr_t Pc = pcOf(Ctx);
  if (E && isRegisteredCode(Pc)) {
    E->Kind = classifyFault(Sig, Info);
    E->Pc = Pc;
    // The faulting pc is exact, and the context has every register: the
    // walk starts with the faulting frame's call frame information.
    recordFrames(E, WalkStart{regsOf(Ctx), /*SpKnown=*/true});
    // The entry's sigjmp_buf does not save the signal mask (that would
    // cost a system call per call into wasm), so unblock the signal that
    // the kernel blocked for this handler before leaving it.
    sigset_t Unblock;
    sigemptyset(&Unblock);
    sigaddset(&Unblock, Sig);
    sigprocmask(SIG_UNBLOCK, &Unblock, nullptr);
    siglongjmp(E->Buf, 1);
  }
  int SavedErrno = errno;
  chainSignal(Sig, Info, Ctx);
  errno = SavedErrno;
}

} // namespace

// ---- Guarded calls -------------------------------------------------------

bool runGuarded(void (*Fn)(void *), void *Arg, RawTrap &Out) {
  prepareThread();
  Entry E;
  E.Prev = CurrentEntry;
  ++Depth;
  if (sigsetjmp(E.Buf, 0) == 0) {
    CurrentEntry = &E;
    Fn(Arg);
    CurrentEntry = E.Prev;
    --Depth;
    return false;
  }
  CurrentEntry = E.Prev;
  --Depth;
  Out.Kind = E.Kind;
  Out.Pc = E.Pc;
  Out.HostMessage = std::move(E.HostMessage);
  Out.Function = std::move(E.Function);
  Out.Frames.clear();
  Out.OmittedFrames = 0;
  if (const FrameRecorder *R = Recorder.R) {
    for (unsigned I = 0; I < R->numRuns(); ++I) {
      const FrameRun &Run = R->run(I);
      Out.Frames.push_back(
          {std::vector<uintptr_t>(Run.Pcs, Run.Pcs + Run.Period), Run.Count});
    }
    Out.OmittedFrames = R->omitted();
    Recorder.R->reset();
  }
  return true;
}

unsigned guardedDepth() { return Depth; }

uintptr_t threadStackLow() {
  if (!StackLow)
    StackLow = computeStackLow();
  return StackLow;
}

namespace {

/// The first frame of compiled code above the runtime's, as the unwinder
/// of the C++ runtime (libgcc's, through the runtime's own call frame
/// information) sees it: the pc in that frame, and its stack and frame
/// pointers at the call out of it.
struct FirstWasmFrame {
  WalkStart Start;
  bool Found = false;
};

#if defined(__x86_64__)
constexpr int FpDwarfReg = 6;
#elif defined(__aarch64__)
constexpr int FpDwarfReg = 29;
#elif defined(__riscv)
constexpr int FpDwarfReg = 8;
#endif

_Unwind_Reason_Code findFirstWasmFrame(_Unwind_Context *Ctx, void *Arg) {
  auto *F = static_cast<FirstWasmFrame *>(Arg);
  int IpBefore = 0;
  uintptr_t Ip = _Unwind_GetIPInfo(Ctx, &IpBefore);
  if (!Ip)
    return _URC_END_OF_STACK;
  uintptr_t Pc = IpBefore ? Ip : Ip - 1;
  if (!isRegisteredCode(Pc))
    return _URC_NO_REASON;
  F->Start.Regs.Pc = Pc;
  // The CFA of the frame below, the runtime's, is this frame's stack
  // pointer at the call.
  F->Start.Regs.Sp = _Unwind_GetCFA(Ctx);
  F->Start.Regs.Fp = _Unwind_GetGR(Ctx, FpDwarfReg);
  F->Start.SpKnown = true;
  F->Found = true;
  return _URC_END_OF_STACK; // the rest is ours to walk
}

} // namespace

void unwindWithTrap(uint32_t Kind, uintptr_t Pc, const char *HostMessage,
                    const std::string *Function) {
  Entry *E = CurrentEntry;
  if (!E) {
    std::fprintf(stderr,
                 "wasm2native: trap (%s) outside a call into wasm; "
                 "aborting\n",
                 HostMessage ? HostMessage : trapMessage(Kind));
    std::abort();
  }
  E->Kind = Kind;
  E->Pc = Pc;
  // Not in a signal handler: the C++ unwinder may take the runtime's
  // frames (host functions, entry points), whatever their shape, down to
  // the first frame of compiled code. Without it (no unwind tables), the
  // frame-pointer chain from here.
  FirstWasmFrame First;
  _Unwind_Backtrace(findFirstWasmFrame, &First);
  if (!First.Found) {
    First.Start.Regs.Fp =
        reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    First.Start.SpKnown = false;
  }
  recordFrames(E, First.Start);
  if (HostMessage)
    E->HostMessage = HostMessage;
  if (Function)
    E->Function = *Function;
  siglongjmp(E->Buf, 1);
}

} // namespace detail

void installSignalHandlers() {
  std::call_once(detail::InstallOnce, [] {
    for (int I = 0; I < detail::NumHandledSignals; ++I) {
      struct sigaction Action;
      std::memset(&Action, 0, sizeof(Action));
      Action.sa_sigaction = detail::handleSignal;
      Action.sa_flags = SA_SIGINFO | SA_ONSTACK;
      sigemptyset(&Action.sa_mask);
      sigaction(detail::HandledSignals[I], &Action,
                &detail::PreviousActions[I]);
    }
  });
}

void raiseTrap(uint32_t Kind) { detail::unwindWithTrap(Kind, 0, nullptr); }

void raiseHostTrap(const char *Message) {
  detail::unwindWithTrap(W2N_TRAP_HOST, 0, Message ? Message : "");
}

bool inWasmCall() { return detail::Depth != 0; }

} // namespace w2n::rt
