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
};

constexpr int ChunkSize = 256;

struct CodeChunk {
  CodeRange Ranges[ChunkSize];
  std::atomic<CodeChunk *> Next{nullptr};
};

CodeChunk FirstChunk;
std::mutex RegistryLock;

} // namespace

int registerCode(uintptr_t Lo, uintptr_t Hi) {
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

bool isRegisteredCode(uintptr_t Pc) {
  for (const CodeChunk *C = &FirstChunk; C;
       C = C->Next.load(std::memory_order_acquire)) {
    for (const CodeRange &R : C->Ranges) {
      uintptr_t Lo = R.Lo.load(std::memory_order_acquire);
      if (Lo == 0 || Pc < Lo)
        continue;
      if (Pc < R.Hi.load(std::memory_order_acquire))
        return true;
    }
  }
  return false;
}

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
  /// The backtrace: pcs in registered code, innermost first.
  static constexpr unsigned MaxFrames = 64;
  uintptr_t Frames[MaxFrames];
  unsigned NumFrames = 0;
};

thread_local Entry *CurrentEntry = nullptr;
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

#if defined(__x86_64__)
uintptr_t fpOf(const void *Ctx) {
  return uintptr_t(
      static_cast<const ucontext_t *>(Ctx)->uc_mcontext.gregs[REG_RBP]);
}
#elif defined(__aarch64__)
uintptr_t fpOf(const void *Ctx) {
  return uintptr_t(static_cast<const ucontext_t *>(Ctx)->uc_mcontext.regs[29]);
}
#elif defined(__riscv)
uintptr_t fpOf(const void *Ctx) {
  return uintptr_t(
      static_cast<const ucontext_t *>(Ctx)->uc_mcontext.__gregs[REG_S0]);
}
#endif

/// Records the backtrace of the wasm call of E: Pc (if in compiled code),
/// then the return addresses found by following the frame-pointer chain
/// from Fp. Async-signal-safe. Every frame record read lies between the
/// bottom of this thread's stack and E, which lives in runGuarded's frame
/// (older than every frame of the call), and the chain must go strictly up,
/// so a broken chain (code without frame pointers) ends the walk instead of
/// misleading it. Fp may hold any value (such code uses the register for
/// data), so the bounds are checked in arithmetic that cannot wrap, and
/// with no known stack bottom there is no walk.
void recordFrames(Entry *E, uintptr_t Fp, uintptr_t Pc) {
#if defined(__riscv)
  // fp is the frame's top: ra at fp - 8, the caller's fp at fp - 16.
  constexpr intptr_t NextOff = -16, RetOff = -8;
#else
  // fp points at {caller's fp, return address}.
  constexpr intptr_t NextOff = 0, RetOff = 8;
#endif
  E->NumFrames = 0;
  if (Pc && isRegisteredCode(Pc))
    E->Frames[E->NumFrames++] = Pc;
  uintptr_t Top = reinterpret_cast<uintptr_t>(E);
  uintptr_t Low = StackLow;
  bool First = true;
  while (Low && E->NumFrames < Entry::MaxFrames) {
    uintptr_t Rec = Fp + NextOff;
    if (Fp % sizeof(uintptr_t) || Rec < Low || Rec > Top ||
        Top - Rec < 2 * sizeof(uintptr_t))
      break;
    uintptr_t Next = *reinterpret_cast<const uintptr_t *>(Fp + NextOff);
    uintptr_t Ret = *reinterpret_cast<const uintptr_t *>(Fp + RetOff);
    // Ret - 1 is inside the call instruction. The first one may be the
    // call that Pc already names (when the trap entry has a frame).
    if (Ret && isRegisteredCode(Ret - 1)) {
      if (!(First && E->NumFrames && E->Frames[0] == Ret - 1))
        E->Frames[E->NumFrames++] = Ret - 1;
      First = false;
    }
    if (Next <= Fp)
      break;
    Fp = Next;
  }
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
    recordFrames(E, fpOf(Ctx), Pc);
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
  Out.Frames.assign(E.Frames, E.Frames + E.NumFrames);
  return true;
}

unsigned guardedDepth() { return Depth; }

uintptr_t threadStackLow() {
  if (!StackLow)
    StackLow = computeStackLow();
  return StackLow;
}

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
  recordFrames(E, reinterpret_cast<uintptr_t>(__builtin_frame_address(0)), Pc);
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
